// The extra engines as data: how to start and stop each, and the environment a docker client (and
// so docker-wrapper) needs to use it.
import { DOCKERD_HOST, startDockerd, stopDockerd } from './dockerd.mjs';
import { PODMAN_HOST, startPodman, stopPodman } from './podman.mjs';
import { sshEnv, startSsh, stopSsh } from './ssh.mjs';

const plain = (host) => ({ ...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: undefined });

export const ENGINE_LIST = [
  { name: 'dockerd-tcp', start: startDockerd, stop: stopDockerd, env: () => plain(DOCKERD_HOST), imagesFrom: undefined },
  // The same daemon as dockerd-tcp: its images are there already.
  { name: 'dockerd-ssh', start: startSsh, stop: stopSsh, env: () => sshEnv(), imagesFrom: 'dockerd-tcp' },
  { name: 'podman', start: startPodman, stop: stopPodman, env: () => plain(PODMAN_HOST), imagesFrom: undefined, localhostPrefix: true },
];

// The engines named in `names` (all when empty), each after the one it runs on (dockerd-ssh needs
// dockerd-tcp); throws on an unknown name.
export function pick(names) {
  if (names.length === 0) return ENGINE_LIST;
  const picked = new Set();
  for (const name of names) {
    const engine = ENGINE_LIST.find((e) => e.name === name);
    if (!engine) throw new Error(`unknown engine ${JSON.stringify(name)}: expected one of ${ENGINE_LIST.map((e) => e.name).join(', ')}`);
    if (engine.imagesFrom) picked.add(ENGINE_LIST.find((e) => e.name === engine.imagesFrom));
    picked.add(engine);
  }
  return [...picked];
}
