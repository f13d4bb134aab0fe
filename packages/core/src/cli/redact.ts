// Keeps secret values (passwords, tokens) out of error messages, logs and diagnostics.

const SECRET_KEY = /pass(word)?|secret|token|credential|api[_-]?key|private[_-]?key|auth/i;
const MASK = '***';

// True for environment or build-arg names whose values should never be shown.
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

// Collects known secret values and masks them, and masks `KEY=value` arguments with secret keys.
export class Redactor {
  readonly #values = new Set<string>();

  // Registers a value to be masked wherever it appears (values shorter than 4 chars are ignored,
  // they would mask ordinary text).
  add(value: string | undefined): void {
    if (value && value.length >= 4) this.#values.add(value);
  }

  // Masks every registered secret in a piece of text.
  text(text: string): string {
    let out = text;
    for (const value of this.#values) out = out.split(value).join(MASK);
    return out;
  }

  // Masks docker arguments: the value of `-e KEY=value`, `--env KEY=value`, `--build-arg KEY=value`
  // when KEY looks secret, and every registered secret.
  args(args: readonly string[]): string[] {
    return args.map((arg, i) => {
      const previous = args[i - 1];
      const inline = /^(--env|--build-arg)=(.*)$/.exec(arg);
      if (inline) return `${inline[1]}=${this.text(maskAssignment(inline[2] ?? ''))}`;
      if (previous === '-e' || previous === '--env' || previous === '--build-arg') return this.text(maskAssignment(arg));
      return this.text(arg);
    });
  }
}

function maskAssignment(assignment: string): string {
  const at = assignment.indexOf('=');
  if (at < 0) return assignment;
  const key = assignment.slice(0, at);
  return isSecretKey(key) ? `${key}=${MASK}` : assignment;
}
