// A bounded, time-ordered history of one container's stats samples and its aggregates over a time
// range (pure): at most `maxSamples`, none older than `window` ms before the newest.
import { InvalidOptionError } from '../errors.js';
import { Ring } from './ring.js';
import type { StatsSample } from './stats-parse.js';

export interface MonitorOptions {
  /** Keep samples at most this many milliseconds older than the newest (default 300 000). */
  window?: number;
  /** Keep at most this many samples (default 300, about five minutes at one a second). */
  maxSamples?: number;
}

/** Milliseconds since the Unix epoch, or a Date; absent bounds are open. */
export interface TimeRange {
  since?: number | Date;
  until?: number | Date;
}

export interface StatsSummary {
  /** Samples in the range (of a running container). */
  samples: number;
  /** Time of the first and last of them. */
  firstAt: number | null;
  lastAt: number | null;
  avgCpuPercent: number | null;
  peakCpuPercent: number | null;
  avgMemoryBytes: number | null;
  peakMemoryBytes: number | null;
  /** The memory limit at the peak (the container's limit, or the host's memory). */
  memoryLimitBytes: number | null;
  peakMemoryPercent: number | null;
}

// Checks monitor options and fills in the defaults.
export function normalizeMonitorOptions(options: MonitorOptions = {}): Required<MonitorOptions> {
  const window = options.window ?? 300_000;
  const maxSamples = options.maxSamples ?? 300;
  if (typeof window !== 'number' || !Number.isFinite(window) || window <= 0) {
    throw new InvalidOptionError('window', window, 'Expected a positive number of milliseconds, like 300_000.');
  }
  if (!Number.isInteger(maxSamples) || maxSamples < 1 || maxSamples > 1_000_000) {
    throw new InvalidOptionError('maxSamples', maxSamples, 'Expected an integer from 1 to 1000000.');
  }
  return { window, maxSamples };
}

// The samples of one container, bounded by count and age, with window aggregates.
export class SampleWindow {
  readonly windowMs: number;
  readonly #ring: Ring<StatsSample>;

  constructor(options: MonitorOptions = {}) {
    const { window, maxSamples } = normalizeMonitorOptions(options);
    this.windowMs = window;
    this.#ring = new Ring(maxSamples);
  }

  get size(): number {
    return this.#ring.size;
  }

  // Keeps a sample of a running container (samples of a stopped or removed one carry no data).
  add(sample: StatsSample): void {
    if (!sample.running) return;
    this.#ring.push(sample);
    const oldest = sample.time - this.windowMs;
    while ((this.#ring.at(0)?.time ?? Infinity) < oldest) this.#ring.shift();
  }

  latest(): StatsSample | undefined {
    return this.#ring.at(-1);
  }

  // The samples in a range, oldest first.
  samples(range: TimeRange = {}): StatsSample[] {
    const { since, until } = bounds(range);
    const out: StatsSample[] = [];
    for (const sample of this.#ring.newestFirst()) {
      if (sample.time < since) break;
      if (sample.time <= until) out.push(sample);
    }
    return out.reverse();
  }

  // Average and peak CPU and memory over a range (null when no sample has the figure).
  summary(range: TimeRange = {}): StatsSummary {
    const { since, until } = bounds(range);
    let samples = 0, cpuSum = 0, cpuCount = 0, memSum = 0, memCount = 0;
    let firstAt: number | null = null, lastAt: number | null = null;
    let peakCpu: number | null = null, peak: StatsSample | null = null, newestLimit: number | null = null;
    for (const sample of this.#ring.newestFirst()) {
      if (sample.time < since) break;
      if (sample.time > until) continue;
      samples++;
      lastAt ??= sample.time;
      newestLimit ??= sample.memoryLimitBytes;
      firstAt = sample.time;
      if (sample.cpuPercent !== null) {
        cpuSum += sample.cpuPercent;
        cpuCount++;
        if (peakCpu === null || sample.cpuPercent > peakCpu) peakCpu = sample.cpuPercent;
      }
      if (sample.memoryBytes !== null) {
        memSum += sample.memoryBytes;
        memCount++;
        if (peak?.memoryBytes == null || sample.memoryBytes > peak.memoryBytes) peak = sample;
      }
    }
    return {
      samples,
      firstAt,
      lastAt,
      avgCpuPercent: cpuCount > 0 ? round(cpuSum / cpuCount) : null,
      peakCpuPercent: peakCpu,
      avgMemoryBytes: memCount > 0 ? Math.round(memSum / memCount) : null,
      peakMemoryBytes: peak?.memoryBytes ?? null,
      memoryLimitBytes: peak?.memoryLimitBytes ?? newestLimit,
      peakMemoryPercent: peak?.memoryPercent ?? null,
    };
  }
}

function bounds(range: TimeRange): { since: number; until: number } {
  const ms = (value: number | Date | undefined, fallback: number) => (value === undefined ? fallback : value instanceof Date ? value.getTime() : value);
  return { since: ms(range.since, -Infinity), until: ms(range.until, Infinity) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
