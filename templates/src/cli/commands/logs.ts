// `docker-wrapper logs <service> [-f]`: a detached service's output; with -f until Ctrl-C.
import { connectForQueries, configuredDocker } from '../engine.js';
import { runningService } from '../detached-services.js';
import { EXIT } from '../exit-codes.js';
import { untilInterrupted } from '../interrupt.js';

export interface LogsCliOptions {
  config?: string;
  follow?: boolean;
  tail?: number;
}

// Runs `logs`: prints the service's output to stdout (until Ctrl-C with --follow).
export async function logs(name: string, options: LogsCliOptions): Promise<number> {
  const service = runningService(name);
  const docker = await connectForQueries(await configuredDocker(options.config));
  try {
    const container = await docker.containers.get(service.containerId);
    const stop = untilInterrupted();
    for await (const line of container.logs({ follow: Boolean(options.follow), signal: stop.signal, ...(options.tail !== undefined ? { tail: options.tail } : {}) })) process.stdout.write(`${line}\n`);
    stop.release();
  } finally {
    await docker.close();
  }
  return EXIT.ok;
}
