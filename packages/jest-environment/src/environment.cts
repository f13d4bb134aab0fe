// The preset's test environment: Jest's node environment, plus the services' diagnostics in the
// output of a failed test. Extend it for your own (call `super.handleTestEvent` if you override it).
import NodeEnvironment from 'jest-environment-node';
import type { Circus } from '@jest/types';
import { ServicesDiagnostics } from './failure-diagnostics.cjs';

/**
 * `testEnvironment: '@docker-wrapper/jest/environment'` (the preset's), or a base for your own.
 * @example
 * const { DockerWrapperEnvironment } = require('@docker-wrapper/jest/environment');
 * module.exports = class extends DockerWrapperEnvironment {
 *   async setup() { await super.setup(); this.global.answer = 42; }
 * };
 */
export class DockerWrapperEnvironment extends NodeEnvironment {
  readonly #diagnostics = new ServicesDiagnostics();

  handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent, state: Circus.State): Promise<void> {
    return this.#diagnostics.handleTestEvent(event, state);
  }
}

export { DockerWrapperEnvironment as TestEnvironment };
export { ServicesDiagnostics } from './failure-diagnostics.cjs';
export type { DiagnosticsError } from './failure-diagnostics.cjs';
export default DockerWrapperEnvironment;
