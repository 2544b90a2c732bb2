/**
 * Writes a plan's files so that a reader never sees half of them: everything goes
 * to a fresh folder beside the target, which then replaces the target in one
 * rename. Only a folder Baseplate wrote before (it holds MARKER) or an empty one
 * is ever replaced, so `--out .` or a typo can never delete a user's files.
 * A relative `--out` starts from the command's working folder, which is also the
 * folder it may never replace; messages show `--out` as the user typed it.
 */
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../core/index.js';
import { OUTPUT_MARKER } from '../core/index.js';
import { UsageError } from './exit-codes.js';

/** Marks a folder as Baseplate's output, safe to replace as a whole (the core's, which the page's zip holds too). */
const MARKER = OUTPUT_MARKER.path;

/**
 * `later` holds files still being made (the report waits for the diagram's
 * layout): the others are written meanwhile. Returns the files `later` gave.
 */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  cwd: string = process.cwd(),
  later: Promise<readonly OutputFile[]> = Promise.resolve([]),
): Promise<readonly OutputFile[]> {
  // Settled below, or abandoned when the target is refused: never an unhandled rejection.
  later.catch(() => undefined);
  const target = resolve(cwd, outDir);
  await checkTarget(outDir, target, cwd);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${outDir}: cannot create ${parent} (${error.code ?? error.message}).`);
  });
  // A name of its own for every run, even two in one process (the tests run the CLI in-process).
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  const previous = join(parent, `.${basename(target)}.old-${staging.slice(-6)}`);
  try {
    await writeFiles(staging, [...files, OUTPUT_MARKER]);
    const made = await later;
    await writeFiles(staging, made);
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
    return made;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes files under `root`, each folder made once and the files side by side. */
async function writeFiles(root: string, files: readonly OutputFile[]): Promise<void> {
  const paths = files.map((file) => join(root, ...file.path.split('/')));
  for (const folder of new Set(paths.map((path) => dirname(path)))) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file, i) => writeFile(paths[i] ?? '', file.content, 'utf8')));
}

/** Refuses a target that is a file, holds the working folder, or holds files Baseplate did not write. */
async function checkTarget(outDir: string, target: string, cwd: string): Promise<void> {
  const fromHere = relative(target, resolve(cwd));
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
