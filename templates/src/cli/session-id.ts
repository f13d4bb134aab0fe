// A session id made by the command line (the same shape as core's), known before the session
// connects so that a detached start that fails half-way can still be swept by it.
import { randomBytes } from 'node:crypto';

// A new session id for one `up`.
export function newCliSessionId(): string {
  return `${Date.now().toString(36)}-cli-${randomBytes(4).toString('hex')}`;
}
