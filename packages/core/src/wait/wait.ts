// The front door to readiness strategies: `.waitFor(Wait.forPort(5432))`.
import { InvalidOptionError } from '../errors.js';
import { validateArgv, validateInteger, validatePort } from '../options/validate.js';
import { CompositeWait } from './composite.js';
import { CommandWait } from './command.js';
import type { WaitStrategy } from './context.js';
import { ExitWait } from './exit.js';
import { HealthyWait } from './healthy.js';
import { HttpWait, type HttpWaitOptions } from './http.js';
import { LogWait } from './log.js';
import { PortWait } from './port.js';
import { ProbeWait, type Probe } from './probe.js';

const none: WaitStrategy = { description: 'nothing', immediate: true, wait: () => Promise.resolve() };

function validateStrategies(option: string, strategies: unknown): WaitStrategy[] {
  if (!Array.isArray(strategies) || strategies.length === 0 || strategies.some((s) => typeof (s as WaitStrategy)?.wait !== 'function')) {
    throw new InvalidOptionError(option, strategies, 'Expected a non-empty array of strategies made by `Wait.*`.');
  }
  return strategies as WaitStrategy[];
}

export const Wait = {
  /** The port listens inside the container and accepts a connection from the host (all exposed ports when omitted). */
  forPort(port?: number): WaitStrategy {
    return new PortWait(port === undefined ? undefined : validatePort('Wait.forPort', port));
  },
  /** `times` lines of output match (counted from container start). */
  forLog(pattern: string | RegExp, options: { times?: number } = {}): WaitStrategy {
    if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) throw new InvalidOptionError('Wait.forLog', pattern, 'Expected a string or a RegExp.');
    if (pattern === '') throw new InvalidOptionError('Wait.forLog', pattern, 'An empty pattern matches every line.');
    return new LogWait(pattern, validateInteger('Wait.forLog times', options.times ?? 1, 1));
  },
  /** The container's health check reports healthy; unhealthy fails at once. */
  forHealthy(): WaitStrategy {
    return new HealthyWait();
  },
  /** An HTTP request to the published `port` answers with the expected status. */
  forHttp(path: string, port: number, options: HttpWaitOptions = {}): WaitStrategy {
    if (typeof path !== 'string') throw new InvalidOptionError('Wait.forHttp path', path, 'Expected a path like `/health`.');
    return new HttpWait(path, validatePort('Wait.forHttp port', port), options);
  },
  /** A command inside the container exits 0. */
  forCommand(cmd: readonly string[]): WaitStrategy {
    return new CommandWait(validateArgv('Wait.forCommand', cmd));
  },
  /** The container exits with `code` (default 0): for one-shot containers. */
  forExit(options: { code?: number } = {}): WaitStrategy {
    return new ExitWait(validateInteger('Wait.forExit code', options.code ?? 0, 0, 255));
  },
  /**
   * A check of your own from this process returns true (thrown errors count as not yet).
   * `idOnly: true` when the probe does not read the container's inspect data (state, networks,
   * ports docker chose), only `hostPort()` of ports given an explicit `hostPort`: it then starts
   * while docker inspects the container. `firstIntervalMs` (default 10) is the first pause between
   * tries; it grows by half each try, up to 250 ms.
   */
  forProbe(description: string, probe: Probe, options: { idOnly?: boolean; firstIntervalMs?: number } = {}): WaitStrategy {
    if (typeof probe !== 'function') throw new InvalidOptionError('Wait.forProbe', probe, 'Expected an async function `(container, signal) => boolean`.');
    if (options.firstIntervalMs !== undefined && !(Number.isFinite(options.firstIntervalMs) && options.firstIntervalMs >= 1 && options.firstIntervalMs <= 10_000)) {
      throw new InvalidOptionError('Wait.forProbe firstIntervalMs', options.firstIntervalMs, 'Expected milliseconds from 1 to 10000.');
    }
    return new ProbeWait(String(description), probe, options.idOnly === true, options.firstIntervalMs);
  },
  all(strategies: WaitStrategy[]): WaitStrategy {
    return new CompositeWait('all', validateStrategies('Wait.all', strategies));
  },
  any(strategies: WaitStrategy[]): WaitStrategy {
    return new CompositeWait('any', validateStrategies('Wait.any', strategies));
  },
  /** Do not wait: `run()` returns as soon as docker started the container. */
  none(): WaitStrategy {
    return none;
  },
};
