// Puts the local engine's stand-in images into another engine (`docker save | docker load`) and
// returns the image map that engine needs: Podman names a loaded `a/b:t` `localhost/a/b:t`.
import { spawn } from 'node:child_process';
import { run } from './proc.mjs';

const exists = async (env, ref) => (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { env, timeoutMs: 30_000 })).exitCode === 0;

// Copies one image from the local engine to the engine `env` points at.
async function copy(ref, env) {
  const localEnv = { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
  const save = spawn('docker', ['save', ref], { env: localEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const loaded = await run('docker', ['load', '-q'], { env, input: save.stdout, timeoutMs: 600_000 });
  if (loaded.exitCode !== 0) throw new Error(`docker load of ${ref} failed: ${loaded.output}`);
}

// Loads every stand-in of `map` (`repo=image,...`) missing on the engine; returns the map for it.
export async function loadImages(map, env, { localhostPrefix = false } = {}) {
  const pairs = map.split(',').filter(Boolean).map((pair) => pair.split('='));
  const out = [];
  for (const [from, to] of pairs) {
    const target = localhostPrefix ? `localhost/${to}` : to;
    if (!(await exists(env, target))) await copy(to, env);
    out.push(`${from}=${target}`);
  }
  return out.join(',');
}
