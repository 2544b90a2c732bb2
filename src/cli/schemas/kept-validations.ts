/**
 * Schema checks answered from those kept. Loading the generated validators and
 * kubernetes-models is most of what the schema checks cost `plan` (a few
 * hundred milliseconds on Node 20), and most plans write much of what the one
 * before wrote. A check's answer depends on its input and the build of the
 * checks alone, so a file found valid by this build is valid again: such files
 * are kept, by the hash of their format and text (the core's
 * `SchemaValidators.known`), one list per build in Baseplate's cache folder
 * (../cache-folder.ts), and not even parsed again. A file with problems is
 * checked each time, so its messages are the validators' own.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaValidators } from '../../core/index.js';
import { keep } from '../cache-folder.js';

export interface KeptValidationOptions {
  /** The cache folder; undefined: nothing kept. */
  readonly folder: string | undefined;
  /**
   * Which build checks (of the command line, its validators and kubernetes-models), asked when
   * first needed; undefined: nothing kept.
   */
  readonly build: string | undefined | (() => string | undefined);
  /** How many valid inputs stay kept, the latest. */
  readonly limit?: number;
}

export interface KeptValidations {
  /** `checks`, with the files kept as valid known to them. */
  wrap(checks: SchemaValidators): SchemaValidators;
  /** Keeps the inputs this run found valid. */
  save(): void;
}

const PREFIX = 'valid-';

export function keptValidations(options: KeptValidationOptions): KeptValidations {
  const { folder, limit = 8192 } = options;
  if (folder === undefined) return { wrap: (checks) => checks, save: () => undefined };
  let path: string | null | undefined;
  /** The file of this build's list; null when the build is unknown. */
  const listPath = (): string | null => {
    if (path !== undefined) return path;
    const build = typeof options.build === 'function' ? options.build() : options.build;
    path =
      build === undefined
        ? null
        : join(folder, `${PREFIX}${createHash('sha256').update(build).digest('hex')}.json`);
    return path;
  };
  let kept: Set<string> | undefined;
  const found = new Set<string>();
  const known = (): Set<string> => (kept ??= new Set(readKept(listPath())));
  const hash = (file: string) => createHash('sha256').update(file).digest('base64url');
  return {
    wrap: (checks) =>
      listPath() === null
        ? checks
        : {
            ...checks,
            known: {
              has: (file) => known().has(hash(file)),
              valid: (file) => found.add(hash(file)),
            },
          },
    save() {
      if (found.size === 0) return;
      const file = listPath();
      if (file === null) return;
      const all = [...known(), ...found].slice(-limit);
      keep(
        file,
        JSON.stringify(all),
        (name) => name.startsWith(PREFIX) && !name.endsWith('.tmp') && join(folder, name) !== file,
      );
    },
  };
}

function readKept(path: string | null): string[] {
  if (path === null) return [];
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
