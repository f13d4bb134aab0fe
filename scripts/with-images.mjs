// Runs a command with DOCKER_WRAPPER_IMAGE_MAP set to the stand-ins `npm run images` would print,
// building them first when needed: `node scripts/with-images.mjs vitest run`.
import { spawn } from 'node:child_process';
import { ensureImages } from './images/build.mjs';

const [command, ...args] = process.argv.slice(2);
let map;
try {
  map = await ensureImages();
} catch (error) {
  console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const env = { ...process.env };
if (map) env.DOCKER_WRAPPER_IMAGE_MAP = [process.env.DOCKER_WRAPPER_IMAGE_MAP, map].filter(Boolean).join(',');
const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
