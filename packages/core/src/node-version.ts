// Imported first by index.ts, so it runs before any dependency is evaluated: on a Node.js older than
// the package needs, importing it fails with one sentence instead of an error deep inside execa
// (`TEXT_ENCODINGS.union is not a function` on Node 20).
import { DockerWrapperError } from './errors.js';

/** The oldest Node.js major version this package runs on (package.json `engines`). */
export const MIN_NODE_MAJOR = 22;

// The problem with running on Node.js `version` (like `20.20.2`), or undefined when it is new enough.
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) return undefined;
  return `docker-wrapper needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${version.replace(/^v/, '')}`;
}

const problem = nodeVersionProblem(process.versions.node);
if (problem) throw new DockerWrapperError('UNSUPPORTED_NODE', `${problem} (${process.execPath}).`);
