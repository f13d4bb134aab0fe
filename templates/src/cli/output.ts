// Where the command line writes and how: colours and live displays only on a terminal, never
// under CI or NO_COLOR, and never on stdout when `--json` reserves it for one JSON document.
import { createColors } from 'picocolors';

export interface Output {
  /** True when live redrawing displays may be used (stderr is a terminal and not CI). */
  readonly live: boolean;
  readonly colors: ReturnType<typeof createColors>;
  /** A line for people (stdout, or stderr under `--json`). */
  info(line: string): void;
  /** A warning or an error line (stderr). */
  error(line: string): void;
  /** The one JSON document of `--json`. */
  json(value: unknown): void;
  /** The stream that live displays redraw. */
  readonly stream: NodeJS.WriteStream;
}

export interface OutputOptions {
  json?: boolean;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

// Whether colours and live displays fit: a terminal, no CI, no NO_COLOR (pure, for tests).
export function decorations(isTty: boolean, env: NodeJS.ProcessEnv): { colors: boolean; live: boolean } {
  const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const dumb = env.TERM === 'dumb';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '';
  return { colors: !noColor && (forced || (isTty && !ci && !dumb)), live: isTty && !ci && !dumb };
}

// The output of one command: stdout for people (stderr under --json), colours as the environment allows.
export function createOutput(options: OutputOptions = {}): Output {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const human = options.json ? stderr : stdout;
  const { colors, live } = decorations(Boolean(human.isTTY), env);
  return {
    // A terminal that reports no size (a pseudo-terminal of a script) cannot be redrawn in place.
    live: live && (human.rows ?? 0) > 0,
    colors: createColors(colors),
    stream: human,
    info: (line) => human.write(`${line}\n`),
    error: (line) => stderr.write(`${line}\n`),
    json: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
