/** Finds and reads the configuration the user means. */
import { access, readFile } from 'node:fs/promises';
import type { ConfigSource } from '../core/config/source.js';
import { BUILTIN_SOURCE } from '../core/config/source.js';
import { UsageError } from './exit-codes.js';

export const DEFAULT_CONFIG_FILE = 'baseplate.yaml';

/** `--config FILE`, else `./baseplate.yaml` when present, else the built-in default (the spec's baseline). */
export async function readConfigSource(configOption: string | undefined): Promise<ConfigSource> {
  const file = configOption ?? ((await exists(DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (file === undefined) return BUILTIN_SOURCE;
  try {
    return { name: file, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${file}: no such file. Create one with \`baseplate init\`.`
        : `${file}: cannot be read (${code ?? String(error)}).`,
    );
  }
}

/** A file the user named on the command line; a missing one is a usage error. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${file}: no such file.` : `${file}: cannot be read (${code ?? String(error)}).`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
