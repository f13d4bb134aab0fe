// Reads one line of `docker stats --format '{{json .}}'` into a sample (pure). The live form
// redraws the screen with terminal escapes (`ESC[2J ESC[H` on docker 20.10, `ESC[H ... ESC[K`,
// `ESC[J` on newer CLIs); they are stripped first.
import { parseCount, parsePercent, parseSizePair } from './units.js';

export interface StatsSample {
  /** Full container id. */
  id: string;
  name: string;
  /** When this process read the sample, in milliseconds since the Unix epoch. */
  time: number;
  /** CPU use in percent of one core (a container busy on two cores shows about 200). */
  cpuPercent: number | null;
  /** Memory in use (docker's figure: usage minus page cache), in bytes. */
  memoryBytes: number | null;
  /** The container's memory limit, or the host's memory when it has none. */
  memoryLimitBytes: number | null;
  memoryPercent: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  blockReadBytes: number | null;
  blockWriteBytes: number | null;
  pids: number | null;
  /** False for a stopped container (docker prints zeros) or a removed one (docker prints `--`). */
  running: boolean;
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\r/g;

// Removes the cursor and clear-screen sequences `docker stats` prints around its lines.
export function stripTerminalEscapes(text: string): string {
  return text.includes('\x1b') || text.includes('\r') ? text.replace(ESCAPES, '') : text;
}

// The sample on a line, or undefined for a line with no JSON (a blank redraw line); throws when
// the line is not what docker prints.
export function parseStatsLine(line: string, time = Date.now()): StatsSample | undefined {
  const text = stripTerminalEscapes(line).trim();
  if (text === '') return undefined;
  const raw: unknown = JSON.parse(text);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object');
  const data = raw as Record<string, unknown>;
  const field = (key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '--');
  const [memoryBytes, memoryLimitBytes] = parseSizePair(field('MemUsage'));
  const [netRxBytes, netTxBytes] = parseSizePair(field('NetIO'));
  const [blockReadBytes, blockWriteBytes] = parseSizePair(field('BlockIO'));
  const pids = parseCount(field('PIDs'));
  const cpuPercent = parsePercent(field('CPUPerc'));
  const id = field('ID');
  const name = field('Name') === '--' ? field('Container') : field('Name');
  // docker 20.10 prints `0B / 0B` and 0 PIDs for a stopped container, newer CLIs `--`.
  const running = memoryLimitBytes !== null && memoryLimitBytes > 0 && pids !== 0;
  return {
    id: id === '--' ? '' : id,
    name: name.replace(/^\//, ''),
    time,
    cpuPercent,
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: parsePercent(field('MemPerc')),
    netRxBytes,
    netTxBytes,
    blockReadBytes,
    blockWriteBytes,
    pids,
    running,
  };
}
