// A failed init script, read from the container's output: the entrypoint announces each script
// (`docker-entrypoint.sh: running /docker-entrypoint-initdb.d/002-seed.sql`) and stops at the
// first that fails, after psql has printed the server's error for it. A start that ends there
// gets that as its headline instead of the bare exit code or the readiness probe's complaint.
import { StartupError } from '@docker-wrapper/core';

const RUNNING = /: (?:running|sourcing) \/docker-entrypoint-initdb\.d\/(\S+)$/;
// `psql:/docker-entrypoint-initdb.d/002-seed.sql:3: ERROR:  ...` (`psql:<stdin>:3:` for .sql.gz).
const PSQL_ERROR = /^psql:.*?:\d+: (?:ERROR|FATAL|error):/;
const PSQL_FILE_ERROR = /^psql:\/docker-entrypoint-initdb\.d\/([^:]+):\d+: (?:ERROR|FATAL|error):/;
// The server's own log lines (`2026-12-02 14:01:30.838 UTC [39] ERROR: ...`) repeat what psql said.
const SERVER_LOG = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[\d+\] /;
// Past the scripts: the official image's and the stand-in's lines after the last one.
const PAST_SCRIPTS = /init process complete|initialisation complete|server stopped/;

// The headline for a start that ended in an init script: the script and its error line, or its
// last output line (a shell script); undefined when no script was running (pure).
export function initScriptFailure(logs: readonly string[]): string | undefined {
  const lines = logs.map((line) => line.trim());
  const running = lines.findLastIndex((line) => RUNNING.test(line));
  // A long script can push its announcement out of the lines kept; psql's error names it too.
  const from = running >= 0 ? running : lines.findIndex((line) => PSQL_FILE_ERROR.test(line));
  if (from < 0) return undefined;
  const window = lines.slice(from);
  if (window.some((line) => PAST_SCRIPTS.test(line))) return undefined;
  const script = (RUNNING.exec(window[0] as string) ?? PSQL_FILE_ERROR.exec(window[0] as string))?.[1] as string;
  const said = window.find((line) => PSQL_ERROR.test(line)) ?? window.slice(1).filter((line) => line && !SERVER_LOG.test(line)).at(-1);
  return `init script ${script} failed${said ? `: ${said}` : ''}`;
}

// A StartupError whose container stopped in an init script, with that as its headline; any other
// error as it is.
export function explainInitFailure(error: unknown): unknown {
  if (!(error instanceof StartupError) || error.reason === 'timeout') return error;
  const headline = initScriptFailure(error.logs);
  if (!headline) return error;
  const { strategy, elapsedMs, containerId, containerName, image, state, logs } = error;
  return new StartupError({ reason: 'exited', strategy, elapsedMs, containerId, containerName, image, state, logs }, headline, { cause: error });
}
