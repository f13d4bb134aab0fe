// Copies FileSpecs into a created (not yet started) container: one `docker cp` per target folder.
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { copyCommand } from '../commands/containers.js';
import type { CallOptions, Executor } from '../cli/executor.js';
import type { FileSpec } from './container-spec.js';

// Groups files by the folder they go to (pure).
export function groupByFolder(files: readonly FileSpec[]): Map<string, FileSpec[]> {
  const groups = new Map<string, FileSpec[]>();
  for (const file of files) {
    const folder = dirname(file.target);
    groups.set(folder, [...(groups.get(folder) ?? []), file]);
  }
  return groups;
}

export async function copyFilesIn(executor: Executor, containerId: string, files: readonly FileSpec[], options: CallOptions): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), 'docker-wrapper-files-'));
  try {
    await Promise.all(
      [...groupByFolder(files)].map(async ([folder, group], index) => {
        const local = join(staging, String(index));
        await mkdir(local, { recursive: true });
        for (const file of group) {
          const path = join(local, basename(file.target));
          if (file.content !== undefined) await writeFile(path, file.content);
          else await copyFile(file.source as string, path);
          await chmod(path, file.mode ?? 0o644);
        }
        await executor.run(copyCommand(`${local}/.`, `${containerId}:${folder}`), options);
      }),
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
