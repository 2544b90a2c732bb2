/**
 * `baseplate verify PATH...`: the rules on any ARM templates, resource lists and
 * Kubernetes YAML, files or folders of them. Unreadable inputs are reported with
 * their file and position; the others are still checked.
 */
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic, GivenParameter, Source, Suppression } from '../../core/index.js';
import {
  findingsReport,
  formatDiagnostic,
  isVerifiable,
  loadConfig,
  parameterValues,
  parseJson,
  RULES,
  sarifLog,
  verificationText,
  verifySources,
} from '../../core/index.js';
import { isObject } from '../../core/arm-values.js';
import { readConfigSource, workingFolder } from '../config-file.js';
import { ExitCode } from '../exit-codes.js';
import { exitCodeFor } from '../exit-codes.js';
import type { Io } from '../io.js';
import { throttledProgress, verbose } from '../io.js';
import { formatOf, printData, VERIFY_FORMATS } from '../output-format.js';
import type { KeptValidations } from '../schemas/kept-validations.js';
import { schemaValidators } from '../schemas/validators.js';

export interface VerifyOptions {
  /** `-o`: table (default), json, yaml or sarif. */
  readonly output?: string;
  /** `--format`, the older spelling: text (table), json or sarif. */
  readonly format?: string;
  /** `--json`, the same as `-o json`. */
  readonly json?: boolean;
  /** A Baseplate configuration whose `verify.suppress` applies. */
  readonly config?: string;
  /** `--parameters`, each as `az deployment group create --parameters` takes it. */
  readonly parameters?: readonly string[];
  /** `--rule-docs-url`: where docs/rules/ is published, for SARIF's helpUri. */
  readonly ruleDocsUrl?: string;
}

/** An absolute http(s) URL, as SARIF's helpUri must be; undefined otherwise. */
function absoluteUrl(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** The values of a parameters file or inline JSON: `{ parameters: { x: { value } } }`, or `{ x: { value } }` as az also takes. */
function valuesOf(json: unknown): Record<string, unknown> | undefined {
  if (isObject(json) && isObject(json['parameters'])) return parameterValues(json);
  if (!isObject(json)) return undefined;
  return Object.fromEntries(
    Object.entries(json)
      .filter(([k]) => k !== '$schema' && k !== 'contentVersion')
      .map(([k, v]) => [k, isObject(v) && 'value' in v ? v['value'] : v]),
  );
}

/**
 * `--parameters` values as az reads them: inline JSON (`{...}`), `name=value`,
 * else a parameters file (`path` or `@path`). One that cannot be read is a
 * problem naming it.
 */
async function givenParameters(
  cwd: string,
  args: readonly string[],
  problems: Diagnostic[],
): Promise<GivenParameter[]> {
  const given: GivenParameter[] = [];
  for (const arg of args) {
    const pair = /^([A-Za-z_$][\w$.-]*)=/.exec(arg);
    if (pair?.[1] !== undefined && !arg.trimStart().startsWith('{')) {
      given.push({ name: pair[1], text: arg.slice(pair[0].length) });
      continue;
    }
    const inline = arg.trimStart().startsWith('{');
    const file = arg.startsWith('@') ? arg.slice(1) : arg;
    let values: Record<string, unknown> | undefined;
    try {
      values = valuesOf(parseJson(inline ? arg : await readFile(resolve(cwd, file), 'utf8')));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        unreadable(
          inline ? '--parameters' : file,
          code === undefined
            ? `is not valid JSON: ${String((error as Error).message)}`
            : `cannot be read (${code})`,
        ),
      );
      continue;
    }
    if (values === undefined) {
      problems.push(unreadable(inline ? '--parameters' : file, 'holds no parameter values'));
      continue;
    }
    for (const [name, value] of Object.entries(values)) given.push({ name, value });
  }
  return given;
}

/** Larger inputs are refused rather than read into memory. */
const MAX_BYTES = 32 * 1024 * 1024;

function unreadable(file: string, message: string): Diagnostic {
  return { code: 'verify/input', severity: 'error', kind: 'input', message, file };
}

/** What kind of file a non-regular one is, for the message that it is not read. */
function special(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads `path` (a file, or a folder of them) into `sources`, each named as the user
 * would write it: `path` as typed, relative to `cwd`, joined with what a folder holds.
 * Every file it cannot read is a problem naming it, and the others are still read:
 * a link to nothing, a folder reached again through a link (a loop), a pipe or a
 * device (read, they would never end), a file over the size limit, one refused.
 */
interface Reading {
  readonly cwd: string;
  readonly sources: Source[];
  readonly problems: Diagnostic[];
  /** The folders read so far, by device and inode. */
  readonly folders: Set<string>;
  /** Told of each file read, for progress. */
  readonly read: (path: string) => void;
}

async function collect(reading: Reading, path: string, optional = false): Promise<void> {
  const { cwd, sources, problems, folders } = reading;
  const real = resolve(cwd, path);
  let info: Stats;
  try {
    info = await stat(real);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      unreadable(
        path,
        code === 'ENOENT'
          ? optional
            ? 'is a link to nothing'
            : 'does not exist'
          : code === 'ELOOP'
            ? 'is a link that leads back to itself'
            : `cannot be read (${code ?? String(error)})`,
      ),
    );
    return;
  }
  if (info.isDirectory()) {
    // A folder reached again (a link back up the tree) is read once.
    const key = `${info.dev}:${info.ino}`;
    if (folders.has(key)) {
      problems.push(notRead(path, 'is a folder read already, reached again through a link: not read twice'));
      return;
    }
    folders.add(key);
    let entries: string[];
    try {
      entries = await readdir(real);
    } catch (error) {
      problems.push(
        unreadable(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`),
      );
      return;
    }
    // What `plan` verifies of its output is what this reads of the folder it wrote (isVerifiable).
    for (const entry of entries.filter((e) => e !== 'node_modules' && !e.startsWith('.')).sort()) {
      const child = join(path, entry);
      const childInfo = await stat(join(real, entry)).catch(() => undefined);
      // A link to nothing is named by the file's own read below.
      if (childInfo === undefined || childInfo.isDirectory() || isVerifiable(entry))
        await collect(reading, child, true);
    }
    return;
  }
  if (!info.isFile()) {
    problems.push(unreadable(path, `is ${special(info)}, which verify does not read`));
    return;
  }
  if (info.size > MAX_BYTES) {
    problems.push(
      unreadable(path, `is ${Math.round(info.size / 1048576)} MiB; inputs over 32 MiB are not read`),
    );
    return;
  }
  try {
    sources.push({ name: path, text: await readFile(real, 'utf8'), optional });
    reading.read(path);
  } catch (error) {
    problems.push(
      unreadable(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`),
    );
  }
}

function notRead(file: string, message: string): Diagnostic {
  return { code: 'verify/not-read', severity: 'warning', kind: 'input', message, file };
}

export async function verifyCommand(
  paths: readonly string[],
  options: VerifyOptions,
  io: Io,
  /** The schema checks' answers kept from earlier runs. */
  validations?: KeptValidations,
): Promise<ExitCode> {
  const format = formatOf(options, VERIFY_FORMATS);
  const docs = options.ruleDocsUrl;
  if (docs !== undefined && absoluteUrl(docs) === undefined) {
    io.err(
      `--rule-docs-url: "${docs}" is not an absolute http(s) URL; give the address docs/rules/ is published at, such as https://example.org/baseplate/docs/rules/\n`,
    );
    return ExitCode.usage;
  }
  const cwd = workingFolder(io);
  const sources: Source[] = [];
  const problems: Diagnostic[] = [];
  // Folders of thousands of files take a while to read: a count on a terminal meanwhile.
  const progress = throttledProgress(io);
  const reading: Reading = {
    cwd,
    sources,
    problems,
    folders: new Set(),
    read: (path) => {
      verbose(io, `reading ${path}`);
      progress(`Reading ${sources.length} file(s)… ${path}`);
    },
  };
  for (const path of paths) await collect(reading, path);
  const parameters = await givenParameters(cwd, options.parameters ?? [], problems);
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
  io.progress?.(`Checking ${sources.length} file(s) against ${RULES.length} rules…`);
  verbose(io, `read ${sources.length} file(s); ${problems.length} could not be read`);
  const { verification } = verifySources(sources, { schemas, suppressions, problems, parameters });
  io.progress?.('');
  if (format === 'json' || format === 'yaml') printData(io, format, findingsReport(verification));
  else if (format === 'sarif')
    io.out(
      `${JSON.stringify(sarifLog(RULES, verification.diagnostics, verification.suppressed, { ruleDocsUrl: docs && absoluteUrl(docs) }), null, 2)}\n`,
    );
  else io.out(verificationText(verification));
  return exitCodeFor(verification.diagnostics);
}
