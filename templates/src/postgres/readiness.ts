// Postgres readiness: the service's psql session is opened as soon as the container exists; it
// waits inside the container until the server accepts TCP connections, then runs the setup SQL
// and `SELECT 1`. No log stream, no docker process per poll, no Postgres client on the host, and
// the session it opens is the one the service keeps for isolate() and snapshots.
import { WaitFailure, type WaitContext, type WaitStrategy } from '@docker-wrapper/core';
import { PsqlSession } from './session.js';

export class PostgresReady implements WaitStrategy {
  readonly description = 'SELECT 1 over TCP (psql in the container)';
  // One exec by id: it can start while the container is inspected.
  readonly idOnly = true;
  readonly #user: string;
  readonly #setupSql: string | Promise<string>;
  #session: PsqlSession | undefined;

  // `setupSql` runs first (as the service user, in the `postgres` database), then `SELECT 1`. It
  // may still be in the making (a password hash) while docker starts the container.
  constructor(user: string, setupSql: string | Promise<string> = '') {
    this.#user = user;
    this.#setupSql = setupSql;
    // Awaited by wait(); a start that fails before then must not leave it unhandled.
    if (typeof setupSql !== 'string') setupSql.catch(() => undefined);
  }

  /** The open psql session of the last successful wait (handed to the service). */
  get session(): PsqlSession | undefined {
    return this.#session;
  }

  async wait(context: WaitContext): Promise<void> {
    const session = new PsqlSession(context.executor, context.container, this.#user);
    const abort = () => session.kill();
    context.signal.addEventListener('abort', abort, { once: true });
    let lines: string[];
    try {
      lines = await session.run(`${await this.#setupSql}\nSELECT 1;`);
    } catch (error) {
      if (context.signal.aborted) throw context.signal.reason as Error;
      throw new WaitFailure('failed', `psql could not query the server: ${(error instanceof Error ? error.message : String(error)).slice(0, 500)}`);
    } finally {
      context.signal.removeEventListener('abort', abort);
    }
    if (lines.at(-1) !== '1') {
      await session.close();
      throw new WaitFailure('failed', `psql answered ${JSON.stringify(lines.join('\n').slice(0, 200))} to SELECT 1`);
    }
    this.#session = session;
  }
}
