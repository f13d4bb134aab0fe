// The labels that mark every resource a session creates, so it can be found and removed.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const LABEL_PREFIX = 'docker-wrapper';
export const SESSION_LABEL = `${LABEL_PREFIX}.session`;
export const PID_LABEL = `${LABEL_PREFIX}.pid`;
export const HOST_LABEL = `${LABEL_PREFIX}.host`;
export const CREATED_LABEL = `${LABEL_PREFIX}.created`;

// A new random session id.
export function newSessionId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

// The labels for a resource created now by this process in `sessionId`.
export function sessionLabels(sessionId: string): Record<string, string> {
  return {
    [SESSION_LABEL]: sessionId,
    [PID_LABEL]: String(process.pid),
    [HOST_LABEL]: hostname(),
    [CREATED_LABEL]: new Date().toISOString(),
  };
}
