// A runner may load core twice (Vitest: the config's bundle and the global setup's module runner):
// a builder made by one copy is still a builder to the other.
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContainerBuilder } from '../../../src/index.js';
import { buildDist, repoRoot } from '../../support/build.js';

let Other: typeof ContainerBuilder;
beforeAll(async () => {
  buildDist('packages/core/tsconfig.json');
  ({ ContainerBuilder: Other } = (await import(pathToFileURL(`${repoRoot}packages/core/dist/resources/container-builder.js`).href)) as { ContainerBuilder: typeof ContainerBuilder });
});

describe('ContainerBuilder across copies of the package', () => {
  it('instanceof holds both ways, and for nothing else', () => {
    expect(Other).not.toBe(ContainerBuilder);
    expect(new Other('redis:7')).toBeInstanceOf(ContainerBuilder);
    expect(new ContainerBuilder('redis:7')).toBeInstanceOf(Other);
    expect({ spec: new ContainerBuilder('redis:7').spec }).not.toBeInstanceOf(ContainerBuilder);
    expect(null).not.toBeInstanceOf(ContainerBuilder);
  });
});
