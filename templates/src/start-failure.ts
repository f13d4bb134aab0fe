// The error of a `startServices()` whose services did not all start: each failed service first
// with its cause, then the details (the docker command with its labels elided, state, last logs).
import { DockerCommandError, DockerWrapperError, StartupError, summarizeStderr } from '@docker-wrapper/core';
import { explainedImageError } from './image-missing.js';

export interface ServiceFailure {
  /** The service's name in the template map. */
  service: string;
  /** The template's kind (`postgres`, `redis`, ...). */
  kind: string;
  error: unknown;
}

// Several services failed to start: `failures` names each one, `errors` lists their errors.
export class ServicesStartError extends DockerWrapperError {
  readonly failures: readonly ServiceFailure[];
  readonly errors: readonly unknown[];
  constructor(failures: readonly ServiceFailure[], total: number) {
    super('STARTUP_FAILED', formatFailures(failures, total), { cause: failures[0]?.error });
    this.name = 'ServicesStartError';
    this.failures = failures;
    this.errors = failures.map((failure) => failure.error);
  }
}

interface Described {
  cause: string;
  details: string[];
}

// What went wrong in one line, and what helps to see why (pure).
export function describeStartFailure(error: unknown): Described {
  if (error instanceof DockerCommandError && error.code !== 'COMMAND_TIMEOUT' && error.code !== 'COMMAND_ABORTED') {
    // A missing image's own error names the image and how to stand one in; docker's may not.
    const image = explainedImageError(error);
    const cause = image?.headline ?? (summarizeStderr(error.stderr) || firstLine(error.message));
    return { cause: `${cause} [${error.code}]`, details: [...(image ? [image.hint] : []), `while running: ${shortCommand(error.args)}`] };
  }
  if (error instanceof StartupError) {
    const [headline = '', ...rest] = error.message.split('\n');
    return { cause: headline, details: rest };
  }
  const message = error instanceof Error ? error.message : String(error);
  const [headline = '', ...rest] = message.split('\n');
  const code = (error as { code?: unknown } | null)?.code;
  return { cause: typeof code === 'string' && !headline.includes(code) ? `${headline} [${code}]` : headline, details: rest };
}

// `docker run ...` with every `--label k=v` pair left out (they are long and say nothing here).
export function shortCommand(args: readonly string[]): string {
  const kept: string[] = [];
  let elided = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--label' || arg === '-l') {
      elided++;
      i++;
    } else if (arg.startsWith('--label=')) {
      elided++;
    } else {
      kept.push(arg);
    }
  }
  return `docker ${kept.join(' ')}${elided > 0 ? ` (${elided} label(s) elided)` : ''}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function formatFailures(failures: readonly ServiceFailure[], total: number): string {
  const described = failures.map((failure) => ({ failure, ...describeStartFailure(failure.error) }));
  const lines = [`${failures.length} of ${total} service(s) failed to start:`];
  for (const { failure, cause } of described) lines.push(`- ${failure.service} (${failure.kind}): ${cause}`);
  for (const { failure, details } of described) {
    if (details.length === 0) continue;
    lines.push('', `[${failure.service}]`, ...details);
  }
  return lines.join('\n');
}
