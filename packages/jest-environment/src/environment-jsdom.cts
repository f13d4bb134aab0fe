// The same as ./environment on Jest's jsdom environment (install jest-environment-jsdom, the
// version of your Jest): `testEnvironment: '@docker-wrapper/jest/environment-jsdom'`.
import JsdomEnvironment from 'jest-environment-jsdom';
import type { Circus } from '@jest/types';
import { ServicesDiagnostics } from './failure-diagnostics.cjs';

/** jsdom's environment with the services' diagnostics for failed tests; extend it like the node one. */
export class DockerWrapperJsdomEnvironment extends JsdomEnvironment {
  readonly #diagnostics = new ServicesDiagnostics();

  handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent, state: Circus.State): Promise<void> {
    return this.#diagnostics.handleTestEvent(event, state);
  }
}

export { DockerWrapperJsdomEnvironment as TestEnvironment };
export default DockerWrapperJsdomEnvironment;
