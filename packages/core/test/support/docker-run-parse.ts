// How the docker CLI reads a `docker run` argument list, written down for tests: which flags take
// a value (pflag takes the next argument as the value whatever it looks like), where the image
// is (the first argument that is not a flag; everything after it goes to the container, since
// `docker run` stops reading flags there), and how `--mount` reads its CSV (Go's encoding/csv: one
// record, quoted fields with "" for a quote, a bare quote in an unquoted field is an error).

const VALUE_FLAGS = new Set([
  '--pull', '--name', '--label', '-e', '-p', '--mount', '--tmpfs', '--memory', '--cpus', '--cpu-shares', '--restart', '--user',
  '--workdir', '--hostname', '--network', '--network-alias', '--add-host', '--health-cmd', '--health-interval', '--health-timeout',
  '--health-retries', '--health-start-period', '--platform', '--entrypoint',
]);
const BOOLEAN_FLAGS = new Set(['-d', '--privileged', '--no-healthcheck']);

export interface ParsedRun {
  /** Each flag with its value (`true` for a flag without one), in order. */
  flags: [string, string | true][];
  image: string;
  command: string[];
}

// Reads `args` (starting with `run`) as docker would; throws on a flag docker would not expect here.
export function parseRunArgs(args: readonly string[]): ParsedRun {
  if (args[0] !== 'run') throw new Error(`expected "run" first, got ${JSON.stringify(args[0])}`);
  const flags: ParsedRun['flags'] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') return { flags, image: arg, command: args.slice(i + 1) as string[] };
    if (BOOLEAN_FLAGS.has(arg)) flags.push([arg, true]);
    else if (VALUE_FLAGS.has(arg) && i + 1 < args.length) flags.push([arg, args[++i] as string]);
    else throw new Error(`docker would read ${JSON.stringify(arg)} as a flag of its own`);
  }
  throw new Error('no image');
}

// The values of one flag, in order.
export function flagValues(parsed: ParsedRun, flag: string): (string | true)[] {
  return parsed.flags.filter(([name]) => name === flag).map(([, value]) => value);
}

// One CSV record as Go's encoding/csv reads it (no LazyQuotes); throws where it would fail.
export function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('extraneous or missing " in quoted-field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        // Go drops a carriage return before a newline, even inside quotes.
        if (text[i] === '\r' && text[i + 1] === '\n') {
          i++;
          continue;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',') throw new Error('extraneous " in field');
    } else {
      while (i < text.length && text[i] !== ',') {
        if (text[i] === '"') throw new Error('bare " in non-quoted-field');
        if (text[i] === '\n' || text[i] === '\r') throw new Error('the record ends at a line break: the rest is lost');
        field += text[i++];
      }
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++;
  }
}

// A `--mount` value as docker reads it: `key=value` fields (split at the first `=`) and bare keys.
export function parseMount(value: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const field of parseCsvRecord(value)) {
    const at = field.indexOf('=');
    const key = at < 0 ? field : field.slice(0, at);
    (out[key] ??= []).push(at < 0 ? 'true' : field.slice(at + 1));
  }
  return out;
}
