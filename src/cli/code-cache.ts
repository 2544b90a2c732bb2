/**
 * Compiled code kept between runs, for the bundled command line. Most of a
 * short command's time is V8 compiling the bundle: parsing it at start-up, then
 * each function on its first call. V8 can hand that work back as a code cache
 * (vm.Script's `cachedData`), which a later run loads instead of compiling;
 * taken after the command ran, the cache holds every function it called. This
 * is what Node 22's `module.enableCompileCache()` does for modules, done here
 * for Node 20 as well, with one mechanism on every version.
 *
 * A cache belongs to one build of the bundle, one Node and one command (each
 * command calls different functions), and lives in Baseplate's cache folder
 * (cache-folder.ts). V8 itself refuses a cache from another version or other
 * flags; a refused or missing cache is written again, replacing the caches of
 * earlier builds.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { buildOf, keep } from './cache-folder.js';

export interface CachedBundle {
  readonly exports: unknown;
  /** Whether V8 took the kept code (false: compiled here, and `save` keeps it). */
  readonly fromCache: boolean;
  /** Keeps the code compiled so far for the next run, if the cache lacked it. */
  save(): void;
}

export interface CodeCacheOptions {
  /** The cache folder (cacheFolder()); undefined: compile as usual and keep nothing. */
  readonly folder: string | undefined;
  /** Which run's functions the cache holds (the command's name). */
  readonly variant: string;
}

/** Runs the CommonJS bundle `file` with its kept code, as `require` would run it. */
export function loadBundle(file: string, options: CodeCacheOptions): CachedBundle {
  const source = readFileSync(file, 'utf8');
  const kept = keptCode(file, options);
  const cachedData = kept === undefined ? undefined : read(kept.path);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    cachedData === undefined ? { filename: file } : { filename: file, cachedData },
  );
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    get exports() {
      return module.exports;
    },
    fromCache,
    save() {
      if (fromCache || kept === undefined) return;
      keep(kept.path, script.createCachedData(), kept.stale);
    },
  };
}

/** Where `file`'s code for this variant is kept, and which files hold its earlier builds'. */
function keptCode(file: string, options: CodeCacheOptions) {
  const build = buildOf(file);
  if (options.folder === undefined || build === undefined) return undefined;
  const name = basename(file);
  const tail = `.${options.variant.replace(/[^a-z0-9-]/gi, '_')}.${process.version}-${process.arch}.cache`;
  const own = `${name}.${build}${tail}`;
  return {
    path: join(options.folder, own),
    stale: (other: string) => other !== own && other.startsWith(`${name}.`) && other.endsWith(tail),
  };
}

function read(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
