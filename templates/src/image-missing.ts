// The IMAGE_NOT_FOUND error of a template: names the image as given and as docker saw it, and how
// to stand a local image in for it (the registry may be unreachable, as in air-gapped CI).
import type { Docker } from '@docker-wrapper/core';
import { DockerCommandError, DockerWrapperError } from '@docker-wrapper/core';

// What to do about a missing image, for the end of a message (pure).
export function imageHint(reference: string): string {
  return `Pull or build it, or stand a local image in for it: DOCKER_WRAPPER_IMAGE_MAP=${reference}=<an image this engine has>.`;
}

// `reference` as given, plus what substitution made of it when that differs.
function named(docker: Docker, reference: string): string {
  const resolved = docker.images.resolve(reference);
  return resolved === reference ? `Image ${reference}` : `Image ${reference} (run as ${resolved})`;
}

// The errors made here, with their two parts: what is missing and why, and what to do about it.
const explained = new WeakMap<object, { headline: string; hint: string }>();

// The parts of an error of imageNotFound() (which say more than docker's stderr); else undefined.
export function explainedImageError(error: unknown): { headline: string; hint: string } | undefined {
  return typeof error === 'object' && error !== null ? explained.get(error) : undefined;
}

// An IMAGE_NOT_FOUND error saying `why` the image is missing (`is not on this machine and pull is
// never`, `could not be pulled: <docker's reason>`).
export function imageNotFound(docker: Docker, reference: string, why: string, cause?: unknown): DockerWrapperError {
  const headline = `${named(docker, reference)} ${why}`;
  const hint = imageHint(reference);
  const message = `${headline}. ${hint}`;
  const error = cause instanceof DockerCommandError ? new DockerCommandError('IMAGE_NOT_FOUND', message, cause, { cause }) : new DockerWrapperError('IMAGE_NOT_FOUND', message, cause === undefined ? undefined : { cause });
  explained.set(error, { headline, hint });
  return error;
}

// docker's own reason for a failed call: its last line that says what went wrong.
function lastLine(error: DockerCommandError): string {
  const lines = error.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((line) => /error|no such|not found|denied|unable/i.test(line));
  return (telling.at(-1) ?? lines.at(-1) ?? 'no error output').replace(/^docker: /, '');
}

// The same error for a failed `docker pull` (whatever docker's reason: no registry, no such tag).
export function pullFailed(docker: Docker, reference: string, error: DockerCommandError): DockerWrapperError {
  return imageNotFound(docker, reference, `could not be pulled: ${lastLine(error)}`, error);
}

// The same error for a `docker run` that found no image; other errors as they are.
export function explainMissingImage(docker: Docker, reference: string, error: unknown): unknown {
  if (!(error instanceof DockerCommandError) || error.code !== 'IMAGE_NOT_FOUND') return error;
  return imageNotFound(docker, reference, `was not found or could not be pulled: ${lastLine(error)}`, error);
}
