// Start-up of each template's start() on the engine the environment points at (DOCKER_HOST /
// DOCKER_CONTEXT), median of `rounds` (after one untimed warm-up start that fills the Postgres
// cache). Prints one JSON line. Run per engine by bench/engines.mjs.
import { Docker } from '../packages/core/dist/index.js';
import { kafka, postgres, redis } from '../templates/dist/index.js';

const rounds = Number(process.argv[2] ?? 3);
const docker = await Docker.connect();
const variants = {
  'postgres (cache on)': () => postgres(),
  'postgres (cache off)': () => postgres({ cache: false }),
  redis: () => redis(),
  kafka: () => kafka(),
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const out = { engine: docker.engine.endpoint, kind: docker.engine.kind };
try {
  for (const [name, make] of Object.entries(variants)) {
    await (await make().start(docker)).stop();
    console.error(`[bench] ${docker.engine.endpoint}: ${name}`);
    const times = [];
    for (let i = 0; i < rounds; i += 1) {
      const started = performance.now();
      const service = await make().start(docker);
      times.push(performance.now() - started);
      await service.stop();
    }
    out[name] = Math.round(median(times));
  }
} finally {
  await docker.close();
}
console.log(JSON.stringify(out));
