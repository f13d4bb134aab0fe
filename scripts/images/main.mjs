// `npm run images`: makes sure every image the tests need exists, and prints the line to export.
import { ensureImages } from './build.mjs';

try {
  const map = await ensureImages();
  console.log(`export DOCKER_WRAPPER_IMAGE_MAP='${map}'`);
} catch (error) {
  console.error(`[images] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
