/**
 * `-o/--output FORMAT`, as the Azure CLI spells it (`az ... -o json|yaml|table`,
 * https://learn.microsoft.com/cli/azure/format-output-azure-cli): the format of
 * what a command prints on stdout. Each command takes the formats that fit what
 * it prints (SARIF only where there are findings). The older spellings stay:
 * `--json` is `-o json`, and verify's `--format text` is `-o table`.
 *
 * `-o` is never the output folder: plan's folder is `--out DIR`. A folder given
 * to `--output` is refused with that said (exit 2).
 */
import { Option } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What each command prints: the first is its default. Init and serve print no results, only what they did. */
export const PLAN_FORMATS = ['table', 'json', 'yaml', 'sarif'] as const satisfies readonly OutputFormat[];
export const VERIFY_FORMATS = ['table', 'json', 'yaml', 'sarif'] as const satisfies readonly OutputFormat[];
export const DEPLOY_FORMATS = ['table', 'json', 'yaml'] as const satisfies readonly OutputFormat[];
export const DESTROY_FORMATS = ['table', 'json', 'yaml'] as const satisfies readonly OutputFormat[];
export const PRICES_FORMATS = ['table', 'json', 'yaml'] as const satisfies readonly OutputFormat[];

/** A format as data (json, yaml), or as text for a person (table) or a code-scanning view (sarif). */
export type DataFormat = Extract<OutputFormat, 'json' | 'yaml'>;

/** What a command's options say of its format, in every spelling. */
export interface FormatOptions {
  readonly output?: string;
  readonly json?: boolean;
  /** verify's `--format`: text (= table), json or sarif. */
  readonly format?: string;
}

/** `-o, --output <format>` with the formats this command prints. */
export function outputOption(formats: readonly OutputFormat[]): Option {
  return new Option(
    '-o, --output <format>',
    `output format: ${formats.join(', ')} (default: ${formats[0] ?? 'table'})`,
  );
}

/** `--json`, kept for scripts written before `-o`. */
export function jsonOption(): Option {
  return new Option('--json', 'the same as -o json');
}

/**
 * The one format the options ask for, checked against those the command prints:
 * an unknown format or two spellings that disagree are usage errors naming the
 * fix. `folder` names the command's output-folder option, for the user who took
 * `--output` for it.
 */
export function formatOf(
  options: FormatOptions,
  formats: readonly OutputFormat[],
  folder?: string,
): OutputFormat {
  const asked: { spelling: string; format: string }[] = [];
  if (options.output !== undefined)
    asked.push({ spelling: `--output ${options.output}`, format: options.output });
  if (options.format !== undefined)
    asked.push({
      spelling: `--format ${options.format}`,
      format: options.format === 'text' ? 'table' : options.format,
    });
  if (options.json) asked.push({ spelling: '--json', format: 'json' });
  for (const { spelling, format } of asked) {
    if ((formats as readonly string[]).includes(format)) continue;
    const notAFormat = !(OUTPUT_FORMATS as readonly string[]).includes(format);
    throw new UsageError(
      `${spelling}: this command prints ${formats.join(', ')}.` +
        (notAFormat && folder !== undefined
          ? ` -o/--output is the output format, as in az; the output folder is ${folder}.`
          : ''),
    );
  }
  const chosen = new Set(asked.map((a) => a.format));
  if (chosen.size > 1)
    throw new UsageError(
      `${asked.map((a) => a.spelling).join(' and ')} ask for different formats; give one of them.`,
    );
  return (asked[0]?.format as OutputFormat | undefined) ?? formats[0] ?? 'table';
}

/**
 * `value` as JSON (indented, as the commands always printed it) or YAML, on stdout,
 * its keys in the same order. YAML goes through JSON first, so that it holds
 * exactly what JSON would (no undefined, no class instances), and is written as
 * YAML 1.1 reads it too (`on`, `yes` quoted), without folding long lines.
 */
export function printData(io: Io, format: DataFormat, value: unknown): void {
  if (format === 'json') io.out(`${JSON.stringify(value, null, 2)}\n`);
  else
    io.out(
      stringify(JSON.parse(JSON.stringify(value)) as unknown, {
        version: '1.1',
        lineWidth: 0,
        aliasDuplicateObjects: false,
      }),
    );
}
