// Turns the lines of a live `docker stats` stream into samples (pure): skips the CLI's redraws of
// an unchanged reading, blanks the first CPU figure of each container, and tells when every
// container reads `--` (removed, or the daemon went away).
import { DockerWrapperError } from '../errors.js';
import { parseStatsLine, stripTerminalEscapes, type StatsSample } from './stats-parse.js';

// The CLI redraws every 500 ms but the engine measures about once a second: a line identical to the
// last one kept for that container, sooner than this, is a redraw.
const REDRAW_MS = 750;

// One per `docker stats` process: remembers the last line kept of each container.
export class StatsLineReader {
  readonly #kept = new Map<string, { text: string; time: number; gone: boolean }>();

  // The new sample on a line, if any; throws a PARSE_ERROR on a line docker would not print.
  read(line: string, time: number): StatsSample | undefined {
    const text = stripTerminalEscapes(line).trim();
    let sample: StatsSample | undefined;
    try {
      sample = parseStatsLine(text, time);
    } catch (cause) {
      throw new DockerWrapperError('PARSE_ERROR', `Could not read a docker stats line: ${String(cause)} in ${JSON.stringify(text.slice(0, 200))}`, { cause });
    }
    if (!sample) return undefined;
    const previous = this.#kept.get(sample.id);
    if (previous && previous.text === text && time - previous.time < REDRAW_MS) return undefined;
    const gone = sample.memoryLimitBytes === null && sample.pids === null && sample.cpuPercent === null;
    this.#kept.set(sample.id, { text, time, gone });
    // The first figure has no earlier reading to compare with: docker shows an average since start.
    return previous ? sample : { ...sample, cpuPercent: null };
  }

  /** True when every container seen so far last read `--`. */
  get allGone(): boolean {
    if (this.#kept.size === 0) return false;
    for (const entry of this.#kept.values()) if (!entry.gone) return false;
    return true;
  }

  /** The full ids of the containers seen. */
  ids(): string[] {
    return [...this.#kept.keys()];
  }
}
