// Template start times on the machine's engine and on each extra engine of scripts/engines:
// `npm run build && node bench/engines.mjs [rounds] [engine...]`. Starts the engines (and leaves
// them running: `npm run engines stop` stops them), prints a table of medians in ms.
import { spawn } from 'node:child_process';
import { ensureImages } from '../scripts/images/build.mjs';
import { pick } from '../scripts/engines/engines.mjs';
import { startEngines } from '../scripts/engines/main.mjs';

const [roundsArg, ...names] = process.argv.slice(2);
const rounds = roundsArg ?? '3';

function measure(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/engine-starts.mjs', rounds], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').at(-1))) : reject(new Error(`engine-starts.mjs exited with ${code}`))));
  });
}

const local = { name: 'local', env: { ...process.env, DOCKER_WRAPPER_IMAGE_MAP: await ensureImages() } };
const rows = [];
for (const target of [local, ...(await startEngines(pick(names)))]) {
  // An engine that fails is reported as such; the others are still measured.
  const row = await measure(target.env).catch((error) => ({ error: error.message }));
  rows.push({ name: target.name, ...row });
  console.error(`[bench] ${target.name}: ${JSON.stringify(row)}`);
}
const columns = ['postgres (cache on)', 'postgres (cache off)', 'redis', 'kafka'];
console.log(`| engine | ${columns.join(' | ')} |\n| --- |${columns.map(() => ' --- |').join('')}`);
for (const row of rows) console.log(`| ${row.name} | ${columns.map((c) => row[c]).join(' | ')} |`);
