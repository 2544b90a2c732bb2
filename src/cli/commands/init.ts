/** `baseplate init`: a commented starter configuration and the JSON Schema beside it. */
import { randomInt } from 'node:crypto';
import { access, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { configJsonSchema } from '../../core/config/json-schema.js';
import type { PresetName } from '../../core/config/schema/index.js';
import { starterConfig } from '../../core/config/starter.js';
import { toJson } from '../../core/serialize.js';
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

export async function initCommand(options: InitOptions, io: Io): Promise<ExitCode> {
  const exists = await access(options.out).then(
    () => true,
    () => false,
  );
  if (exists && !options.force) {
    throw new UsageError(`${options.out} exists already; pass --force to overwrite it.`);
  }
  const schemaPath = join(dirname(options.out), 'baseplate.schema.json');
  await writeFile(schemaPath, toJson(configJsonSchema()), 'utf8');
  await writeFile(options.out, starterConfig(options.preset, randomSuffix()), 'utf8');
  io.out(
    `Wrote ${options.out} (preset ${options.preset}) and ${schemaPath}.\nNext: edit it, then run \`baseplate plan --config ${options.out}\`.\n`,
  );
  return ExitCode.ok;
}
