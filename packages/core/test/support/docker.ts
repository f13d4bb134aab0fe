// Shared set-up for integration tests: one Docker session per test file, closed afterwards.
import { Docker, type ConnectOptions } from '../../src/index.js';

export async function connectForTest(options: ConnectOptions = {}): Promise<Docker> {
  return Docker.connect({ handleSignals: false, connectTimeoutMs: 10_000, ...options });
}

// A tiny HTTP server for the python stand-in that answers every GET with `status`.
export function httpServer(status: number, port = 8080): string[] {
  const script = [
    'import http.server as h',
    'class H(h.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    `        self.send_response(${status}); self.end_headers(); self.wfile.write(b"status ${status}")`,
    '    def log_message(self, *a): pass',
    `h.HTTPServer(("", ${port}), H).serve_forever()`,
  ].join('\n');
  return ['python3', '-c', script];
}
