/** `baseplate init`: a commented starter configuration and the JSON Schema beside it. */
import { randomInt } from 'node:crypto';
import { access, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PresetName } from '../../core/index.js';
import { configJsonSchema, RUN_ANYWHERE, starterConfig, starterFormat, toJson } from '../../core/index.js';
import { workingFolder } from '../config-file.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';

export interface InitOptions {
  readonly preset: PresetName;
  readonly out: string;
  readonly force?: boolean;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Five random characters: registry and Key Vault names must be unique across Azure. */
function randomSuffix(): string {
  return Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Writes `path` (as the user typed it, relative to `cwd`). */
async function write(cwd: string, path: string, content: string): Promise<void> {
  await writeFile(resolve(cwd, path), content, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: cannot be written (${error.code ?? error.message}).`);
  });
}

/** A name beside `file` for another starting point: `baseplate.yaml` → `baseplate.dev.yaml`. */
function alongside(file: string, preset: PresetName): string {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return dot > slash + 1 ? `${file.slice(0, dot)}.${preset}${file.slice(dot)}` : `${file}.${preset}`;
}

export async function initCommand(options: InitOptions, io: Io): Promise<ExitCode> {
  const cwd = workingFolder(io);
  if ((await exists(resolve(cwd, options.out))) && !options.force) {
    throw new UsageError(
      `${options.out} exists already; pass --force to overwrite it, or --out to write another file (e.g. --out ${alongside(options.out, options.preset)}).`,
    );
  }
  const format = starterFormat(options.out);
  await write(cwd, options.out, starterConfig(options.preset, randomSuffix(), format));
  const schemaPath = join(dirname(options.out), 'baseplate.schema.json');
  const keepSchema = (await exists(resolve(cwd, schemaPath))) && !options.force;
  if (!keepSchema) await write(cwd, schemaPath, toJson(configJsonSchema()));
  io.out(
    `Wrote ${options.out} (preset ${options.preset})` +
      (keepSchema ? `; kept the existing ${schemaPath} (--force refreshes it).\n` : ` and ${schemaPath}.\n`) +
      `Next: edit it, then run \`${RUN_ANYWHERE} plan --config ${options.out}\`` +
      ` (or \`baseplate plan --config ${options.out}\` where it is installed).\n`,
  );
  return ExitCode.ok;
}
