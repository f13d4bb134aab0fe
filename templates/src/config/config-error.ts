// The error of a config file that is missing, cannot be loaded or holds a bad option: it names the
// file, and the option when there is one.
import { DockerWrapperError } from '@docker-wrapper/core';

export class ConfigError extends DockerWrapperError {
  /** The file (or, when none was found, the folder the search started from). */
  readonly file: string;
  /** The option at fault inside the file, when there is one (`services.db`, `reuse`). */
  readonly option: string | undefined;
  constructor(file: string, message: string, options: { option?: string; cause?: unknown } = {}) {
    super('INVALID_OPTION', message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfigError';
    this.file = file;
    this.option = options.option;
  }
}
