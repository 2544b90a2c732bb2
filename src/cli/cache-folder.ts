/**
 * Baseplate's cache: what a run can keep for the next one, none of it needed
 * (code V8 compiled, see code-cache.ts; diagrams Graphviz laid out, see
 * diagram/kept-layouts.ts). It lives in the temporary folder, as Node's own
 * compile cache does, in a folder of the user's own: what is read from it runs
 * or is shown as this user, so nobody else may have put it there. Failing to
 * read or write it costs speed, never the command. NODE_DISABLE_COMPILE_CACHE=1,
 * Node's switch for its own cache, turns this one off too.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The cache folder of this user, made if missing; undefined when turned off or not safe to use. */
export function cacheFolder(
  env: NodeJS.ProcessEnv = process.env,
  base: string = tmpdir(),
): string | undefined {
  const off = env['NODE_DISABLE_COMPILE_CACHE'];
  if (off !== undefined && off !== '' && off !== '0') return undefined;
  const uid = process.getuid?.();
  const folder = join(base, uid === undefined ? 'baseplate-cache' : `baseplate-cache-${uid}`);
  return ownFolder(folder) ? folder : undefined;
}

/** True when `folder` exists (made here if not) as a real folder only this user can write to. */
export function ownFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** Which build of a file this is: a reinstall or rebuild gives another (inode, size, change time). */
export function buildOf(file: string): string | undefined {
  try {
    const { ino, size, ctimeMs } = statSync(file);
    return `${ino}-${size}-${Math.trunc(ctimeMs)}`;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `data` at `path`, written aside and renamed in: a run reading it
 * meanwhile sees the old file or the new, never half. Then removes the other
 * files of `folder` that `stale` names (the caches of earlier builds).
 */
export function keep(
  path: string,
  data: string | Uint8Array,
  stale: (name: string) => boolean = () => false,
): void {
  const aside = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(aside, data, { mode: 0o600 });
    renameSync(aside, path);
  } catch {
    remove(aside);
    return;
  }
  const folder = join(path, '..');
  try {
    for (const name of readdirSync(folder)) if (stale(name)) remove(join(folder, name));
  } catch {
    // The next write tries again.
  }
}

function remove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Only space is lost.
  }
}

/** Which of the files named `prefix…` in `folder` go: all but the `limit` most recently written. */
export function oldest(folder: string, prefix: string, limit: number): (name: string) => boolean {
  let going: Set<string> | undefined;
  return (name) => {
    going ??= new Set(
      readdirSync(folder)
        .filter((other) => other.startsWith(prefix) && !other.endsWith('.tmp'))
        .map((other) => ({ other, written: statSync(join(folder, other)).mtimeMs }))
        .sort((a, b) => b.written - a.written || (a.other < b.other ? -1 : 1))
        .slice(limit)
        .map(({ other }) => other),
    );
    return going.has(name);
  };
}
