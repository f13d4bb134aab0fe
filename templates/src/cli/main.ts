// The `docker-wrapper` command: parses the arguments, runs the command, prints an error as one
// message naming the option or file at fault, and returns the exit code.
import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { down } from './commands/down.js';
import { doctor } from './commands/doctor.js';
import { events } from './commands/events.js';
import { logs } from './commands/logs.js';
import { ps } from './commands/ps.js';
import { pruneCommand } from './commands/prune.js';
import { stats } from './commands/stats.js';
import { up } from './commands/up.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createOutput } from './output.js';
import { buildProgram, type Handlers } from './program.js';

const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

const handlers: Handlers = {
  up: (services, options) => up(services, options, createOutput(options)),
  down: (options) => down(options, createOutput(options)),
  ps: (options) => ps(options, createOutput(options)),
  prune: (options) => pruneCommand(options, createOutput(options)),
  logs: (service, options) => logs(service, options),
  events: (options) => events(options, createOutput(options)),
  stats: (options) => stats(options, createOutput(options)),
  doctor: (options) => doctor(options, createOutput(options)),
};

// Runs the command line; resolves to the exit code.
export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(handlers, (result) => {
    code = result;
  }, version);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed the message (or the help) itself.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`docker-wrapper: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeOf(error);
  }
}
