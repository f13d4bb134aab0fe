// Connections cross process boundaries (workers, fixtures): they must be plain data.

// The path of the first value in `value` that is not plain JSON-like data, or undefined.
export function notPlain(value: unknown, path = 'connection'): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} (${value})`;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const bad = notPlain(item, `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${path} (a ${(value as object).constructor?.name ?? 'class instance'})`;
    for (const [key, item] of Object.entries(value)) {
      const bad = notPlain(item, `${path}.${key}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return `${path} (a ${typeof value})`;
}
