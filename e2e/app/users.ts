// The e2e app's repository: users and their orders in Postgres (schema in ../app/schema.sql).
import pg from 'pg';

export interface User {
  id: number;
  email: string;
  name: string;
}

export class UserRepository {
  readonly #pool: pg.Pool;

  constructor(url: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async create(email: string, name: string): Promise<User> {
    const { rows } = await this.#pool.query<User>('INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id, email, name', [email, name]);
    return rows[0] as User;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const { rows } = await this.#pool.query<User>('SELECT id, email, name FROM users WHERE email = $1', [email]);
    return rows[0];
  }

  async placeOrder(userId: number, totalCents: number): Promise<number> {
    const { rows } = await this.#pool.query<{ id: number }>('INSERT INTO orders (user_id, total_cents) VALUES ($1, $2) RETURNING id', [userId, totalCents]);
    return (rows[0] as { id: number }).id;
  }

  async count(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n);
  }

  async database(): Promise<string> {
    const { rows } = await this.#pool.query<{ db: string }>('SELECT current_database() AS db');
    return (rows[0] as { db: string }).db;
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
