// A compose `ports` entry bound to a host address when it names none (pure): `"5432"` ->
// `"127.0.0.1::5432"`, `"8080:80"` -> `"127.0.0.1:8080:80"`, `{ target: 80 }` gets `host_ip`.
// Entries that name an address (`"0.0.0.0:8080:80"`, `"[::1]::80"`) stay as written.

export function bindPort(entry: unknown, hostIp: string): unknown {
  if (typeof entry === 'number') return `${hostIp}::${entry}`;
  if (typeof entry === 'string') {
    if (entry.startsWith('[')) return entry;
    // `${VAR}` holds no colon of the entry's own.
    const colons = entry.replace(/\$\{[^}]*\}/g, 'v').split(':').length - 1;
    if (colons === 0) return `${hostIp}::${entry}`;
    if (colons === 1) return `${hostIp}:${entry}`;
    return entry;
  }
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const long = entry as Record<string, unknown>;
    return long.host_ip === undefined ? { ...long, host_ip: hostIp } : long;
  }
  return entry;
}
