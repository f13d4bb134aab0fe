// What the compose() tests share: the fixture stack, its app's base image, and what is left of a
// session or a compose project.
import { fileURLToPath } from 'node:url';
import { substituteImage, substitutionFromEnv } from '@docker-wrapper/core';
import { execa } from 'execa';

export const stackFile = fileURLToPath(new URL('../fixtures/compose/docker-compose.yml', import.meta.url));

// The Dockerfile's FROM is not substituted by compose: its base comes in as a build argument.
export function appBase(): string {
  return substituteImage('python:3-slim', substitutionFromEnv(process.env));
}

async function ids(args: string[]): Promise<string[]> {
  const { stdout } = await execa('docker', args);
  return stdout.split('\n').filter(Boolean);
}

// Containers, networks and volumes carrying `label`.
export async function labelled(label: string): Promise<string[]> {
  const filter = ['--filter', `label=${label}`];
  const [containers, networks, volumes] = await Promise.all([ids(['ps', '-aq', ...filter]), ids(['network', 'ls', '-q', ...filter]), ids(['volume', 'ls', '-q', ...filter])]);
  return [...containers.map((id) => `container ${id}`), ...networks.map((id) => `network ${id}`), ...volumes.map((id) => `volume ${id}`)];
}
