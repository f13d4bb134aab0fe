// Docker.connect refuses bad options before any docker process starts: the binary given here would
// fail the test loudly if it ever ran.
import { describe, expect, it } from 'vitest';
import { Docker, InvalidOptionError, type ConnectOptions } from '../../src/index.js';

const neverRuns = { binary: '/nonexistent/docker-must-not-run' };

describe('Docker.connect option validation', () => {
  it.each([
    ['a session id with a space', { sessionId: 'my session' }, 'sessionId', '"my session"'],
    ['a host without a scheme', { host: '10.0.0.5:2375' }, 'host', '"10.0.0.5:2375"'],
    ['both host and context', { host: 'tcp://a:2375', context: 'ctx' }, 'context', '"ctx"'],
    ['an empty label key', { labels: { '': 'x' } }, 'labels', '""'],
    ['a zero connect timeout', { connectTimeoutMs: 0 }, 'connectTimeoutMs', '0'],
    ['a bad image map key', { imageMap: { 'Not Valid': 'x:1' } }, 'imageMap key', '"Not Valid"'],
    ['a bad DOCKER_WRAPPER_IMAGE_MAP', { env: { DOCKER_WRAPPER_IMAGE_MAP: 'debian' } }, 'DOCKER_WRAPPER_IMAGE_MAP', '"debian"'],
  ] as [string, ConnectOptions, string, string][])('rejects %s', async (_why, options, option, shown) => {
    const error = await Docker.connect({ ...neverRuns, ...options }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
    expect((error as InvalidOptionError).message).toContain(`\`${option}\``);
    expect((error as InvalidOptionError).message).toContain(shown);
  });
});
