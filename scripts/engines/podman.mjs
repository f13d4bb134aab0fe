// Podman serving its Docker-compatible API on a unix socket (`podman system service`), with its
// own storage, run root and network folder. CNI with Debian's dnsname plugin gives containers on a
// network DNS for each other's names and aliases, as Docker's networks do. (Netavark 1.4 was tried:
// its published ports do not answer on 127.0.0.1 unless route_localnet is set machine-wide.) Its containers.conf sets default ulimits within this
// machine's hard limits: without them runc cannot set Podman's default rlimits here and no
// container starts ("error setting rlimit type 7: operation not permitted").
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from './config.mjs';
import { daemon, deleteBridgesIn, ensurePackages, run, runningPid, stopDaemon, tail, waitUntil } from './proc.mjs';

const p = ENGINES.podman;
export const PODMAN_HOST = `unix://${p.socket}`;

function writeConfig() {
  mkdirSync(join(p.dir, 'cni'), { recursive: true });
  mkdirSync(join(ENGINES.run, 'podman'), { recursive: true });
  const conf = join(p.dir, 'containers.conf');
  writeFileSync(conf, [
    '[containers]', 'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]', '',
    '[network]', 'network_backend = "cni"', `network_config_dir = "${join(p.dir, 'cni')}"`, 'default_subnet = "10.198.0.0/24"',
    'default_subnet_pools = [{ "base" = "10.199.0.0/16", "size" = 24 }]', '',
  ].join('\n'));
  return conf;
}

export const podmanArgs = () => ['--root', join(p.dir, 'storage'), '--runroot', join(ENGINES.run, 'podman')];

const answers = async () => (await run('docker', ['-H', PODMAN_HOST, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 5000 })).exitCode === 0;

// Starts the API service unless it answers already.
export async function startPodman() {
  await ensurePackages({ podman: '/usr/bin/podman', 'golang-github-containernetworking-plugin-dnsname': '/usr/lib/cni/dnsname' });
  const conf = writeConfig();
  if (runningPid(p.pidFile) && (await answers())) return;
  daemon('podman', [...podmanArgs(), 'system', 'service', '--time=0', PODMAN_HOST], {
    log: p.log, pidFile: p.pidFile, env: { ...process.env, CONTAINERS_CONF: conf },
  });
  await waitUntil('podman system service answering', answers, { timeoutMs: 30_000, hint: () => `Its log (${p.log}):\n${tail(p.log)}` });
}

// Removes every container and network of this Podman's private storage (their conmon monitors and
// bridges outlive the API service otherwise), then stops the service.
export async function stopPodman() {
  const env = { ...process.env, CONTAINERS_CONF: join(p.dir, 'containers.conf') };
  await run('podman', [...podmanArgs(), 'rm', '--all', '--force', '--time', '0'], { env, timeoutMs: 120_000 });
  await run('podman', [...podmanArgs(), 'network', 'prune', '--force'], { env, timeoutMs: 60_000 });
  await stopDaemon(p.pidFile);
  await deleteBridgesIn(p.networkPrefixes);
  // Exec sessions' conmon monitors can outlive their containers: end the ones of this storage.
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.startsWith('/usr/bin/conmon\0') && cmdline.includes(join(p.dir, 'storage'))) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}
