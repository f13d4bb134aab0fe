// SCRAM-SHA-256 verifiers (RFC 5802/7677, the form Postgres stores in pg_authid), made on the host:
// `ALTER ROLE ... PASSWORD '<verifier>'` is stored as given, so the server spends no time hashing
// the password (about 20 ms of CPU per start), and the SQL carries no plain password.
import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';

/** Postgres' default `scram_iterations`. */
export const SCRAM_ITERATIONS = 4096;

// SASLprep is the identity on printable ASCII; other passwords are left to the server, which
// prepares them itself (pure).
export function canHashLocally(password: string): boolean {
  return /^[\x20-\x7e]*$/.test(password);
}

// The verifier from an already salted password (pure): `SCRAM-SHA-256$<i>:<salt>$<StoredKey>:<ServerKey>`.
export function verifierFromSalted(salted: Buffer, salt: Buffer, iterations: number): string {
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

// A verifier for `password` with a fresh random salt (or the given one). PBKDF2 runs on libuv's
// thread pool, so it overlaps the container's start.
export function scramVerifier(password: string, options: { salt?: Buffer; iterations?: number } = {}): Promise<string> {
  const salt = options.salt ?? randomBytes(16);
  const iterations = options.iterations ?? SCRAM_ITERATIONS;
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256', (error, salted) => {
      if (error) reject(error);
      else resolve(verifierFromSalted(salted, salt, iterations));
    });
  });
}
