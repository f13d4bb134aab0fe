// The commands, their arguments and options as commander declares them; what each one runs is
// handed in, so that argument handling is tested without docker.
import { validateEventTime } from '@docker-wrapper/core';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseDuration } from './durations.js';
import { EXIT } from './exit-codes.js';

export interface CommonCliOptions {
  config?: string;
  json?: boolean;
}

export interface Handlers {
  up(services: string[], options: CommonCliOptions & { detach?: boolean }): Promise<number>;
  down(options: CommonCliOptions): Promise<number>;
  ps(options: CommonCliOptions): Promise<number>;
  prune(options: CommonCliOptions & { olderThanMs?: number; session?: string; reused?: boolean; cache?: boolean; all?: boolean; dryRun?: boolean }): Promise<number>;
  logs(service: string, options: { config?: string; follow?: boolean; tail?: number }): Promise<number>;
  events(options: CommonCliOptions & { session?: string; since?: string; until?: string }): Promise<number>;
  stats(options: CommonCliOptions & { once?: boolean }): Promise<number>;
  doctor(options: CommonCliOptions): Promise<number>;
}

function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function sessionId(value: string): string {
  if (!/^[a-zA-Z0-9_.-]{1,64}$/.test(value)) throw new InvalidArgumentError('Expected a session id: 1-64 letters, digits, `_`, `.` or `-`.');
  return value;
}

function time(option: string): (value: string) => string {
  return (value) => {
    try {
      return validateEventTime(option, value);
    } catch {
      throw new InvalidArgumentError('Expected a duration before now like 10m, or a time like 2024-01-02T15:04:05Z.');
    }
  };
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number of lines, like 100.');
  return Number(value);
}

const configOption = () => new Option('-c, --config <file>', 'the config file (default: the nearest docker-wrapper.config.{ts,mts,mjs,js,cjs} from here up)');
const jsonOption = (what: string) => new Option('--json', what);

const EXIT_HELP = `
Exit codes:
  ${EXIT.ok}  done
  ${EXIT.failure}  failed (a service did not start, a docker call failed, doctor found a problem)
  ${EXIT.usage}  usage error (unknown command or option, bad value, missing or broken config file)
  ${EXIT.unreachable}  the docker engine cannot be reached`;

// The program; `result` receives each command's exit code.
export function buildProgram(handlers: Handlers, result: (code: number) => void, version: string): Command {
  const program = new Command('docker-wrapper')
    .description('Real services in Docker for tests: start, inspect and clean up the services of a docker-wrapper config.')
    .version(version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_HELP)
    .exitOverride();
  const command = (name: string, description: string) => program.command(name).description(description); // exitOverride and showHelpAfterError: copied from the program
  command('up', 'start the configured services (all, or those named) in parallel; stay attached until Ctrl-C')
    .argument('[service...]', 'services of the config to start (default: all)')
    .addOption(configOption())
    .option('-d, --detach', 'leave them running and exit (stop them with `down`)')
    .addOption(jsonOption('print one JSON document on stdout (connections, env) and nothing else there'))
    .action(async (services: string[], options) => result(await handlers.up(services, options)));
  command('down', 'remove what `up --detach` started for this project')
    .addOption(configOption())
    .addOption(jsonOption('print what was removed as JSON'))
    .action(async (options) => result(await handlers.down(options)));
  command('ps', "this project's services, and the reused, cached or leaked resources on the engine")
    .addOption(configOption())
    .addOption(jsonOption('print them as JSON'))
    .action(async (options) => result(await handlers.ps(options)));
  command('prune', 'remove leftovers: leaked sessions (their process is gone); with flags, reused containers and cached images')
    .addOption(new Option('--older-than <duration>', 'only leaked sessions at least this old (90s, 15m, 1h, 2d)').argParser(duration))
    .addOption(new Option('--session <id>', 'only this leaked session').argParser(sessionId))
    .option('--reused', "also this project's reused containers (and their networks)")
    .option('--cache', "also this project's cached (initialised) images")
    .option('--all', 'leaked sessions, reused containers and cached images')
    .option('-n, --dry-run', 'list what would be removed, remove nothing')
    .addOption(configOption())
    .addOption(jsonOption('print what was removed as JSON'))
    .action(async (options: { olderThan?: number; session?: string; reused?: boolean; cache?: boolean; all?: boolean; dryRun?: boolean; config?: string; json?: boolean }) => {
      const { olderThan, ...rest } = options;
      result(await handlers.prune({ ...rest, ...(olderThan !== undefined ? { olderThanMs: olderThan } : {}) }));
    });
  command('logs', 'the output of a service that `up --detach` started')
    .argument('<service>', 'the service name in the config')
    .option('-f, --follow', 'keep printing new output until Ctrl-C')
    .addOption(new Option('--tail <lines>', 'only the last lines').argParser(count))
    .addOption(configOption())
    .action(async (service: string, options) => result(await handlers.logs(service, options)));
  command('events', "the engine's events about docker-wrapper's containers, networks and volumes, until Ctrl-C")
    .addOption(new Option('--session <id>', 'only this session').argParser(sessionId))
    .addOption(new Option('--since <time>', 'replay from then (10m, 2024-01-02T15:04:05Z)').argParser(time('--since')))
    .addOption(new Option('--until <time>', 'stop then').argParser(time('--until')))
    .addOption(configOption())
    .addOption(jsonOption('one JSON object per event and line'))
    .action(async (options) => result(await handlers.events(options)));
  command('stats', "CPU, memory and I/O of this project's running services: a live table on a terminal")
    .option('--once', 'one sample of each, then exit')
    .addOption(configOption())
    .addOption(jsonOption('JSON (one document with --once, else one object per line)'))
    .action(async (options) => result(await handlers.stats(options)));
  command('doctor', 'check the CLI, the engine, the images the config needs, disk and leftovers; each problem with its fix')
    .addOption(configOption())
    .addOption(jsonOption('print the checks as JSON'))
    .action(async (options) => result(await handlers.doctor(options)));
  return program;
}
