// Maps a failed docker command's stderr onto a stable error code (pure, unit-tested).
import type { ErrorCode } from '../errors.js';

const RULES: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/Cannot connect to the Docker daemon|error during connect|Is the docker daemon running|dial unix .*docker\.sock/i, 'DAEMON_UNREACHABLE'],
  [/port is already allocated|address already in use/i, 'PORT_ALLOCATED'],
  [/is already in use by container|Conflict\. The container name|container name .* is already in use|network with name .* already exists|network already exists/i, 'NAME_IN_USE'],
  [/Unable to find image|pull access denied|manifest unknown|manifest for .* not found|repository does not exist|No such image|not found: manifest|failed to find image .*image not known/i, 'IMAGE_NOT_FOUND'],
  [/No such container/i, 'NO_SUCH_CONTAINER'],
  [/No such network|network .* not found|No such volume|no such volume|No such object/i, 'NO_SUCH_RESOURCE'],
];

// The error code for a failed docker call, `COMMAND_FAILED` when nothing more specific matches.
export function classifyStderr(stderr: string): ErrorCode {
  for (const [pattern, code] of RULES) if (pattern.test(stderr)) return code;
  return 'COMMAND_FAILED';
}

// The most telling line of a docker error output, for an error message.
export function summarizeStderr(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = lines.filter((line) => /error|denied|no such|not found|conflict|cannot|failed/i.test(line));
  return (telling.at(-1) ?? lines.at(-1) ?? '').replace(/^docker: /, '');
}

// Docker's message as the end of a sentence: a period is added only when it does not already end in
// one (docker ends some with "?" or "."), so messages never read "running?." or "..".
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?:;]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
