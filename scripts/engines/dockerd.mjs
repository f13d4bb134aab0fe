// A second dockerd beside the machine's own: its own data root, exec root, pid file, bridge and a
// TCP socket on 127.0.0.1. It never touches the first daemon's iptables chains (`--iptables=false`:
// with iptables on, dockerd removes and remakes the DOCKER chains at start, which would cut the
// first daemon's published ports). Published ports go through docker-proxy; one FORWARD rule for its
// own address ranges lets its containers reach each other (the first daemon set FORWARD to DROP).
//
// Its network state is made anew at every start. dockerd 20.10, finding a stored default "bridge"
// network at start while it has --default-address-pool, deletes that network and then the link
// named docker0, whatever --bridge says: restarting this daemon on a kept data root deleted the
// first daemon's docker0 (seen twice on this machine). Without a stored network there is nothing to
// delete; images and layers stay. Its own containerd namespaces keep the two daemons' runc state
// (/run/containerd/runc/<namespace>) apart. The machine's bridges are checked before and after.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from './config.mjs';
import { daemon, deleteBridgesIn, randomMac, must, run, runningPid, stopDaemon, tail, waitUntil } from './proc.mjs';

const d = ENGINES.dockerd;
export const DOCKERD_HOST = `tcp://127.0.0.1:${d.port}`;

// The bridge gets an address of its own (as dockerd gives the bridges it makes): a bridge made
// without one takes the lowest MAC of its ports, which changes as containers come and go, and the
// containers' ARP entries for their gateway go stale: their TCP to the host stalls for seconds.
async function ensureBridge() {
  if ((await run('ip', ['link', 'show', d.bridge])).exitCode === 0) return;
  await must('ip', ['link', 'add', d.bridge, 'address', randomMac(), 'type', 'bridge']);
  await must('ip', ['addr', 'add', d.bridgeCidr, 'dev', d.bridge]);
  await must('ip', ['link', 'set', d.bridge, 'up']);
}

const FORWARD_RULE = ['FORWARD', '-s', d.ranges, '-d', d.ranges, '-m', 'comment', '--comment', 'docker-wrapper-eng', '-j', 'ACCEPT'];

async function allowForwarding() {
  if ((await run('iptables', ['-C', ...FORWARD_RULE])).exitCode !== 0) await must('iptables', ['-I', ...FORWARD_RULE]);
}

// The bridges on this machine, by name (docker0 and the other daemons' ones among them).
async function bridges() {
  const { output } = await run('ip', ['-o', 'link', 'show', 'type', 'bridge']);
  return new Set([...output.matchAll(/^\d+: ([^:@]+)[:@]/gm)].map((m) => m[1]));
}

// Throws, naming them, when bridges that were there `before` are gone: this daemon must never
// touch another daemon's network.
async function keptBridges(before, when, own = new Set()) {
  const after = await bridges();
  const gone = [...before].filter((name) => name !== d.bridge && !own.has(name) && !after.has(name));
  if (gone.length > 0) throw new Error(`${when} the second dockerd, the machine lost its bridge(s) ${gone.join(', ')}: the other daemon's containers have no network until it is made again (its log: ${d.log})`);
}

const answers = async () => (await run('docker', ['-H', DOCKERD_HOST, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 5000 })).exitCode === 0;

// Starts the daemon unless it already answers; resolves once `docker version` gets an answer.
export async function startDockerd() {
  await allowForwarding();
  if (runningPid(d.pidFile) && (await answers())) return;
  mkdirSync(d.dataRoot, { recursive: true });
  mkdirSync(d.execRoot, { recursive: true });
  rmSync(join(d.dataRoot, 'network'), { recursive: true, force: true });
  await deleteBridgesIn(d.networkPrefixes);
  await ensureBridge();
  const before = await bridges();
  daemon('dockerd', [
    '--data-root', d.dataRoot, '--exec-root', d.execRoot, '--pidfile', `${d.pidFile}.dockerd`,
    '-H', DOCKERD_HOST, '--bridge', d.bridge, '--default-address-pool', d.addressPool,
    '--containerd-namespace', d.containerdNamespace, '--containerd-plugins-namespace', `${d.containerdNamespace}-plugins`,
    '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--storage-driver', 'overlay2',
  ], { log: d.log, pidFile: d.pidFile });
  await waitUntil('the second dockerd answering', answers, { timeoutMs: 60_000, hint: () => `Its log (${d.log}):\n${tail(d.log)}` });
  await keptBridges(before, 'Starting');
}

// Stops the daemon this script started and removes its bridges (its data root stays: images are
// kept for the next run).
export async function stopDockerd() {
  const before = await bridges();
  await stopDaemon(d.pidFile, 30_000);
  while ((await run('iptables', ['-C', ...FORWARD_RULE])).exitCode === 0) await must('iptables', ['-D', ...FORWARD_RULE]);
  if ((await run('ip', ['link', 'show', d.bridge])).exitCode === 0) await run('ip', ['link', 'delete', d.bridge]);
  // The bridges of its networks go with it (the next start makes its network state anew).
  const own = await deleteBridgesIn(d.networkPrefixes);
  await keptBridges(before, 'Stopping', new Set(own));
}
