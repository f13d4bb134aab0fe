// This project's services that `up --detach` left running, by name, from its state file.
import { didYouMean } from '@docker-wrapper/core';
import { currentProject } from '../project.js';
import { UsageError } from './exit-codes.js';
import { readState } from './state.js';

export interface RunningService {
  name: string;
  kind: string;
  containerId: string;
}

// Every service with a container that a recorded detached session of this project holds.
export function runningServices(): RunningService[] {
  return readState(currentProject()).sessions.flatMap((session) => Object.entries(session.services).flatMap(([name, s]) => (s.containerId ? [{ name, kind: s.kind, containerId: s.containerId }] : [])));
}

// The service of that name (the newest one when two sessions have it).
export function runningService(name: string): RunningService {
  const services = runningServices();
  const found = services.filter((s) => s.name === name).at(-1);
  if (found) return found;
  if (services.length === 0) throw new UsageError(`No service is running for ${currentProject()}: start them with \`docker-wrapper up --detach\`.`);
  throw new UsageError(`No running service ${JSON.stringify(name)}.${didYouMean(name, services.map((s) => s.name))} Running: ${[...new Set(services.map((s) => s.name))].join(', ')}.`);
}
