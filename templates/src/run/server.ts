// The run's coordinator: a small HTTP server on 127.0.0.1 in the process that started the
// services, so test processes holding only plain data can isolate and read diagnostics.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportsText, type Environment, type TemplateMap } from '../orchestrate.js';
import { ProtocolError, parseDiagnosticsRequest, parseIsolateRequest, type WireError } from './protocol.js';

const MAX_BODY = 64 * 1024;

export interface RunServer {
  endpoint: string;
  token: string;
  /** Stops answering and closes open connections. */
  close(): Promise<void>;
}

type Handler = (body: unknown) => Promise<unknown>;

// Answers isolate and diagnostics requests for one environment. Isolation is memoised per service
// and key, so every process asking for a key gets the same connection.
export async function serveRun<M extends TemplateMap>(env: Environment<M>): Promise<RunServer> {
  const token = randomBytes(24).toString('base64url');
  const names = Object.keys(env.services);
  const isolated = new Map<string, Promise<unknown>>();
  const isolateOne = (service: string, key: string): Promise<unknown> => {
    const id = `${service}\0${key}`;
    let pending = isolated.get(id);
    if (!pending) {
      pending = (env.services[service] as { isolate(key: string): Promise<unknown> }).isolate(key);
      isolated.set(id, pending);
      pending.catch(() => isolated.delete(id));
    }
    return pending;
  };
  const routes: Record<string, Handler> = {
    '/isolate': async (body) => {
      const { service, key } = parseIsolateRequest(body, names);
      return { connection: await isolateOne(service, key) };
    },
    '/diagnostics': async (body) => {
      const request = parseDiagnosticsRequest(body);
      const reports = await env.diagnostics({ ...request, logLines: request.logLines ?? 30 });
      return { reports, text: reportsText(reports) };
    },
  };
  const server = createServer((request, response) => {
    void handle(request, response, token, routes);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // The server never keeps the process alive by itself: the run's owner decides when it ends.
  server.unref();
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, token: string, routes: Record<string, Handler>): Promise<void> {
  try {
    if (!authorised(request.headers.authorization, token)) throw new ProtocolError(401, 'Missing or wrong run token.');
    const route = routes[request.url ?? ''];
    if (!route) throw new ProtocolError(404, `No route ${request.url ?? ''}.`);
    if (request.method !== 'POST') throw new ProtocolError(405, 'Use POST.');
    const body = await readJson(request);
    send(response, 200, await route(body));
  } catch (error) {
    const status = error instanceof ProtocolError ? error.status : 500;
    send(response, status, { error: toWire(error) });
  }
}

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ProtocolError(413, `Request body over ${MAX_BODY} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new ProtocolError(400, 'The request body is not JSON.');
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function toWire(error: unknown): WireError {
  const e = error as { code?: unknown; message?: unknown; option?: unknown } | null;
  const wire: WireError = { code: typeof e?.code === 'string' ? e.code : 'RUN_FAILED', message: typeof e?.message === 'string' ? e.message : String(error) };
  if (typeof e?.option === 'string') wire.option = e.option;
  return wire;
}
