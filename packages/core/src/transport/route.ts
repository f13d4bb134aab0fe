// A docker command's Engine API form as data: the HTTP request and a pure reader of the decoded
// response. A DockerCommand may carry one beside its CLI arguments; the executor picks the form
// its transport speaks, and errors read the same either way (see daemon-error.ts).

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface ApiRoute<T> {
  method: ApiMethod;
  /** The path below the API version, e.g. `/containers/abc/json`. Ids and names are encoded. */
  path: string;
  /** Query parameters; an array repeats the parameter, undefined ones are left out. */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Statuses besides 2xx that mean success: 304 for a start or stop that had nothing to do. */
  alsoOk?: readonly number[];
  /** Reads the decoded body (JSON when docker says so, else text; undefined when empty). */
  parse(body: unknown): T;
}

// A path segment (an id, a name, an image reference) as it goes into a URL path.
export function segment(value: string): string {
  return encodeURIComponent(value);
}

// The query string of a route, `?` included when there is one (pure).
export function queryString(query: ApiRoute<unknown>['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// docker's `filters` query parameter: `{"label":["a=b"]}` (pure).
export function filtersParam(filters: Record<string, readonly string[]>): string {
  return JSON.stringify(filters);
}
