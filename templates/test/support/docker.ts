// One Docker session per test file for template tests.
import { Docker } from '@docker-wrapper/core';

export function connectForTest(): Promise<Docker> {
  return Docker.connect({ handleSignals: false, connectTimeoutMs: 10_000 });
}
