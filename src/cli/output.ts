/**
 * Writes a plan's files so that a reader never sees half of them: everything goes
 * to a fresh folder beside the target, which then replaces the target in one
 * rename. Only a folder Baseplate wrote before (it holds MARKER) or an empty one
 * is ever replaced, so `--out .` or a typo can never delete a user's files.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../core/index.js';
import { OUTPUT_MARKER } from '../core/index.js';
import { UsageError } from './exit-codes.js';

/** Marks a folder as Baseplate's output, safe to replace as a whole (the core's, which the page's zip holds too). */
const MARKER = OUTPUT_MARKER.path;

export async function writeOutput(outDir: string, files: readonly OutputFile[]): Promise<void> {
  const target = resolve(outDir);
  await checkTarget(outDir, target);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${outDir}: cannot create ${parent} (${error.code ?? error.message}).`);
  });
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(target)}.tmp-${stamp}`);
  const previous = join(parent, `.${basename(target)}.old-${stamp}`);
  try {
    for (const file of [...files, OUTPUT_MARKER]) {
      const path = join(staging, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, 'utf8');
    }
    const hadPrevious = await rename(target, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    try {
      await rename(staging, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Refuses a target that is a file, holds the working folder, or holds files Baseplate did not write. */
async function checkTarget(outDir: string, target: string): Promise<void> {
  const fromHere = relative(target, process.cwd());
  if (fromHere === '' || (!fromHere.startsWith('..') && !fromHere.startsWith(sep))) {
    throw new UsageError(
      `--out ${outDir}: is the working folder or holds it; choose a folder of its own, e.g. out.`,
    );
  }
  const info = await stat(target).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new UsageError(`--out ${outDir}: is a file; choose a folder.`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new UsageError(
      `--out ${outDir}: holds files that Baseplate did not write; plan replaces its output folder as a whole. Choose an empty or new folder.`,
    );
  }
}
