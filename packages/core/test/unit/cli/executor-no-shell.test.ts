// No shell ever runs docker commands: every way the executor starts a process hands the arguments
// to the binary as they are. The stand-in binary prints each argument it got, NUL-terminated, so
// anything a shell would do (expand `$(id)`, `$HOME`, `*`, split on spaces, run `; cmd`) shows.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Executor } from '../../../src/cli/executor.js';
import { Redactor } from '../../../src/cli/redact.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-argv-'));
const binary = join(dir, 'print-argv');
writeFileSync(binary, '#!/bin/sh\nfor arg in "$@"; do printf \'%s\\0\' "$arg"; done\n');
chmodSync(binary, 0o755);
const executor = new Executor({ binary, env: process.env, redactor: new Redactor() });

const SHELL_BAIT = ['$(id -u)', '`whoami`', '$HOME', '*', 'a b', "it's", '"q"', '; touch /tmp/dw-pwned', '| cat', '&& false', '>out', '\n', '--privileged', '-v /:/host', ''];
const received = (stdout: string) => stdout.split('\0').slice(0, -1);

async function streamed(args: string[]): Promise<string> {
  const child = executor.spawn(args);
  let out = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) out += chunk.toString();
  await child;
  return out;
}

describe('the executor runs no shell', () => {
  it('raw(): shell syntax reaches the binary as literal arguments', async () => {
    const result = await executor.raw(SHELL_BAIT);
    expect(received(result.stdout)).toEqual(SHELL_BAIT);
  });

  it('spawn() (streams) and spawnInteractive() (stdin) do the same', async () => {
    expect(received(await streamed(SHELL_BAIT))).toEqual(SHELL_BAIT);
    const interactive = executor.spawnInteractive(SHELL_BAIT);
    interactive.stdin?.end();
    let out = '';
    for await (const chunk of interactive.stdout as AsyncIterable<Buffer>) out += chunk.toString();
    await interactive;
    expect(received(out)).toEqual(SHELL_BAIT);
  });

  // 150 processes: room for them on a loaded machine (a budget, not a timed assertion).
  it('any generated argument list arrives unchanged (property-based)', { timeout: 120_000 }, async () => {
    const arg = fc.oneof(fc.constantFrom(...SHELL_BAIT), fc.string({ unit: 'grapheme', maxLength: 16 }).filter((s) => !s.includes('\0')));
    await fc.assert(
      fc.asyncProperty(fc.array(arg, { maxLength: 6 }), async (args) => {
        const result = await executor.raw(args);
        expect(received(result.stdout)).toEqual(args);
      }),
      { numRuns: 150 },
    );
  });
});
