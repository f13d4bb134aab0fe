// Bring-your-own services: when CI provides a service (DOCKER_WRAPPER_POSTGRES_URL, ...), no
// container starts and the connection comes from the environment.
import { InvalidOptionError } from '@docker-wrapper/core';

export const BYO_ENV = {
  postgres: 'DOCKER_WRAPPER_POSTGRES_URL',
  redis: 'DOCKER_WRAPPER_REDIS_URL',
  kafka: 'DOCKER_WRAPPER_KAFKA_BROKERS',
} as const;

// The URL in `variable`, parsed; undefined when the variable is unset or empty.
export function urlFromEnv(variable: string, protocols: readonly string[], env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const value = env[variable];
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(variable, '(not a URL)', `Expected a URL like ${protocols[0]}//user:password@host:port/...`);
  }
  if (!protocols.includes(url.protocol)) throw new InvalidOptionError(variable, url.protocol, `Expected a ${protocols.join(' or ')} URL.`);
  return url;
}
