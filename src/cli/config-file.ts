/**
 * Finds and reads the configuration the user means, and the other files named
 * on the command line. Relative paths start from the command's working folder
 * (`Io.cwd`, else the process's); messages show each path as the user typed it.
 */
import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConfigSource } from '../core/config/source.js';
import { BUILTIN_SOURCE } from '../core/config/source.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';

export const DEFAULT_CONFIG_FILE = 'baseplate.yaml';

/** The folder a command's relative paths start from: its Io's, else the process's. */
export function workingFolder(io: Pick<Io, 'cwd'>): string {
  return io.cwd ?? process.cwd();
}

/**
 * `--config FILE`, else `./baseplate.yaml` in `cwd` when present, else the built-in
 * default (the spec's baseline). The source is named as the user typed it.
 */
export async function readConfigSource(
  configOption: string | undefined,
  cwd: string = process.cwd(),
): Promise<ConfigSource> {
  const file =
    configOption ?? ((await exists(resolve(cwd, DEFAULT_CONFIG_FILE))) ? DEFAULT_CONFIG_FILE : undefined);
  if (file === undefined) return BUILTIN_SOURCE;
  try {
    return { name: file, text: await readFile(resolve(cwd, file), 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${file}: no such file. Create one with \`baseplate init\`.`
        : `${file}: cannot be read (${code ?? String(error)}).`,
    );
  }
}

/** A file the user named on the command line, relative to `cwd`; a missing one is a usage error. */
export async function readTextFile(file: string, cwd: string = process.cwd()): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
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
