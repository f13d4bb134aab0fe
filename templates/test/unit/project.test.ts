import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '@docker-wrapper/core';
import { currentProject, nearestPackageFolder } from '../../src/project.js';

describe('the current project', () => {
  it('is the folder of the nearest package.json at or above the working directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dw-project-'));
    await mkdir(join(root, 'app', 'test', 'deep'), { recursive: true });
    await writeFile(join(root, 'app', 'package.json'), '{}');
    expect(nearestPackageFolder(join(root, 'app', 'test', 'deep'))).toBe(join(root, 'app'));
    expect(nearestPackageFolder(join(root, 'app'))).toBe(join(root, 'app'));
    expect(currentProject({}, join(root, 'app', 'test'))).toBe(join(root, 'app'));
    // No package.json anywhere above: the folder itself.
    expect(nearestPackageFolder(root)).toBe(root);
  });

  it('is DOCKER_WRAPPER_PROJECT when set, checked', () => {
    expect(currentProject({ DOCKER_WRAPPER_PROJECT: 'shop-api' }, '/')).toBe('shop-api');
    expect(currentProject({ DOCKER_WRAPPER_PROJECT: '' }, process.cwd())).toBe(nearestPackageFolder(process.cwd()));
    expect(() => currentProject({ DOCKER_WRAPPER_PROJECT: 'two\nlines' })).toThrow(InvalidOptionError);
    expect(() => currentProject({ DOCKER_WRAPPER_PROJECT: 'x'.repeat(256) })).toThrow(/`DOCKER_WRAPPER_PROJECT`/);
  });
});
