// Bad input to the `docker-wrapper` command (the built bin, in a project folder of its own): each
// exits with the usage code 2, says which option or argument is wrong and shows the value, and no
// docker process starts (DOCKER_WRAPPER_DOCKER_PATH is a tripwire that writes down every call).
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProject, type CliProject } from '../../templates/test/support/cli.js';
import { tripwire, type Witness } from './support/tripwire.js';

const CONFIG = "import { defineConfig, redis } from '@docker-wrapper/templates';\nexport default defineConfig({ services: { cache: redis() } });\n";

interface BadCommand {
  title: string;
  args: string[];
  /** Config file text, when not the default one-Redis config. */
  config?: string;
  /** What stderr must show: the option and its value. */
  shows: string[];
}

const cases: BadCommand[] = [
  { title: 'unknown command', args: ['frobnicate'], shows: ["unknown command 'frobnicate'"] },
  { title: 'unknown global flag', args: ['--verbose'], shows: ["unknown option '--verbose'"] },
  { title: 'unknown flag of up', args: ['up', '--detatch'], shows: ["unknown option '--detatch'", '--detach'] },
  { title: 'flag value missing', args: ['up', '--config'], shows: ["option '-c, --config <file>' argument missing"] },
  { title: 'a flag that takes no value given one', args: ['stats', '--once=3'], shows: ["'--once=3'", '--once'] },
  { title: 'a duration that is not one', args: ['prune', '--older-than', 'soon'], shows: ['--older-than', 'soon'] },
  { title: 'a session id with a space', args: ['prune', '--session', 'my session'], shows: ['--session', 'my session'] },
  { title: 'a tail that is not a number', args: ['logs', 'cache', '--tail', 'many'], shows: ['--tail', 'many'] },
  { title: 'a missing service argument', args: ['logs'], shows: ["missing required argument 'service'"] },
  { title: 'a service the config does not have', args: ['up', 'cahce'], shows: ['"cahce"', 'cache'] },
  { title: 'a tail that is a fraction', args: ['logs', 'cache', '--tail', '1.5'], shows: ['--tail', '1.5'] },
  { title: 'events since a time docker cannot read', args: ['events', '--since', 'yesterday'], shows: ['--since', 'yesterday'] },
  { title: 'events until a time docker cannot read', args: ['events', '--until', 'next week'], shows: ['--until', 'next week'] },
  { title: 'a config file path that is empty', args: ['down', '--config', ''], shows: ['--config', '""'] },
  { title: 'a config file that is missing', args: ['up', '--config', 'no-such.config.mjs'], shows: ['--config', 'no-such.config.mjs'] },
  { title: 'a config file with a misspelt option', args: ['up'], config: CONFIG.replace('services:', 'keep: true, servics: {}, services:'), shows: ['`servics`', 'services'] },
  { title: 'a config file with a bad template option', args: ['ps'], config: CONFIG.replace('redis()', "redis({ version: 'latest' })"), shows: ['`redis.version`', '"latest"'] },
  { title: 'a config file with a misspelt docker option', args: ['up', '--detach'], config: CONFIG.replace('services:', "docker: { contxt: 'remote' }, services:"), shows: ['`docker.contxt`', '"remote"'] },
];

describe('bad input: the docker-wrapper command', () => {
  let wire: Witness;
  const projects = new Map<string, CliProject>();
  beforeAll(() => {
    wire = tripwire();
  });
  const project = (config: string) => {
    let found = projects.get(config);
    if (!found) projects.set(config, (found = cliProject(config)));
    return found;
  };

  it.each(cases)('$title: docker-wrapper $args', async ({ args, config, shows }) => {
    const before = wire.calls().length;
    const result = await cli(project(config ?? CONFIG), args, { DOCKER_WRAPPER_DOCKER_PATH: wire.binary });
    expect(result.code, result.stderr).toBe(2);
    for (const text of shows) expect(result.stderr).toContain(text);
    expect(result.stdout).toBe('');
    expect(wire.calls().slice(before)).toEqual([]);
  });
});
