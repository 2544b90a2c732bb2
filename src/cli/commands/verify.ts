/**
 * `baseplate verify PATH...`: the rules on any ARM templates, resource lists and
 * Kubernetes YAML, files or folders of them. Unreadable inputs are reported with
 * their file and position; the others are still checked.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic, Source, Suppression } from '../../core/index.js';
import {
  findingsReport,
  formatDiagnostic,
  isVerifiable,
  loadConfig,
  RULES,
  sarifLog,
  verificationText,
  verifySources,
} from '../../core/index.js';
import { readConfigSource, workingFolder } from '../config-file.js';
import type { ExitCode } from '../exit-codes.js';
import { exitCodeFor } from '../exit-codes.js';
import type { Io } from '../io.js';
import type { KeptValidations } from '../schemas/kept-validations.js';
import { schemaValidators } from '../schemas/validators.js';

export interface VerifyOptions {
  readonly format: 'text' | 'json' | 'sarif';
  /** A Baseplate configuration whose `verify.suppress` applies. */
  readonly config?: string;
}

/** Larger inputs are refused rather than read into memory. */
const MAX_BYTES = 32 * 1024 * 1024;

function unreadable(file: string, message: string): Diagnostic {
  return { code: 'verify/input', severity: 'error', kind: 'input', message, file };
}

/**
 * Reads `path` (a file, or a folder of them) into `sources`, each named as the user
 * would write it: `path` as typed, relative to `cwd`, joined with what a folder holds.
 */
async function collect(
  cwd: string,
  path: string,
  sources: Source[],
  problems: Diagnostic[],
  optional = false,
): Promise<void> {
  const real = resolve(cwd, path);
  let info;
  try {
    info = await stat(real);
  } catch {
    problems.push(unreadable(path, 'does not exist'));
    return;
  }
  if (info.isDirectory()) {
    // What `plan` verifies of its output is what this reads of the folder it wrote (isVerifiable).
    const entries = (await readdir(real)).filter((e) => e !== 'node_modules' && !e.startsWith('.')).sort();
    for (const entry of entries) {
      const childInfo = await stat(join(real, entry));
      if (childInfo.isDirectory() || isVerifiable(entry))
        await collect(cwd, join(path, entry), sources, problems, true);
    }
    return;
  }
  if (info.size > MAX_BYTES) {
    problems.push(
      unreadable(path, `is ${Math.round(info.size / 1048576)} MiB; inputs over 32 MiB are not read`),
    );
    return;
  }
  sources.push({ name: path, text: await readFile(real, 'utf8'), optional });
}

export async function verifyCommand(
  paths: readonly string[],
  options: VerifyOptions,
  io: Io,
  /** The schema checks' answers kept from earlier runs. */
  validations?: KeptValidations,
): Promise<ExitCode> {
  const cwd = workingFolder(io);
  const sources: Source[] = [];
  const problems: Diagnostic[] = [];
  for (const path of paths) await collect(cwd, path, sources, problems);
  let suppressions: readonly Suppression[] = [];
  if (options.config !== undefined) {
    const loaded = loadConfig(await readConfigSource(options.config, cwd));
    if (!loaded.ok) {
      for (const diagnostic of loaded.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
      return exitCodeFor(loaded.diagnostics);
    }
    suppressions = loaded.config.verify.suppress;
  }
  const schemas = validations?.wrap(schemaValidators) ?? schemaValidators;
  const { verification } = verifySources(sources, { schemas, suppressions, problems });
  if (options.format === 'json') io.out(`${JSON.stringify(findingsReport(verification), null, 2)}\n`);
  else if (options.format === 'sarif')
    io.out(
      `${JSON.stringify(sarifLog(RULES, verification.diagnostics, verification.suppressed), null, 2)}\n`,
    );
  else io.out(verificationText(verification));
  return exitCodeFor(verification.diagnostics);
}
