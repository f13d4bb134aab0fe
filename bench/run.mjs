// Cost of `run()` for a container with no wait, against a plain `docker run -d` of the same image,
// measured interleaved in one run: wall time and docker processes per run. Containers are removed
// between rounds (not timed). `npm run build && node scripts/with-images.mjs node bench/run.mjs [rounds]`.
// The issue's budget: at most 3 docker processes, and run() within 1.1x of the plain `docker run -d`.
import { execa } from 'execa';
import { ContainerBuilder, Docker, Wait } from '../packages/core/dist/index.js';
import { median, p90, time } from './support.mjs';

const rounds = Number(process.argv[2] ?? 15);
const warmup = 2;

const docker = await Docker.connect();
const { binary, env } = docker.executor;
const image = docker.images.resolve('redis:7');
const plainRun = (args) => execa(binary, args, { env, extendEnv: false });

// Runs `builder` and counts the docker processes it took.
async function coreRun(builder) {
  const before = docker.executor.spawned;
  const c = await builder.run(docker);
  return { processes: docker.executor.spawned - before, remove: () => c.remove() };
}

const variants = {
  'plain `docker run -d`': async () => {
    const { stdout } = await plainRun(['run', '-d', image]);
    return { processes: 1, remove: () => plainRun(['rm', '-f', '-v', stdout.trim()]) };
  },
  // What any client of the CLI needs to learn the ports docker chose: the floor for run().
  'plain `run -d` + `container inspect`': async () => {
    const { stdout } = await plainRun(['run', '-d', image]);
    await plainRun(['container', 'inspect', stdout.trim()]);
    return { processes: 2, remove: () => plainRun(['rm', '-f', '-v', stdout.trim()]) };
  },
  'core run(), Wait.none()': () => coreRun(new ContainerBuilder('redis:7').waitFor(Wait.none())),
  // A do-nothing strategy run() cannot tell from a real one still gets the `docker wait` exit
  // watcher: what Wait.none() cost before it was marked `immediate`.
  'core run(), opaque no-op wait': () => coreRun(new ContainerBuilder('redis:7').waitFor({ description: 'opaque no-op', wait: () => Promise.resolve() })),
};

const names = Object.keys(variants);
const times = Object.fromEntries(names.map((name) => [name, []]));
const processes = Object.fromEntries(names.map((name) => [name, new Set()]));
try {
  for (let round = 0; round < warmup + rounds; round++) {
    // Rotate the order so no variant always follows the same one.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const { ms, value } = await time(variants[name]);
      await value.remove();
      if (round < warmup) continue;
      times[name].push(ms);
      processes[name].add(value.processes);
    }
  }
} finally {
  await docker.close();
}

const [plain] = names;
// Ratios within each round first: both ran moments apart, under the same load.
const paired = (name) => median(times[name].map((ms, i) => ms / times[plain][i]));
console.log(`${image}, no wait: ${rounds} rounds after ${warmup} warm-up, order rotated each round (CLI ${binary}, engine ${docker.engine.serverVersion})`);
console.log(`  ${'variant'.padEnd(38)} ${'median'.padStart(8)} ${'p90'.padStart(8)}   x plain (medians / paired)   docker processes`);
for (const name of names) {
  const ratio = median(times[name]) / median(times[plain]);
  console.log(`  ${name.padEnd(38)} ${`${median(times[name]).toFixed(0)} ms`.padStart(8)} ${`${p90(times[name]).toFixed(0)} ms`.padStart(8)}   x${ratio.toFixed(3)} / x${paired(name).toFixed(3)}             ${[...processes[name]].join('/')}`);
}
const core = 'core run(), Wait.none()';
console.log(`budget: run() within 1.1x of a plain \`docker run -d\` (paired x${paired(core).toFixed(3)}), at most 3 docker processes (${[...processes[core]].join('/')})`);
