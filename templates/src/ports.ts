// Host ports: every template publishes its service on an explicit host port (the one asked for,
// or a free one picked here), so it stays the same when the container restarts. Docker's own pick
// (`-p 127.0.0.1::5432`) would change with every restart.
import { DockerCommandError } from '@docker-wrapper/core';
import getPort from 'get-port';

/** Tries with a new host port when another process took the picked one first. */
const PORT_ATTEMPTS = 5;

// A free host port, checked on 127.0.0.1 (where a local engine publishes); get-port also keeps it
// from being handed out again by this process for a while.
export function pickHostPort(): Promise<number> {
  return getPort({ host: '127.0.0.1' });
}

// Runs `attempt` with the host port `given`, or one picked here. When docker refuses a picked port
// because another process published it between the pick and `docker run` ("port is already
// allocated"), tries again with a new pick (a port that was asked for fails at once).
export async function onHostPort<T>(given: number | undefined, attempt: (hostPort: number) => Promise<T>, pick: () => Promise<number> = pickHostPort): Promise<T> {
  for (let tries = 1; ; tries++) {
    const hostPort = given ?? (await pick());
    try {
      return await attempt(hostPort);
    } catch (error) {
      if (given === undefined && error instanceof DockerCommandError && error.code === 'PORT_ALLOCATED' && tries < PORT_ATTEMPTS) continue;
      throw error;
    }
  }
}
