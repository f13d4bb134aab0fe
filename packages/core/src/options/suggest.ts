// "Did you mean": the known name closest to a misspelt one (edit distance), for option errors here,
// in the templates and in the adapters.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

// The closest of `known` to `name`, or undefined when none is close enough to be a typo (pure).
export function closestName(name: string, known: readonly string[]): string | undefined {
  const best = [...known].sort((a, b) => distance(name, a) - distance(name, b))[0];
  return best !== undefined && distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

// ` Did you mean \`x\`?` or '' (pure).
export function didYouMean(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best ? ` Did you mean \`${best}\`?` : '';
}
