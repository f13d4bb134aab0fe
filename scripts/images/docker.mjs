// Small docker CLI helpers for the image builder (argument arrays, never a shell).
import { spawn } from 'node:child_process';

// Runs a command and resolves with its exit code and output; never rejects for a non-zero exit.
export function run(command, args, { input, timeoutMs, cwd, onLine } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (onLine) for (const line of text.split('\n')) if (line) onLine(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exitCode: 127, output: `${command}: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, output });
    });
    if (input) input.pipe(child.stdin);
    else child.stdin.end();
  });
}

export const docker = (args, options) => run(process.env.DOCKER_WRAPPER_DOCKER_PATH || 'docker', args, options);

// True when the engine has an image with this reference.
export async function imageExists(reference) {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', reference], { timeoutMs: 30_000 })).exitCode === 0;
}

// Prints the last lines of a failed step's output and throws.
export function fail(step, output) {
  const tail = output.trimEnd().split('\n').slice(-40).join('\n');
  throw new Error(`${step} failed; the last lines of its output:\n${tail}`);
}
