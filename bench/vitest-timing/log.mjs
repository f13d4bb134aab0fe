// One timeline event on stderr, for bench/vitest-timeline.mjs to read back (epoch milliseconds).
export function logEvent(event) {
  process.stderr.write(`[bench-event] ${JSON.stringify({ event, at: Date.now(), pid: process.pid })}\n`);
}
