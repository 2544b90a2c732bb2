/**
 * Schema checks answered from those kept. Loading the generated validators and
 * kubernetes-models is most of what the schema checks cost `plan` (a few
 * hundred milliseconds on Node 20), and most plans write much of what the one
 * before wrote. A check's answer depends on its input and the build of the
 * checks alone, so an input found valid by this build is valid again: such
 * inputs are kept, by hash, one file per build in Baseplate's cache folder
 * (../cache-folder.ts). An input with problems is checked each time, so its
 * messages are the validators' own.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaValidators } from '../../core/index.js';
import { keep } from '../cache-folder.js';

export interface KeptValidationOptions {
  /** The cache folder; undefined: nothing kept. */
  readonly folder: string | undefined;
  /** Which build checks (of the command line, its validators and kubernetes-models); undefined: nothing kept. */
  readonly build: string | undefined;
  /** How many valid inputs stay kept, the latest. */
  readonly limit?: number;
}

export interface KeptValidations {
  /** `checks`, answering first from the inputs kept as valid. */
  wrap(checks: SchemaValidators): SchemaValidators;
  /** Keeps the inputs this run found valid. */
  save(): void;
}

const PREFIX = 'valid-';

export function keptValidations(options: KeptValidationOptions): KeptValidations {
  const { folder, build, limit = 8192 } = options;
  if (folder === undefined || build === undefined) return { wrap: (checks) => checks, save: () => undefined };
  const path = join(folder, `${PREFIX}${createHash('sha256').update(build).digest('hex')}.json`);
  let kept: Set<string> | undefined;
  const found = new Set<string>();
  const known = (): Set<string> => (kept ??= new Set(readKept(path)));
  const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('base64url');
  /** `problems`' answer for the input hashed as `key`, unless that input is kept as valid. */
  const answer = (key: string, problems: () => readonly string[]): readonly string[] => {
    if (known().has(key)) return [];
    const problemsFound = problems();
    if (problemsFound.length === 0) found.add(key);
    return problemsFound;
  };
  return {
    wrap: (checks) => ({
      template: (template, scope) =>
        answer(hash('template', scope, JSON.stringify(template)), () => checks.template(template, scope)),
      object: (object) => answer(hash('object', JSON.stringify(object)), () => checks.object(object)),
    }),
    save() {
      if (found.size === 0) return;
      const all = [...known(), ...found].slice(-limit);
      keep(
        path,
        JSON.stringify(all),
        (name) => name.startsWith(PREFIX) && !name.endsWith('.tmp') && join(folder, name) !== path,
      );
    },
  };
}

function readKept(path: string): string[] {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
