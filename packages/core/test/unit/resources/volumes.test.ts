import { describe, expect, it } from 'vitest';
import { parseVolumeInspect, parseVolumeList } from '../../../src/resources/volumes.js';
import { bothClis } from '../../support/fixtures.js';

const labelled = { name: 'dw-capture-vol', driver: 'local', mountpoint: '/var/lib/docker/volumes/dw-capture-vol/_data', labels: { 'dw-capture': '1', team: 'core' } };
const plain = { name: 'dw-capture-vol2', driver: 'local', mountpoint: '/var/lib/docker/volumes/dw-capture-vol2/_data', labels: {} };

describe('parseVolumeInspect on captured `docker volume inspect`', () => {
  it.each(bothClis('volumes/volume-inspect.{cli}.json'))('reads name, driver, mountpoint and labels (%s)', (_cli, text) => {
    expect(parseVolumeInspect(text)).toEqual([labelled, plain]);
  });
});

describe('parseVolumeList on captured `docker volume ls --format {{json .}}`', () => {
  it.each(bothClis('volumes/volume-ls.{cli}.jsonl'))('reads every volume, labels from `k=v,k2=v2` (%s)', (_cli, text) => {
    expect(parseVolumeList(text)).toEqual([labelled, plain]);
  });

  it.each(bothClis('volumes/volume-ls-labelled.{cli}.jsonl'))('reads a filtered list (%s)', (_cli, text) => {
    expect(parseVolumeList(text)).toEqual([labelled]);
  });

  it('reads a label without a value, and an empty listing', () => {
    expect(parseVolumeList('{"Name":"v","Driver":"local","Labels":"flag,k=v=w"}')[0]?.labels).toEqual({ flag: '', k: 'v=w' });
    expect(parseVolumeList('')).toEqual([]);
  });
});
