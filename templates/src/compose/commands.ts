// Compose commands of a session's stack as data (pure): arguments only, run by runCompose().

export interface StackRef {
  /** The rewritten file compose reads. */
  file: string;
  /** The user's file's folder: relative paths and `.env` resolve there. */
  directory: string;
  /** The compose project: one per start. */
  project: string;
  profiles: readonly string[];
}

// Compose project names: lower-case letters, digits, `-` and `_`, starting with a letter or digit.
export function projectName(sessionId: string, suffix: string): string {
  const session = sessionId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return `dw-${session}-${suffix}`.slice(0, 63);
}

function globalArgs(stack: StackRef): string[] {
  return ['-f', stack.file, '--project-directory', stack.directory, '-p', stack.project, ...stack.profiles.flatMap((profile) => ['--profile', profile])];
}

// `up -d`: builds what has a Dockerfile (cached layers make that quick), starts `services` (all
// when empty) with what they depend on; `depends_on` conditions are honoured by compose.
export function upArgs(stack: StackRef, services: readonly string[], build: boolean): string[] {
  return [...globalArgs(stack), 'up', '-d', ...(build ? ['--build'] : []), ...services];
}

// `down`: containers, networks and the volumes compose made, plus containers of services no
// longer in the file. No grace period by default: the stack and its data are thrown away.
export function downArgs(stack: StackRef, timeoutSeconds = 0): string[] {
  return [...globalArgs(stack), 'down', '-v', '--remove-orphans', '-t', String(timeoutSeconds)];
}

/** The label compose puts on every container of a project. */
export const PROJECT_NAME_LABEL = 'com.docker.compose.project';

export const SERVICE_LABEL = 'com.docker.compose.service';
export const NUMBER_LABEL = 'com.docker.compose.container-number';
