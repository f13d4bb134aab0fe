// One TCP connect attempt from the host, with Node's own `net` module: the whole of what the port
// wait needs from the host side (no HTTP, no file or socket-file resources).
import { connect } from 'node:net';

// True when a TCP connection to host:port opens within `timeoutMs`; false when it is refused,
// reset or times out. The socket is closed at once either way. Aborting `signal` counts as false.
export function canConnect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const socket = connect({ host, port });
    const finish = (connected: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(connected);
    };
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
