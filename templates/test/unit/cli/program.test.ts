// Argument and option handling of the `docker-wrapper` command, with handlers that record what
// they receive (no docker): names, defaults, parsed values, and usage errors as exit code 2.
import { CommanderError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { buildProgram, type Handlers } from '../../../src/cli/program.js';

function harness() {
  const calls: [string, ...unknown[]][] = [];
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return 0;
  };
  const handlers = Object.fromEntries(['up', 'down', 'ps', 'prune', 'logs', 'events', 'stats', 'doctor'].map((n) => [n, record(n)])) as unknown as Handlers;
  let code: number | undefined;
  const program = buildProgram(handlers, (c) => {
    code = c;
  }, '1.2.3');
  let written = '';
  program.configureOutput({ writeOut: (s) => (written += s), writeErr: (s) => (written += s) });
  for (const command of program.commands) command.configureOutput({ writeOut: (s) => (written += s), writeErr: (s) => (written += s) });
  return {
    calls,
    code: () => code,
    output: () => written,
    run: (...argv: string[]) => program.parseAsync(argv, { from: 'user' }),
  };
}

describe('docker-wrapper arguments', () => {
  it('hands up its service names, --detach, --json and --config', async () => {
    const h = harness();
    await h.run('up', 'db', 'cache', '-d', '--json', '--config', 'other.mjs');
    expect(h.calls).toEqual([['up', ['db', 'cache'], { detach: true, json: true, config: 'other.mjs' }]]);
    expect(h.code()).toBe(0);
  });

  it('starts every service when up names none', async () => {
    const h = harness();
    await h.run('up');
    expect(h.calls).toEqual([['up', [], {}]]);
  });

  it('parses prune --older-than into milliseconds and keeps the class flags', async () => {
    const h = harness();
    await h.run('prune', '--older-than', '1h30m', '--reused', '--dry-run', '--session', 'abc-1');
    expect(h.calls).toEqual([['prune', { olderThanMs: 5_400_000, reused: true, dryRun: true, session: 'abc-1' }]]);
  });

  it('rejects a bad --older-than naming the option and the value', async () => {
    const h = harness();
    const error = await h.run('prune', '--older-than', '1x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
    expect(h.output()).toContain("option '--older-than <duration>' argument '1x' is invalid");
    expect(h.calls).toEqual([]);
  });

  it('rejects an unknown option and suggests the close one', async () => {
    const h = harness();
    const error = await h.run('up', '--detatch').catch((e: unknown) => e);
    expect((error as CommanderError).code).toBe('commander.unknownOption');
    expect(h.output()).toContain('--detach');
    expect(h.calls).toEqual([]);
  });

  it('rejects an unknown command', async () => {
    const h = harness();
    const error = await h.run('upp').catch((e: unknown) => e);
    expect((error as CommanderError).code).toBe('commander.unknownCommand');
    expect(h.output()).toContain('up');
  });

  it('needs the service of logs, and parses --tail and -f', async () => {
    const h = harness();
    const error = await h.run('logs').catch((e: unknown) => e);
    expect((error as CommanderError).code).toBe('commander.missingArgument');
    await h.run('logs', 'db', '-f', '--tail', '20');
    expect(h.calls).toEqual([['logs', 'db', { follow: true, tail: 20 }]]);
    const bad = await h.run('logs', 'db', '--tail', 'many').catch((e: unknown) => e);
    expect((bad as CommanderError).code).toBe('commander.invalidArgument');
  });

  it('rejects a bad events --session as prune does', async () => {
    const h = harness();
    const error = await h.run('events', '--session', 'not a session').catch((e: unknown) => e);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
    expect(h.output()).toContain('Expected a session id');
    await h.run('events', '--session', 'abc-1');
    expect(h.calls).toEqual([['events', { session: 'abc-1' }]]);
  });

  it('exits 2 on a subcommand usage error and points at the help (settings the subcommands inherit)', async () => {
    let stderr = '';
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      expect(await main(['logs'])).toBe(2);
      expect(await main(['prune', '--older-than', '1x'])).toBe(2);
    } finally {
      write.mockRestore();
    }
    expect(stderr).toContain("error: missing required argument 'service'");
    expect(stderr).toContain("option '--older-than <duration>' argument '1x' is invalid. \"1x\" is not a duration");
    expect(stderr.match(/\(add --help for usage\)/g)).toHaveLength(2);
  });

  it('has --help for every command, exit code 0, listing the exit codes', async () => {
    for (const name of ['up', 'down', 'ps', 'prune', 'logs', 'events', 'stats', 'doctor']) {
      const h = harness();
      const error = await h.run(name, '--help').catch((e: unknown) => e);
      expect((error as CommanderError).exitCode).toBe(0);
      expect(h.output()).toContain(`Usage: docker-wrapper ${name}`);
    }
    const h = harness();
    await h.run('--help').catch(() => undefined);
    expect(h.output()).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 {2}failed/);
  });
});
