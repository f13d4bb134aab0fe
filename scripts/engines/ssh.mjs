// The second dockerd reached over ssh: a local sshd on its own port, bound to 127.0.0.1, root login
// by a throwaway key only, whose sessions get DOCKER_HOST of the second dockerd (so the remote
// `docker system dial-stdio` talks to it); a docker context `dw-eng-ssh` in a private DOCKER_CONFIG;
// and an `ssh` wrapper put first on PATH that uses this key and its own known_hosts.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES } from './config.mjs';
import { DOCKERD_HOST } from './dockerd.mjs';
import { daemon, ensurePackages, must, run, runningPid, stopDaemon, tail, waitUntil } from './proc.mjs';

const s = ENGINES.ssh;
const file = (name) => join(s.dir, name);
export const SSH_ENDPOINT = `ssh://root@127.0.0.1:${s.port}`;

// The environment a docker client needs to use the ssh context.
export function sshEnv(base = process.env) {
  return { ...base, PATH: `${file('bin')}:${base.PATH ?? ''}`, DOCKER_CONFIG: file('docker-config'), DOCKER_CONTEXT: s.context, DOCKER_HOST: undefined };
}

async function writeFiles() {
  mkdirSync(file('bin'), { recursive: true });
  mkdirSync(file('docker-config'), { recursive: true });
  chmodSync(s.dir, 0o700);
  if (!existsSync(file('host_key'))) await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file('host_key')]);
  if (!existsSync(file('client_key'))) await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'docker-wrapper-eng', '-f', file('client_key')]);
  writeFileSync(file('authorized_keys'), readFileSync(file('client_key.pub')), { mode: 0o600 });
  writeFileSync(file('sshd_config'), [
    `Port ${s.port}`, 'ListenAddress 127.0.0.1', `HostKey ${file('host_key')}`, `PidFile ${s.pidFile}.sshd`,
    `AuthorizedKeysFile ${file('authorized_keys')}`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'AllowUsers root', 'X11Forwarding no',
    'AllowTcpForwarding no', 'PrintMotd no', `SetEnv DOCKER_HOST=${DOCKERD_HOST}`,
    // Every docker call is one ssh connection; many run at once.
    'MaxStartups 200', 'MaxSessions 200', 'LogLevel ERROR', '',
  ].join('\n'));
  writeFileSync(file('ssh_config'), [
    'Host *', `  IdentityFile ${file('client_key')}`, '  IdentitiesOnly yes', '  BatchMode yes',
    `  UserKnownHostsFile ${file('known_hosts')}`, '  StrictHostKeyChecking accept-new', '  LogLevel ERROR',
    // One connection carries every docker call (each is an ssh session): no handshake per call.
    '  ControlMaster auto', `  ControlPath ${file('cm-%C')}`, '  ControlPersist 120', '',
  ].join('\n'));
  writeFileSync(file('bin/ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${file('ssh_config')} "$@"\n`, { mode: 0o755 });
}

const answers = async () => (await run('docker', ['version', '--format', '{{.Server.Version}}'], { env: sshEnv(), timeoutMs: 15_000 })).exitCode === 0;

// Starts sshd (when not running) and makes the context; resolves once docker answers through it.
export async function startSsh() {
  await ensurePackages({ 'openssh-server': '/usr/sbin/sshd' });
  await writeFiles();
  if (!runningPid(s.pidFile)) {
    mkdirSync('/run/sshd', { recursive: true });
    daemon('/usr/sbin/sshd', ['-D', '-e', '-f', file('sshd_config')], { log: file('sshd.log'), pidFile: s.pidFile });
  }
  const env = sshEnv();
  if ((await run('docker', ['context', 'inspect', s.context], { env })).exitCode !== 0) {
    await must('docker', ['context', 'create', s.context, '--docker', `host=${SSH_ENDPOINT}`], { env: { ...env, DOCKER_CONTEXT: undefined } });
  }
  await waitUntil('docker answering through the ssh context', answers, { timeoutMs: 30_000, hint: () => `sshd log:\n${tail(file('sshd.log'))}` });
}

export async function stopSsh() {
  // The shared connection's master process, if one runs.
  await run('/usr/bin/ssh', ['-F', file('ssh_config'), '-O', 'exit', '-p', String(s.port), 'root@127.0.0.1']);
  await stopDaemon(s.pidFile);
}
