// What the docker CLI prints for a daemon error, rebuilt from the Engine API's answer, so an error
// served over the API classifies and reads exactly as the same call made through the CLI (pure).

// The daemon's own message in an error response body (`{"message": "..."}`), else the text.
export function daemonMessage(status: number, body: unknown): string {
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  const text = typeof body === 'string' ? body.trim() : '';
  return text || `HTTP status ${status}`;
}

// The CLI's standard error for the same failure: `Error response from daemon: <message>`.
export function daemonErrorText(status: number, body: unknown): string {
  return `Error response from daemon: ${daemonMessage(status, body)}\n`;
}
