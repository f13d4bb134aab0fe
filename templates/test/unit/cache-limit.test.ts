import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beyondLimit, parseImageList, type ListedImage } from '../../src/cache-limit.js';

// `docker image ls --no-trunc --format '{{json .}}'` (CLI 28.2, engine 20.10): three cached images
// and an image whose tag moved on to a newer commit.
const listing = readFileSync(new URL('../fixtures/postgres/image-ls-cache.jsonl', import.meta.url), 'utf8');

describe('parseImageList', () => {
  it('reads ids, references and creation times, with no reference for an untagged image', () => {
    const images = parseImageList(listing);
    expect(images).toHaveLength(4);
    expect(images[0]).toEqual({
      id: 'sha256:b13d1252366f0abb4ff9db9751b39153cfa248a948f1b828d7ae0617adc1fe63',
      reference: 'docker-wrapper-cache/postgres:0954f1f793ee53b2',
      createdAt: Date.parse('2026-12-02T14:00:11Z'),
    });
    expect(images[3]).toMatchObject({ id: 'sha256:cab7aac2cdc995164e4a3e52dae3dc27e50618290166761594dccc5df2612c9b', reference: undefined, createdAt: Date.parse('2026-12-02T14:07:48Z') });
    expect(parseImageList('')).toEqual([]);
  });
});

describe('beyondLimit', () => {
  const image = (name: string, second: number): ListedImage => ({ id: `sha256:${name}`, reference: `cache:${name}`, createdAt: Date.parse(`2026-12-02T14:00:${String(second).padStart(2, '0')}Z`) });

  it('keeps the newest, counting the image just committed, whatever order they come in', () => {
    const images = [image('b', 2), image('new', 9), image('d', 4), image('a', 1), image('c', 3)];
    expect(beyondLimit(images, 'cache:new', 3).map((i) => i.reference)).toEqual(['cache:b', 'cache:a']);
    expect(beyondLimit(images, 'cache:new', 1).map((i) => i.reference)).toEqual(['cache:d', 'cache:c', 'cache:b', 'cache:a']);
    expect(beyondLimit(images.slice(0, 3), 'cache:new', 3)).toEqual([]);
  });

  it('keeps the image just committed even when it is not the newest, and removes untagged ones always', () => {
    const images = parseImageList(listing);
    const current = 'docker-wrapper-cache/postgres:ad05f58047d52e34';
    expect(beyondLimit(images, current, 2).map((i) => i.reference ?? i.id)).toEqual([
      'docker-wrapper-cache/postgres:ce4841796c1e781f',
      'sha256:cab7aac2cdc995164e4a3e52dae3dc27e50618290166761594dccc5df2612c9b',
    ]);
    expect(beyondLimit(images, current, 3).map((i) => i.reference ?? i.id)).toEqual(['sha256:cab7aac2cdc995164e4a3e52dae3dc27e50618290166761594dccc5df2612c9b']);
  });

  it('keeps docker\'s newest-first order for images made within the same second', () => {
    const same = [image('x', 5), image('y', 5), image('z', 5)];
    expect(beyondLimit(same, 'cache:none', 2).map((i) => i.reference)).toEqual(['cache:y', 'cache:z']);
  });
});
