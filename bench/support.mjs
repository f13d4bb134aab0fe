// Shared helpers for the benchmarks: timing, medians, raw docker calls. Benchmarks measure side by
// side in one run and report ratios; they assert nothing.
import { execa } from 'execa';
import { Socket } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function p90(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
}

export async function time(fn) {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export const docker = (args) => execa('docker', args);

// `docker port` -> the host port of `containerPort/tcp`.
export async function hostPort(id, containerPort) {
  const { stdout } = await docker(['port', id, `${containerPort}/tcp`]);
  return Number(stdout.split('\n')[0].split(':').at(-1));
}

// Resolves the stand-in for an official reference the way the engine does.
export function resolveImage(reference) {
  const map = Object.fromEntries((process.env.DOCKER_WRAPPER_IMAGE_MAP ?? '').split(',').filter(Boolean).map((p) => p.split('=')));
  return map[reference] ?? map[reference.replace(/:[^/:]+$/, '')] ?? reference;
}

// Polls `probe` every `intervalMs` until it resolves true.
export async function pollEvery(intervalMs, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error('probe timed out');
    await sleep(intervalMs);
  }
}

// One PING over RESP; true on +PONG.
export function redisPing(port, password) {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
    socket.setTimeout(500, () => { socket.destroy(); resolve(false); });
    socket.connect(port, '127.0.0.1', () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
    socket.on('data', (data) => {
      if (data.toString().includes('+PONG')) { socket.destroy(); resolve(true); }
      if (data.toString().startsWith('-')) { socket.destroy(); resolve(false); }
    });
  });
}

export function report(title, rows, baseline) {
  console.log(`\n${title}`);
  const base = median(rows[baseline]);
  for (const [name, values] of Object.entries(rows)) {
    const m = median(values);
    console.log(`  ${name.padEnd(44)} median ${m.toFixed(0).padStart(6)} ms  p90 ${p90(values).toFixed(0).padStart(6)} ms  x${(m / base).toFixed(2)} of ${baseline}  (n=${values.length})`);
  }
}
