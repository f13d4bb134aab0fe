// The messages of a failed `Docker.connect()`, built from docker's own error output (pure, tested
// on captured stderr): what went wrong, then what to do.
import { asSentence } from './classify.js';

const ELSEWHERE = 'or point DOCKER_HOST, DOCKER_CONTEXT or the `host`/`context` option at a running one.';

// Docker's reason: the last line it printed, as a sentence.
function reason(stderr: string): string {
  return asSentence(stderr.trim().split('\n').pop() ?? '') || 'docker printed no reason.';
}

// The engine answered nothing within the connect budget.
export function engineSilentMessage(endpoint: string, timeoutMs: number): string {
  return `The Docker engine at ${endpoint} did not answer within ${timeoutMs} ms. Start it (e.g. \`sudo systemctl start docker\`), ${ELSEWHERE}`;
}

// `docker version` could not reach the engine (stderr already redacted).
export function engineUnreachableMessage(endpoint: string, stderr: string): string {
  return `The Docker engine at ${endpoint} is not reachable: ${reason(stderr)} Start it (e.g. \`sudo systemctl start docker\` or \`dockerd\`), ${ELSEWHERE}`;
}

// The docker context named by the option or DOCKER_CONTEXT does not work (stderr already redacted).
export function contextUnusableMessage(context: string, from: 'option' | 'env', stderr: string): string {
  const source = from === 'option' ? 'the `context` option' : 'DOCKER_CONTEXT';
  return `The docker context ${JSON.stringify(context)} (from ${source}) cannot be used: ${reason(stderr)} Pick one from \`docker context ls\`, or create it with \`docker context create\`.`;
}
