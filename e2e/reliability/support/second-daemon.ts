// A second dockerd for the faults that need a daemon to die, restart or fill its disk: its own
// data root on a small tmpfs, exec root, pid file, unix socket, bridge and containerd namespace
// (every name holds `flt`), so the machine's own daemon, shared with other work, is never touched.
// Needs root (mount, ip link), as CI runs. Images come from the main daemon (`docker save | load`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execa } from 'execa';

// A random locally administered unicast MAC address, for a bridge made by hand.
function randomMac(): string {
  const bytes = randomBytes(6);
  bytes[0] = ((bytes[0] as number) & 0xfe) | 0x02;
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

export interface SecondDaemon {
  /** `unix://...`: for `Docker.connect({ host })` or DOCKER_HOST. */
  readonly host: string;
  /** The tmpfs that is its data root. */
  readonly dataRoot: string;
  /** Copies an image of the main daemon into this one. */
  load(image: string): Promise<void>;
  /** Stops the daemon (its containers stop with it) and starts it again on the same data. */
  restart(): Promise<void>;
  /** Stops the daemon; `start()` brings it back on the same data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its tmpfs, bridge and folders. */
  remove(): Promise<void>;
}

const run = (file: string, args: string[]) => execa(file, args, { reject: false, all: true });

// Starts a daemon named by `tag` (one letter: it goes into the bridge name, 15 characters at most)
// with a data root of `sizeMb` MB on 10.231.<subnet>.0/24, and waits until it answers.
export async function startSecondDaemon(tag: string, subnet: number, sizeMb = 600): Promise<SecondDaemon> {
  const root = `/tmp/dw-flt-${tag}-${process.pid}`;
  const dataRoot = `${root}/data`;
  const socket = `${root}/docker.sock`;
  // Unique per process (15 characters at most), so a run killed before its clean-up leaves no clash.
  const bridge = `dw-br-flt${tag}${(process.pid % 46656).toString(36)}`;
  const pidFile = `${root}/dockerd.pid`;
  const host = `unix://${socket}`;
  const args = [
    '--data-root', dataRoot, '--exec-root', `${root}/exec`, '--pidfile', pidFile, '-H', host,
    '--bridge', bridge, '--iptables=false', '--ip-masq=false',
    '--containerd-namespace', `dw-flt-${tag}`, '--containerd-plugins-namespace', `dw-flt-${tag}-plugins`,
  ];
  let daemon: (Promise<unknown> & { pid?: number | undefined }) | undefined;

  const up = async () => {
    const log = { file: `${root}/dockerd.log`, append: true };
    daemon = execa('dockerd', args, { reject: false, detached: true, stdin: 'ignore', stdout: log, stderr: log });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if ((await run('docker', ['-H', host, 'version', '--format', '{{.Server.Version}}'])).exitCode === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the second dockerd (${root}) did not answer within 60 s:\n${readFileSync(`${root}/dockerd.log`, 'utf8').slice(-2000)}`);
  };
  const down = async () => {
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : daemon?.pid;
    if (pid) process.kill(pid, 'SIGTERM');
    await daemon;
    daemon = undefined;
  };

  const remove = async () => {
    await down().catch(() => undefined);
    await run('umount', ['--lazy', dataRoot]);
    await run('ip', ['link', 'del', bridge]);
    rmSync(root, { recursive: true, force: true });
  };
  mkdirSync(dataRoot, { recursive: true });
  const steps: [string, string[]][] = [
    ['mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, `dw-flt-${tag}`, dataRoot]],
    // An address of its own: without one a bridge takes its lowest port's MAC, which changes as
    // containers come and go and leaves their ARP entries for the gateway stale.
    ['ip', ['link', 'add', bridge, 'address', randomMac(), 'type', 'bridge']],
    ['ip', ['addr', 'add', `10.231.${subnet}.1/24`, 'dev', bridge]],
    ['ip', ['link', 'set', bridge, 'up']],
  ];
  try {
    for (const [file, stepArgs] of steps) {
      const result = await run(file, stepArgs);
      if (result.exitCode !== 0) throw new Error(`${file} ${stepArgs.join(' ')}: ${result.all}`);
    }
    await up();
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    host,
    dataRoot,
    async load(image) {
      const file = `${root}/image.tar`;
      await execa('docker', ['save', '-o', file, image]);
      await execa('docker', ['-H', host, 'load', '-q', '-i', file]);
      rmSync(file);
    },
    async restart() {
      await down();
      await up();
    },
    stop: down,
    start: up,
    remove,
  };
}
