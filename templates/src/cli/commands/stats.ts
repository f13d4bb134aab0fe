// `docker-wrapper stats`: CPU, memory, network and block I/O of this project's detached services;
// a live table on a terminal, plain lines otherwise (`--json`: one JSON object per line).
import { formatBytes, type StatsSample } from '@docker-wrapper/core';
import { createLogUpdate } from 'log-update';
import { connectForQueries, configuredDocker } from '../engine.js';
import { runningServices } from '../detached-services.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { untilInterrupted } from '../interrupt.js';
import type { Output } from '../output.js';
import { formatTable } from '../table.js';

export interface StatsCliOptions {
  config?: string;
  json?: boolean;
  once?: boolean;
}

const num = (value: number | null, format: (n: number) => string) => (value === null ? '-' : format(value));

// One row per service (pure).
export function statsRow(service: string, sample: StatsSample): string[] {
  return [
    service,
    sample.running ? 'running' : 'stopped',
    num(sample.cpuPercent, (n) => `${n.toFixed(1)}%`),
    `${num(sample.memoryBytes, formatBytes)} / ${num(sample.memoryLimitBytes, formatBytes)}`,
    `${num(sample.netRxBytes, formatBytes)} / ${num(sample.netTxBytes, formatBytes)}`,
    `${num(sample.blockReadBytes, formatBytes)} / ${num(sample.blockWriteBytes, formatBytes)}`,
    num(sample.pids, String),
  ];
}

export const STATS_HEADER = ['SERVICE', 'STATE', 'CPU', 'MEMORY / LIMIT', 'NET IN / OUT', 'BLOCK IN / OUT', 'PIDS'];

// Runs `stats`: one sample each (`--once`) or a stream until Ctrl-C.
export async function stats(options: StatsCliOptions, output: Output): Promise<number> {
  const services = runningServices();
  if (services.length === 0) throw new UsageError('No service is running for this project: start them with `docker-wrapper up --detach`.');
  const byId = new Map(services.map((s) => [s.containerId, s.name]));
  const docker = await connectForQueries(await configuredDocker(options.config));
  const ids = services.map((s) => s.containerId);
  try {
    if (options.once) {
      const samples = await docker.stats.once(ids);
      if (options.json) output.json(samples.map((sample) => ({ service: byId.get(sample.id), ...sample })));
      else output.info(formatTable(STATS_HEADER, samples.map((sample) => statsRow(byId.get(sample.id) ?? sample.name, sample))));
      return EXIT.ok;
    }
    const stop = untilInterrupted();
    const live = output.live && !options.json ? createLogUpdate(output.stream) : undefined;
    const latest = new Map<string, StatsSample>();
    try {
      for await (const sample of docker.stats.stream(ids, { signal: stop.signal })) {
        const service = byId.get(sample.id) ?? sample.name;
        if (options.json) process.stdout.write(`${JSON.stringify({ service, ...sample })}\n`);
        else if (live) {
          latest.set(service, sample);
          live(formatTable(STATS_HEADER, [...latest].map(([name, s]) => statsRow(name, s))));
        } else output.info(statsRow(service, sample).join('  '));
      }
    } finally {
      live?.done();
      stop.release();
    }
  } finally {
    await docker.close();
  }
  return EXIT.ok;
}
