// `node scripts/engines/main.mjs start [engine...]` starts the extra engines (dockerd-tcp,
// dockerd-ssh, podman) and loads the stand-in images into them; `stop [engine...]` stops them;
// `env <engine>` prints the shell lines that point docker (and docker-wrapper) at one.
import { ensureImages } from '../images/build.mjs';
import { pick } from './engines.mjs';
import { loadImages } from './images.mjs';

const log = (line) => console.error(`[engines] ${line}`);

// Starts `engines` in order (dockerd-ssh needs dockerd-tcp) and returns each one's environment.
export async function startEngines(engines) {
  const localMap = await ensureImages({ log });
  const started = [];
  for (const engine of engines) {
    const t0 = Date.now();
    await engine.start();
    const up = Date.now() - t0;
    const env = engine.env();
    const map = await loadImages(localMap, env, { localhostPrefix: engine.localhostPrefix });
    const total = Date.now() - t0;
    log(`${engine.name}: up in ${(up / 1000).toFixed(1)} s, images ready after ${(total / 1000).toFixed(1)} s`);
    started.push({ name: engine.name, env: { ...env, DOCKER_WRAPPER_IMAGE_MAP: map }, upMs: up, readyMs: total });
  }
  return started;
}

// Stops `engines` in reverse order (ssh before the daemon behind it).
export async function stopEngines(engines) {
  for (const engine of [...engines].reverse()) {
    await engine.stop().catch((error) => log(`${engine.name}: stop failed: ${error.message}`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...names] = process.argv.slice(2);
  try {
    const engines = pick(names);
    if (command === 'start') await startEngines(engines);
    else if (command === 'stop') await stopEngines(engines);
    else if (command === 'env') {
      const [one] = await startEngines(engines.slice(0, 1));
      for (const key of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'PATH', 'DOCKER_WRAPPER_IMAGE_MAP']) {
        if (one.env[key] !== undefined) console.log(`export ${key}='${one.env[key]}'`);
      }
    } else throw new Error('usage: main.mjs start|stop|env [dockerd-tcp|dockerd-ssh|podman ...]');
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
