// Process helpers for the engine scripts: run a command to its end, start a daemon detached with
// its output in a log file, stop a daemon by the pid file this script wrote, poll until ready.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// Runs a command and resolves with its exit code and output; never rejects for a non-zero exit.
export function run(command, args, { env, input, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => resolve({ exitCode: 127, output: `${command}: ${error.message}` }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, output });
    });
    if (input) input.pipe(child.stdin);
    else child.stdin.end();
  });
}

// Runs a command and throws with its output when it fails.
export async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.exitCode}):\n${result.output.trim().split('\n').slice(-20).join('\n')}`);
  return result.output;
}

// Starts a daemon in its own session, output to `log`, and writes its pid to `pidFile`.
export function daemon(command, args, { log, pidFile, env }) {
  const out = openSync(log, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env: env ?? process.env });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  return child.pid;
}

// The pid in `pidFile` when that process still runs.
export function runningPid(pidFile) {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

// Ends the daemon whose pid `pidFile` holds (TERM, then KILL after `graceMs`) and removes the file.
export async function stopDaemon(pidFile, graceMs = 20_000) {
  const pid = runningPid(pidFile);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (runningPid(pidFile) && Date.now() < deadline) await sleep(100);
    if (runningPid(pidFile)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `check` until it resolves true, up to `timeoutMs`; throws `what` with `hint()` otherwise.
export async function waitUntil(what, check, { timeoutMs = 60_000, hint = () => '' } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms. ${hint()}`);
}

// The last lines of a log file, for failure messages.
export function tail(path, lines = 20) {
  return existsSync(path) ? readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

// Installs Debian packages whose files are missing (`apt-get`, as root on this machine kind).
export async function ensurePackages(packages) {
  const missing = Object.entries(packages).filter(([, path]) => !existsSync(path)).map(([name]) => name);
  if (missing.length === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await must('apt-get', ['update', '-qq'], { env, timeoutMs: 600_000 });
  await must('apt-get', ['install', '-y', '-qq', ...missing], { env, timeoutMs: 600_000 });
}

// Deletes the bridges whose IPv4 address starts with one of `prefixes` (the address ranges of an
// engine's own networks, which no other daemon uses): what an engine leaves behind when it stops
// with networks still defined, or once its network state is made anew. Returns their names.
export async function deleteBridgesIn(prefixes) {
  const { output } = await run('ip', ['-o', '-4', 'addr', 'show']);
  const names = new Set();
  for (const line of output.split('\n')) {
    const [, name, , address] = line.trim().split(/\s+/);
    if (name && address && prefixes.some((prefix) => address.startsWith(prefix))) names.add(name);
  }
  for (const name of names) await run('ip', ['link', 'delete', name]);
  return [...names];
}

// A random locally administered unicast MAC address, for a bridge made by hand.
export function randomMac() {
  const bytes = randomBytes(6);
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}
