// "Did you mean" for a misspelt service name in a test process. Core has its own for options;
// this side cannot import core (see errors.ts), so it keeps this small one.

// Edits (insert, delete, substitute; case ignored) between two names.
function edits(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const now = [i];
    for (let j = 1; j <= y.length; j++) {
      now[j] = Math.min((before[j] ?? 0) + 1, (now[j - 1] ?? 0) + 1, (before[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    before = now;
  }
  return before[y.length] ?? 0;
}

// ` Did you mean \`db\`?` when one known name is a likely typo of `name`, else '' (pure).
export function suggestName(name: string, known: readonly string[]): string {
  const scored = known.map((candidate) => ({ candidate, cost: edits(name, candidate) })).sort((p, q) => p.cost - q.cost);
  const best = scored[0];
  return best && best.cost <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean \`${best.candidate}\`?` : '';
}
