// Names, ports and folders of the extra engines `npm run test:engines` starts. Everything carries
// `eng` so it never collides with the machine's own dockerd or another helper's daemon.
import { join } from 'node:path';

const state = process.env.DOCKER_WRAPPER_ENGINES_DIR || '/var/lib/docker-wrapper-eng';
const run = '/run/docker-wrapper-eng';

export const ENGINES = {
  state,
  run,
  dockerd: {
    port: Number(process.env.DOCKER_WRAPPER_ENG_PORT || 23750),
    dataRoot: join(state, 'dockerd'),
    execRoot: join(run, 'dockerd'),
    pidFile: join(run, 'dockerd.pid'),
    log: join(state, 'dockerd.log'),
    bridge: 'dw-br-eng',
    containerdNamespace: 'dw-eng',
    bridgeCidr: '10.196.0.1/24',
    addressPool: 'base=10.197.0.0/16,size=24',
    /** Both of the above, for the one FORWARD rule. */
    ranges: '10.196.0.0/15',
    /** How the addresses of its user-defined networks' bridges start. */
    networkPrefixes: ['10.197.'],
  },
  ssh: {
    port: Number(process.env.DOCKER_WRAPPER_ENG_SSH_PORT || 23752),
    dir: join(state, 'ssh'),
    pidFile: join(run, 'sshd.pid'),
    context: 'dw-eng-ssh',
  },
  podman: {
    dir: join(state, 'podman'),
    socket: join(run, 'podman.sock'),
    pidFile: join(run, 'podman.pid'),
    log: join(state, 'podman.log'),
    /** How the addresses of its networks' bridges start (default_subnet and its pools). */
    networkPrefixes: ['10.198.', '10.199.'],
  },
};
