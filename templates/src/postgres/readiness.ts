// Postgres readiness in one `docker exec`: inside the container, poll `pg_isready` on 127.0.0.1
// every 20 ms (the init server of a fresh data directory listens on its socket only, so only the
// final server answers), then run the setup SQL and `SELECT 1` over TCP with psql. No log stream,
// no docker process per poll, no Postgres client on the host.
import { WaitFailure, type WaitContext, type WaitStrategy } from '@docker-wrapper/core';

const SCRIPT = [
  'i=0',
  'until pg_isready -q -h 127.0.0.1 -U "$1"; do',
  '  i=$((i+1)); if [ "$i" -ge 6000 ]; then echo "postgres never accepted TCP connections" >&2; exit 1; fi',
  '  sleep 0.02',
  'done',
  'exec psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "$1" -d postgres -f -',
].join('\n');

export class PostgresReady implements WaitStrategy {
  readonly description = 'SELECT 1 over TCP (psql in the container)';
  // One exec by id: it can start while the container is inspected.
  readonly idOnly = true;
  readonly #user: string;
  readonly #sql: string;

  // `setupSql` runs first (as the service user, in the `postgres` database), then `SELECT 1`.
  constructor(user: string, setupSql = '') {
    this.#user = user;
    this.#sql = `${setupSql}\nSELECT 1;\n`;
  }

  async wait(context: WaitContext): Promise<void> {
    const result = await context.container.exec(['sh', '-c', SCRIPT, 'sh', this.#user], { input: this.#sql, signal: context.signal });
    if (context.signal.aborted) throw context.signal.reason as Error;
    const last = result.stdout.trim().split('\n').at(-1);
    if (result.exitCode !== 0 || last !== '1') {
      throw new WaitFailure('failed', `psql could not query the server (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(0, 500)}`);
    }
  }
}
