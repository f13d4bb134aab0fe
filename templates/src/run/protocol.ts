// The requests a test process sends to the run's coordinator, and their checks (pure). Plain JSON
// over HTTP on 127.0.0.1, one request per call.

export interface IsolateRequest {
  service: string;
  key: string;
}

export interface DiagnosticsRequest {
  /** Milliseconds since the Unix epoch. */
  since?: number;
  until?: number;
  /** Last log lines per service (default 30). */
  logLines?: number;
}

/** An error sent back to the test process: its code and message survive the trip. */
export interface WireError {
  code: string;
  message: string;
  option?: string;
}

export class ProtocolError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ProtocolError';
    this.status = status;
  }
}

function object(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ProtocolError(400, 'Expected a JSON object.');
  return body as Record<string, unknown>;
}

export function parseIsolateRequest(body: unknown, services: readonly string[]): IsolateRequest {
  const { service, key } = object(body);
  if (typeof service !== 'string' || !services.includes(service)) {
    throw new ProtocolError(404, `No service ${JSON.stringify(service)} in this run; it has ${services.map((s) => JSON.stringify(s)).join(', ')}.`);
  }
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) throw new ProtocolError(400, 'Expected `key`: a non-empty string of at most 200 characters.');
  return { service, key };
}

export function parseDiagnosticsRequest(body: unknown): DiagnosticsRequest {
  const input = object(body);
  const out: DiagnosticsRequest = {};
  for (const name of ['since', 'until', 'logLines'] as const) {
    const value = input[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ProtocolError(400, `Expected \`${name}\`: a non-negative number.`);
    out[name] = value;
  }
  return out;
}
