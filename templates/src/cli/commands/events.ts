// `docker-wrapper events`: the engine's events about docker-wrapper's resources (every session's,
// or one's), one line each, until Ctrl-C; `--json`: one JSON object per line.
import { SESSION_LABEL, type DockerEvent } from '@docker-wrapper/core';
import { connectForQueries, configuredDocker } from '../engine.js';
import { EXIT } from '../exit-codes.js';
import { untilInterrupted } from '../interrupt.js';
import type { Output } from '../output.js';

export interface EventsCliOptions {
  config?: string;
  json?: boolean;
  session?: string;
  since?: string;
  until?: string;
}

// One event as a line for people (pure).
export function formatEvent(event: DockerEvent): string {
  const name = event.attributes.name ?? event.id.slice(0, 12);
  return `${new Date(event.time).toISOString()}  ${event.type} ${event.action}${event.detail ? `: ${event.detail}` : ''}  ${name}  session=${event.attributes[SESSION_LABEL] ?? '-'}`;
}

// Runs `events` until Ctrl-C or `--until`.
export async function events(options: EventsCliOptions, output: Output): Promise<number> {
  const docker = await connectForQueries(await configuredDocker(options.config));
  const stop = untilInterrupted();
  try {
    const stream = docker.events.stream({
      labels: { [SESSION_LABEL]: options.session ?? true },
      signal: stop.signal,
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
    });
    for await (const event of stream) {
      if (options.json) process.stdout.write(`${JSON.stringify(event)}\n`);
      else output.info(formatEvent(event));
    }
  } finally {
    stop.release();
    await docker.close();
  }
  return EXIT.ok;
}
