// Column text for people: a header and rows padded to the widest cell (pure). Sizes: core's
// formatBytes (binary units, as diagnostics show them).

// Visible width of a cell, without the colour escapes it may hold.
function width(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

// Formats rows under a header, two spaces between columns, no trailing spaces.
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(width(title), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

// A duration in ms as people read it: `850 ms`, `4.2 s`, `3 min`, `2 h`.
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
