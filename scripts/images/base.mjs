// The Debian base every stand-in builds on: debootstrap (minbase) into a temporary folder, then
// `docker import`. Needs root and debootstrap; installs Debian's debootstrap when apt-get can.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { docker, fail, imageExists, run } from './docker.mjs';

const SUITE = 'bookworm';

// The Debian mirror: $DOCKER_WRAPPER_DEBIAN_MIRROR, else the first one in the machine's apt sources.
export function debianMirror() {
  if (process.env.DOCKER_WRAPPER_DEBIAN_MIRROR) return process.env.DOCKER_WRAPPER_DEBIAN_MIRROR;
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+\s+main/m.exec(text)?.[1];
    if (uri && !uri.includes('security')) return uri;
  }
  return 'http://deb.debian.org/debian';
}

async function ensureDebootstrap(log) {
  if ((await run('debootstrap', ['--version'])).exitCode === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && (await run('apt-get', ['--version'])).exitCode === 0) {
    log('debootstrap is missing: installing Debian\'s debootstrap package');
    const update = await run('apt-get', ['update', '-qq']);
    if (update.exitCode !== 0) fail('apt-get update', update.output);
    const install = await run('apt-get', ['install', '-y', '-qq', 'debootstrap']);
    if (install.exitCode === 0) return;
    fail('apt-get install debootstrap', install.output);
  }
  throw new Error(
    'debootstrap is not installed, and no registry is reachable to pull images from: install it ' +
      '(Debian/Ubuntu: `sudo apt-get install debootstrap`) and run `npm run images` as root.',
  );
}

// Makes sure the base image exists and returns its tag.
export async function ensureBase(log) {
  const mirror = debianMirror();
  const hash = createHash('sha256').update(`${SUITE}\0minbase\0${mirror}\0v1`).digest('hex').slice(0, 12);
  const tag = `docker-wrapper-ci/base:${hash}`;
  if (await imageExists(tag)) return tag;
  await ensureDebootstrap(log);
  const dir = await mkdtemp(join(tmpdir(), 'docker-wrapper-base-'));
  try {
    log(`building ${tag}: debootstrap ${SUITE} from ${mirror} (about a minute)`);
    const rootfs = join(dir, 'rootfs');
    const boot = await run('debootstrap', ['--variant=minbase', SUITE, rootfs, mirror]);
    if (boot.exitCode !== 0) fail('debootstrap', boot.output);
    const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const imported = await docker(['import', '-', tag], { input: tar.stdout });
    if (imported.exitCode !== 0) fail('docker import', imported.output);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
