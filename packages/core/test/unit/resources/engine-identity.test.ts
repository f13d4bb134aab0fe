import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../src/resources/engine-identity.js';
import { fixture } from '../../support/fixtures.js';

const info = (name: string) => JSON.parse(fixture(`engines/${name}.json`)) as { ID: string; Name: string; DockerRootDir: string };

describe('identityOf on captured `docker info` output', () => {
  it('tells two dockerds on one machine apart although they report the same ID (one key file)', () => {
    const main = info('info-docker-main');
    const second = info('info-docker-eng');
    expect(main.ID).toBe(second.ID);
    expect(identityOf(main, 'docker').key).not.toBe(identityOf(second, 'docker').key);
  });

  it("is stable for Podman although it makes up a new ID on every call", () => {
    const first = info('info-podman');
    const again = info('info-podman-again');
    expect(first.ID).not.toBe(again.ID);
    expect(identityOf(first, 'podman')).toEqual(identityOf(again, 'podman'));
    expect(identityOf(first, 'podman').rootDir).toBe(first.DockerRootDir);
  });

  it('gives 16 hex characters', () => {
    expect(identityOf(info('info-docker-main'), 'docker').key).toMatch(/^[0-9a-f]{16}$/);
  });
});
