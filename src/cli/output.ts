/**
 * Writes a plan's files so that a reader never sees half of them: everything goes
 * to a fresh folder beside the target (`.out.tmp-*`); the target is renamed aside
 * (`.out.old-*`), the fresh folder renamed in, and the old one removed.
 *
 * Only a folder Baseplate wrote (it holds the marker, which lists the files
 * written) or an empty one is replaced, and only while it holds nothing else:
 * `--out .`, a typo or a file the user added to the output is refused, never
 * deleted. A relative `--out` starts from the command's working folder, which is
 * also the folder it may never replace; messages show paths as the user typed them.
 *
 * A run stopped between two steps leaves those folders behind. The next run,
 * holding the lock `.out.lock` so that it never takes a running plan's folders
 * for leftovers, puts a missing target back from its old copy and removes the
 * rest. Every file-system failure is a usage error naming the path (exit 2), and
 * nothing here can loop: folders are made one level at a time (Node's recursive
 * mkdir never returns under /proc/self).
 */
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs';
import type * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../core/index.js';
import { markedFiles, OUTPUT_MARKER_PATH, outputMarker } from '../core/index.js';
import { UsageError } from './exit-codes.js';

/** The file-system calls made here: Node's, or failing ones in tests. */
export type OutputFileSystem = Pick<
  typeof nodeFs,
  'mkdir' | 'mkdtemp' | 'readdir' | 'readFile' | 'rename' | 'rm' | 'stat' | 'writeFile'
>;

export interface OutputOptions {
  /** Where a relative `--out` starts: the process's working folder when absent. */
  readonly cwd?: string;
  readonly fs?: OutputFileSystem;
  /** What the run did beyond writing: a recovery, a leftover it could not remove. */
  readonly notice?: (text: string) => void;
  /** Whether the process that holds a lock still runs. */
  readonly running?: (pid: number) => boolean;
  /**
   * Files still being made (the report waits for the diagram's layout): the others are written meanwhile.
   * When they end with the marker, it is written as given.
   */
  readonly later?: Promise<readonly OutputFile[]>;
}

/**
 * Node's file system, each call made synchronously behind the same asynchronous
 * interface: a plan's few dozen small files are written faster so than through
 * the thread pool (each file an open, a write and a close there), and nothing
 * else would run meanwhile but the diagram's layout, which has a thread of its own.
 * Each call of the promises API is answered by its synchronous twin, which takes
 * the same arguments and gives the same result (or throws what it would reject with).
 */
const SYNC_FS = Object.fromEntries(
  (['mkdir', 'mkdtemp', 'readdir', 'readFile', 'rename', 'rm', 'stat', 'writeFile'] as const).map((name) => {
    // Looked up on each call, as a call of the promises API would be.
    return [
      name,
      async (...args: unknown[]) => (fs[`${name}Sync`] as (...args: unknown[]) => unknown)(...args),
    ];
  }),
) as unknown as OutputFileSystem;

/** Files an operating system puts in any folder it shows; replacing the folder may drop them. */
const SYSTEM_FILES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Files the user added that a refusal names; the rest are counted. */
const NAMED = 5;

/** Returns the files `options.later` gave. */
export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: OutputOptions = {},
): Promise<readonly OutputFile[]> {
  const later = options.later ?? Promise.resolve([]);
  // Settled below, or abandoned when the target is refused: never an unhandled rejection.
  later.catch(() => undefined);
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, outDir);
  refuseWorkingFolder(outDir, target, cwd);
  const out: Output = {
    outDir,
    target,
    parent: dirname(target),
    base: basename(target),
    fs: options.fs ?? SYNC_FS,
    notice: options.notice ?? (() => {}),
    shown: (path) => (path === target ? outDir : join(dirname(outDir), relative(dirname(target), path))),
  };
  await makeFolders(out, out.parent);
  const lock = join(out.parent, `.${out.base}.lock`);
  await takeLock(out, lock, options.running ?? running);
  try {
    await recover(out);
    const replacing = await checkTarget(out);
    const staging = await out.fs
      .mkdtemp(join(out.parent, `.${out.base}.tmp-`))
      .catch(failure(out, 'cannot create a folder in', out.parent));
    try {
      await writeFiles(out, staging, files);
      const made = await later;
      // A plan's tail (outputTail) ends with its marker; otherwise one lists what was written.
      const tail =
        made.at(-1)?.path === OUTPUT_MARKER_PATH ? made : [...made, outputMarker([...files, ...made])];
      // The marker last: written, it says the plan is complete.
      await writeFiles(out, staging, tail.slice(0, -1));
      await writeFiles(out, staging, tail.slice(-1));
      await swap(out, staging, replacing);
      return made;
    } finally {
      // Gone already once renamed into place.
      await out.fs.rm(staging, { recursive: true, force: true }).catch(() => {});
    }
  } finally {
    await out.fs.rm(lock, { force: true }).catch(() => {});
  }
}

interface Output {
  readonly outDir: string;
  readonly target: string;
  readonly parent: string;
  readonly base: string;
  readonly fs: OutputFileSystem;
  readonly notice: (text: string) => void;
  /** A path as the user would write it, from `--out` as typed. */
  readonly shown: (path: string) => string;
}

function refuseWorkingFolder(outDir: string, target: string, cwd: string): void {
  const fromHere = relative(target, resolve(cwd));
  if (fromHere === '' || (!fromHere.startsWith('..') && !fromHere.startsWith(sep))) {
    throw new UsageError(
      `--out ${outDir}: is the working folder or holds it; choose a folder of its own, e.g. out.`,
    );
  }
}

/** What an errno means to the person who typed the path. */
function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const plain: Record<string, string> = {
    ENOSPC: 'no space is left on the device',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file is larger than the file system allows',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    ENOENT: 'the folder does not exist or refuses new entries',
    ENOTDIR: 'a part of the path is a file',
    EEXIST: 'it exists already',
    EIO: 'the device reported an input/output error',
  };
  const known = code === undefined ? undefined : plain[code];
  return known ? `${known}, ${code ?? ''}` : (code ?? message);
}

/** A rejection handler that turns a file-system error into a usage error naming `path`. */
function failure(out: Output, action: string, path: string, after = `${out.outDir} is unchanged.`) {
  return (error: unknown): never => {
    // The file system's refusals carry an errno code; anything else is a bug, reported as one (exit 70).
    if (typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string') throw error;
    throw new UsageError(`--out ${out.outDir}: ${action} ${out.shown(path)} (${reason(error)}); ${after}`);
  };
}

/** Makes `path` and its missing parents one level at a time: bounded by the path's depth. */
async function makeFolders(out: Output, path: string, made?: Set<string>): Promise<void> {
  const missing: string[] = [];
  for (let at = path; !made?.has(at); at = dirname(at)) {
    const info = await out.fs.stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      return failure(out, 'cannot read', at)(error);
    });
    if (info?.isDirectory()) break;
    if (info) throw new UsageError(`--out ${out.outDir}: ${out.shown(at)} is a file; choose another folder.`);
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    await out.fs.mkdir(folder).catch(failure(out, 'cannot create', folder));
    made?.add(folder);
  }
}

/** The process that holds a lock runs while a signal 0 reaches it (EPERM: it runs as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock, or takes over one whose process has ended; refuses while another plan writes here. */
async function takeLock(out: Output, lock: string, isRunning: (pid: number) => boolean): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const taken = await out.fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST' && attempt === 0) return false;
        return failure(out, 'cannot create', lock)(error);
      },
    );
    if (taken) return;
    const holder = Number.parseInt(await out.fs.readFile(lock, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new UsageError(
        `--out ${out.outDir}: another baseplate plan (process ${holder}) is writing it; wait for it to end. If none is, delete ${out.shown(lock)}.`,
      );
    }
    await out.fs.rm(lock, { force: true }).catch(failure(out, 'cannot remove the stale lock', lock));
  }
}

/** A folder an interrupted run left: its staging folder or the old copy it had moved aside. */
function leftover(base: string, name: string): 'tmp' | 'old' | undefined {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.(tmp|old)-[A-Za-z0-9]{6}$`).exec(name)?.[1] as
    'tmp' | 'old' | undefined;
}

/** Puts a missing target back from the newest old copy, and removes every other leftover. */
async function recover(out: Output): Promise<void> {
  const entries = await out.fs
    .readdir(out.parent, { withFileTypes: true })
    .catch(failure(out, 'cannot read', out.parent));
  const found = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ path: join(out.parent, entry.name), kind: leftover(out.base, entry.name) }))
    .filter((entry) => entry.kind !== undefined);
  if (found.length === 0) return;
  const remove = new Set(found.map((entry) => entry.path));
  if (!(await exists(out, out.target))) {
    // The marker is written last: its time is when that plan was complete.
    const copies = await Promise.all(
      found
        .filter((entry) => entry.kind === 'old')
        .map(async ({ path }) => ({
          path,
          written: (await out.fs.stat(join(path, OUTPUT_MARKER_PATH)).catch(() => undefined))?.mtimeMs,
        })),
    );
    const newest = copies
      .filter((copy): copy is { path: string; written: number } => copy.written !== undefined)
      .sort((a, b) => b.written - a.written)[0];
    if (newest) {
      await out.fs
        .rename(newest.path, out.target)
        .catch(failure(out, 'cannot put back the previous plan from', newest.path, 'nothing was changed.'));
      remove.delete(newest.path);
      out.notice(
        `--out ${out.outDir}: was missing after an interrupted plan; put back the previous plan from ${out.shown(newest.path)}.`,
      );
    }
  }
  for (const path of remove)
    await out.fs
      .rm(path, { recursive: true, force: true })
      .catch(failure(out, 'cannot remove', path, 'an interrupted plan left it; remove it by hand.'));
  if (remove.size > 0)
    out.notice(
      `--out ${out.outDir}: removed what an interrupted plan left: ${[...remove].map(out.shown).join(', ')}.`,
    );
}

async function exists(out: Output, path: string): Promise<boolean> {
  return out.fs.stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? false : failure(out, 'cannot read', path)(error),
  );
}

/**
 * Refuses a target that is a file, holds files Baseplate did not write, or holds
 * files the user added to Baseplate's output; whether there is one to replace.
 */
async function checkTarget(out: Output): Promise<boolean> {
  const info = await out.fs.stat(out.target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    return failure(out, 'cannot read', out.target)(error);
  });
  if (!info) return false;
  if (!info.isDirectory()) throw new UsageError(`--out ${out.outDir}: is a file; choose a folder.`);
  const entries: Dirent[] = await out.fs
    .readdir(out.target, { withFileTypes: true, recursive: true })
    .catch(failure(out, 'cannot read', out.target));
  const files = entries
    .filter((entry) => !entry.isDirectory() && !SYSTEM_FILES.has(entry.name))
    .map((entry) => relative(out.target, join(entry.parentPath, entry.name)).split(sep).join('/'));
  if (files.length === 0) return true;
  if (!files.includes(OUTPUT_MARKER_PATH)) {
    throw new UsageError(
      `--out ${out.outDir}: holds files that Baseplate did not write; plan replaces its output folder as a whole. Choose an empty or new folder.`,
    );
  }
  const marker = await out.fs
    .readFile(join(out.target, OUTPUT_MARKER_PATH), 'utf8')
    .catch(failure(out, 'cannot read', join(out.target, OUTPUT_MARKER_PATH)));
  const written = markedFiles(marker);
  const added = written
    ? files.filter((file) => file !== OUTPUT_MARKER_PATH && !written.has(file)).sort()
    : [];
  if (added.length > 0) {
    const named = added.slice(0, NAMED).map((file) => join(out.outDir, file));
    const more = added.length > NAMED ? ` and ${added.length - NAMED} more` : '';
    throw new UsageError(
      `--out ${out.outDir}: holds files that plan did not write: ${named.join(', ')}${more}. Plan replaces the folder as a whole and would delete them: move them elsewhere, then plan again.`,
    );
  }
  return true;
}

/** Writes files under `staging`, each folder made once, the files side by side. */
async function writeFiles(out: Output, staging: string, files: readonly OutputFile[]): Promise<void> {
  const made = new Set([staging]);
  const paths = files.map((file) => join(staging, ...file.path.split('/')));
  for (const folder of new Set(paths.map((path) => dirname(path)))) await makeFolders(out, folder, made);
  await Promise.all(
    files.map((file, i) => {
      const path = paths[i] ?? staging;
      return out.fs.writeFile(path, file.content, 'utf8').catch(failure(out, 'cannot write', path));
    }),
  );
}

/** The target aside, the new files in, the old copy removed; on failure the target is put back. */
async function swap(out: Output, staging: string, replacing: boolean): Promise<void> {
  const old = join(out.parent, `.${out.base}.old-${staging.slice(-6)}`);
  if (replacing) await out.fs.rename(out.target, old).catch(failure(out, 'cannot move aside', out.target));
  try {
    await out.fs.rename(staging, out.target);
  } catch (error) {
    const restored =
      !replacing ||
      (await out.fs.rename(old, out.target).then(
        () => true,
        () => false,
      ));
    return failure(
      out,
      'cannot move the new plan into',
      out.target,
      restored
        ? `${out.outDir} is unchanged.`
        : `the previous plan is in ${out.shown(old)}, and the next plan puts it back.`,
    )(error);
  }
  if (replacing)
    await out.fs.rm(old, { recursive: true, force: true }).catch((error: unknown) => {
      out.notice(
        `--out ${out.outDir}: written; the previous plan stays in ${out.shown(old)} (${reason(error)}), which the next plan removes.`,
      );
    });
}
