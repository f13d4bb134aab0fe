// Compose's `${VAR}` interpolation for image references (pure), so image substitution sees the
// image compose will use: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR`, `$$`.
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_match, dollar: string, braced?: string, operator?: string, fallback?: string, bare?: string) => {
    if (dollar === '$') return '$';
    const value = env[(braced ?? bare) as string];
    if (operator === ':-') return value ? value : (fallback ?? '');
    if (operator === '-') return value ?? fallback ?? '';
    return value ?? '';
  });
}
