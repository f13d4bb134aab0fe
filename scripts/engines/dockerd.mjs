// A second dockerd beside the machine's own: its own data root, exec root, pid file, bridge and a
// TCP socket on 127.0.0.1. It never touches the first daemon's iptables chains (`--iptables=false`:
// with iptables on, dockerd removes and remakes the DOCKER chains at start, which would cut the
// first daemon's published ports). Published ports go through docker-proxy; one FORWARD rule for its
// own address ranges lets its containers reach each other (the first daemon set FORWARD to DROP).
import { mkdirSync } from 'node:fs';
import { ENGINES } from './config.mjs';
import { daemon, must, run, runningPid, stopDaemon, tail, waitUntil } from './proc.mjs';

const d = ENGINES.dockerd;
export const DOCKERD_HOST = `tcp://127.0.0.1:${d.port}`;

async function ensureBridge() {
  if ((await run('ip', ['link', 'show', d.bridge])).exitCode === 0) return;
  await must('ip', ['link', 'add', d.bridge, 'type', 'bridge']);
  await must('ip', ['addr', 'add', d.bridgeCidr, 'dev', d.bridge]);
  await must('ip', ['link', 'set', d.bridge, 'up']);
}

const FORWARD_RULE = ['FORWARD', '-s', d.ranges, '-d', d.ranges, '-m', 'comment', '--comment', 'docker-wrapper-eng', '-j', 'ACCEPT'];

async function allowForwarding() {
  if ((await run('iptables', ['-C', ...FORWARD_RULE])).exitCode !== 0) await must('iptables', ['-I', ...FORWARD_RULE]);
}

const answers = async () => (await run('docker', ['-H', DOCKERD_HOST, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 5000 })).exitCode === 0;

// Starts the daemon unless it already answers; resolves once `docker version` gets an answer.
export async function startDockerd() {
  await allowForwarding();
  if (runningPid(d.pidFile) && (await answers())) return;
  mkdirSync(d.dataRoot, { recursive: true });
  mkdirSync(d.execRoot, { recursive: true });
  await ensureBridge();
  daemon('dockerd', [
    '--data-root', d.dataRoot, '--exec-root', d.execRoot, '--pidfile', `${d.pidFile}.dockerd`,
    '-H', DOCKERD_HOST, '--bridge', d.bridge, '--default-address-pool', d.addressPool,
    '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--storage-driver', 'overlay2',
  ], { log: d.log, pidFile: d.pidFile });
  await waitUntil('the second dockerd answering', answers, { timeoutMs: 60_000, hint: () => `Its log (${d.log}):\n${tail(d.log)}` });
}

// Stops the daemon this script started and removes its bridge (its data root stays: images are
// kept for the next run).
export async function stopDockerd() {
  await stopDaemon(d.pidFile, 30_000);
  while ((await run('iptables', ['-C', ...FORWARD_RULE])).exitCode === 0) await must('iptables', ['-D', ...FORWARD_RULE]);
  if ((await run('ip', ['link', 'show', d.bridge])).exitCode === 0) await run('ip', ['link', 'delete', d.bridge]);
}
