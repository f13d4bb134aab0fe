// Event and stats stream parsing speed, and the memory of a monitor and a recorder over long runs,
// from captured docker output (no engine needed). `npm run build && node bench/streams.mjs`.
// Prints measurements; asserts nothing.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DiagnosticsRecorder, SampleWindow, StatsMonitor, parseEvent, readEvents } from '../packages/core/dist/index.js';
import { StatsLineReader } from '../packages/core/dist/streams/stats-reader.js';
import { median } from './support.mjs';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const EVENTS = 100_000;
const SAMPLES = 10_000;
const fixtures = new URL('../packages/core/test/fixtures/', import.meta.url);
const read = (path) => readFileSync(new URL(path, fixtures), 'utf8');

// 100 000 event lines: the captured ones (docker 20.10 and 28.2 CLIs), cycled over 500 container
// ids, in time order.
function eventLines() {
  const captured = [...read('events/lifecycle.cli20.jsonl').trim().split('\n'), ...read('events/lifecycle.cli28.jsonl').trim().split('\n')].map((line) => JSON.parse(line));
  const lines = [];
  let nano = 1_795_918_190_000_000_000n;
  for (let i = 0; i < EVENTS; i++) {
    const event = structuredClone(captured[i % captured.length]);
    const id = (i % 500).toString(16).padStart(64, '0');
    event.Actor.ID = id;
    if (event.id) event.id = id;
    if (event.Type === 'container') event.Actor.Attributes.name = `dw-bench-${i % 500}`;
    nano += 1_000_000n;
    event.time = Number(nano / 1_000_000_000n);
    event.timeNano = Number(nano);
    lines.push(JSON.stringify(event));
  }
  return lines;
}

// 10 000 stats lines as the live CLI prints them: the captured redraws, repeated, one frame a second.
function statsLines() {
  const frames = read('stats/stream.cli28.raw').split('\x1b[H').filter((frame) => frame.includes('{'));
  const lines = [];
  for (let i = 0; lines.length < SAMPLES; i++) for (const line of frames[i % frames.length].split('\n')) if (line.includes('{') && lines.length < SAMPLES) lines.push(`\x1b[H${line}`);
  return lines;
}

function heapMiB() {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 ** 2;
}

async function* replay(items) {
  for (const item of items) yield item;
}

const lines = eventLines();
const text = `${lines.join('\n')}\n`;
console.log(`node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
console.log(`events: ${lines.length} lines, ${(text.length / 1024 ** 2).toFixed(1)} MiB`);

// 1. Parsing speed: parseEvent per line, and readEvents over 64 KiB chunks (split + decode + parse).
const perLine = [];
const chunked = [];
for (let round = 0; round < 5; round++) {
  let started = performance.now();
  let count = 0;
  for (const line of lines) if (parseEvent(line)) count++;
  perLine.push(count / ((performance.now() - started) / 1000));
  started = performance.now();
  count = 0;
  for await (const event of readEvents(Readable.from(Buffer.from(text)).iterator())) if (event) count++;
  chunked.push(count / ((performance.now() - started) / 1000));
}
console.log(`parseEvent:            ${Math.round(median(perLine)).toLocaleString('en')} events/s (median of 5)`);
console.log(`readEvents (chunks):   ${Math.round(median(chunked)).toLocaleString('en')} events/s (median of 5)`);

const stats = statsLines();
const statsRates = [];
for (let round = 0; round < 5; round++) {
  const reader = new StatsLineReader();
  const started = performance.now();
  for (let i = 0; i < stats.length; i++) reader.read(stats[i], i * 1000);
  statsRates.push(stats.length / ((performance.now() - started) / 1000));
}
console.log(`stats lines:           ${Math.round(median(statsRates)).toLocaleString('en')} lines/s (median of 5)`);

// 2. A recorder fed 100 000 events (its real event loop, replaying the lines instead of docker).
let consumed = 0;
let finished = false;
async function* counted(items) {
  for (const item of items) {
    consumed++;
    yield `${item}\n`;
    // Let the heap checkpoints below run now and then.
    if (consumed % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  finished = true;
}
const host = {
  executor: { redactor: { text: (t) => t }, run: async () => [] },
  sessionId: 'bench',
  events: { stream: () => readEvents(counted(lines)) },
  stats: { stream: () => replay([]) },
};
const before = heapMiB();
const checkpoints = [];
const recorder = DiagnosticsRecorder.start(host, { stats: false, maxEvents: 10_000 });
const replayStarted = performance.now();
while (!finished) {
  await new Promise((resolve) => setTimeout(resolve, 25));
  checkpoints.push(`${consumed}: ${heapMiB().toFixed(1)}`);
}
const replayMs = performance.now() - replayStarted;
await recorder.stop();
const recorderHeap = heapMiB();
console.log(`recorder (maxEvents 10 000) fed ${consumed} events in ${Math.round(replayMs)} ms (with GCs): heap ${before.toFixed(1)} -> ${recorderHeap.toFixed(1)} MiB; timeline ${recorder.timeline().length} entries, ${recorder.containers().length} containers`);
const step = Math.max(1, Math.floor(checkpoints.length / 8));
console.log(`  heap while replaying (events seen: MiB): ${checkpoints.filter((_c, i) => i % step === 0).join(' | ')}`);

// 3. A monitor (maxSamples 100) fed 10 000 samples, and a recorder-sized window (600).
const reader = new StatsLineReader();
const samples = stats.flatMap((line, i) => reader.read(line, i * 1000) ?? []);
const monitorBefore = heapMiB();
const monitorHeap = [];
const window = new SampleWindow({ maxSamples: 100, window: 3_600_000 });
const monitor = new StatsMonitor(() => replay(samples.map((s, i) => ({ ...s, time: Date.now() - (samples.length - i) }))), window);
await new Promise((resolve) => setTimeout(resolve, 0));
for (let i = 0; i < 5; i++) {
  await new Promise((resolve) => setTimeout(resolve, 30));
  monitorHeap.push(heapMiB().toFixed(2));
}
await monitor.stop();
const big = new SampleWindow({ maxSamples: 600, window: 86_400_000 });
const windowHeap = [];
for (let i = 0; i < SAMPLES * 10; i++) {
  big.add({ ...samples[i % samples.length], time: i * 1000 });
  if (i % 20_000 === 0) windowHeap.push(heapMiB().toFixed(2));
}
console.log(`monitor (maxSamples 100) over ${samples.length} samples: heap ${monitorBefore.toFixed(2)} -> ${monitorHeap.join(' -> ')} MiB; kept ${window.size}; avg CPU ${monitor.avgCpuPercent(Number.MAX_SAFE_INTEGER)}%`);
console.log(`window (maxSamples 600) over ${SAMPLES * 10} samples: heap ${windowHeap.join(' -> ')} MiB; kept ${big.size}`);
