// Masks secrets in free text (log lines, health-check output, exec command lines) before it goes
// into a report or an error: registered secret values and `KEY=value` / `KEY: value` where KEY
// looks secret (PASSWORD, TOKEN, ...).
import { isSecretKey, type Redactor } from '../cli/redact.js';

const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_.-]*)("?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)([^@\s/]+)@/gi;
const MASK = '***';

// `PGPASSWORD=test psql` -> `PGPASSWORD=*** psql`, `"password": "x"` -> `"password": ***`,
// `postgres://user:pw@host` -> `postgres://user:***@host`; other assignments are left alone.
export function maskAssignments(text: string): string {
  if (!text.includes('=') && !text.includes(':')) return text;
  return text
    .replace(URL_CREDENTIALS, (_all, head: string) => `${head}${MASK}@`)
    // The value of an ordinary key may hold a secret assignment itself (`ready: TOKEN=x`,
    // `"Action":"PASS=x"`): look inside it.
    .replace(ASSIGNMENT, (all, key: string, sep: string, value: string) => (isSecretKey(key) ? `${key}${sep}${MASK}` : /[=:]/.test(value) ? `${key}${sep}${maskAssignments(value)}` : all));
}

// Masks the redactor's registered secrets, the extra values given (e.g. a container's secret env
// values) and secret-looking assignments.
export function maskSecrets(text: string, redactor: Pick<Redactor, 'text'> | undefined, values: readonly string[] = []): string {
  let out = redactor ? redactor.text(text) : text;
  for (const value of values) if (value.length >= 4) out = out.split(value).join(MASK);
  return maskAssignments(out);
}
