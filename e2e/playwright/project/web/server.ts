// The e2e web app: a sign-up page and a small JSON API over the shared app code (users in
// Postgres, a read-through cache in Redis), on a free port of 127.0.0.1. Started by the suite as a
// worker fixture from the worker's own connections.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cache } from '../../../app/cache.js';
import { UserRepository, type User } from '../../../app/users.js';

export interface WebApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

class NotFound extends Error {}

const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SIGN_UP = page('Sign up', `<h1>Sign up</h1>
<form method="post" action="/signup">
  <label>Name <input name="name" required></label>
  <label>Email <input name="email" type="email" required></label>
  <button type="submit">Sign up</button>
</form>`);

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(text);
}

const json = (response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => send(response, status, 'application/json', JSON.stringify(value), headers);

export async function startWebApp(databaseUrl: string, redis: { url: string; keyPrefix: string }): Promise<WebApp> {
  const users = new UserRepository(databaseUrl);
  const cache = new Cache(redis.url, redis.keyPrefix);

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>> = {
    'GET /': async (_request, response) => send(response, 200, 'text/html', SIGN_UP),
    'POST /signup': async (request, response) => {
      const form = new URLSearchParams(await body(request));
      const user = await users.create(form.get('email') ?? '', form.get('name') ?? '');
      send(response, 303, 'text/plain', '', { location: `/welcome?email=${encodeURIComponent(user.email)}` });
    },
    'GET /welcome': async (_request, response, url) => {
      const user = await users.findByEmail(url.searchParams.get('email') ?? '');
      if (!user) return send(response, 404, 'text/html', page('Not found', '<h1>No such user</h1>'));
      send(response, 200, 'text/html', page('Welcome', `<h1>Welcome, ${escape(user.name)}</h1><p>Member #${user.id}</p>`));
    },
    'POST /api/users': async (request, response) => {
      const { email, name } = JSON.parse(await body(request)) as { email: string; name: string };
      const user = await users.create(email, name).catch((error: Error) => error);
      if (user instanceof Error) return json(response, /duplicate key/.test(user.message) ? 409 : 500, { error: user.message });
      json(response, 201, user);
    },
    'GET /api/users': async (_request, response, url) => {
      const email = url.searchParams.get('email') ?? '';
      let loaded = false;
      const user = await cache.getOrLoad<User>(`user:${email}`, 60, async () => {
        loaded = true;
        const found = await users.findByEmail(email);
        if (!found) throw new NotFound(email);
        return found;
      });
      json(response, 200, user, { 'x-cache': loaded ? 'miss' : 'hit' });
    },
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[`${request.method ?? 'GET'} ${url.pathname}`];
    if (!route) return json(response, 404, { error: 'no such route' });
    route(request, response, url).catch((error: unknown) => {
      if (error instanceof NotFound) json(response, 404, { error: 'no such user' });
      else json(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([users.close(), cache.close()]);
    },
  };
}
