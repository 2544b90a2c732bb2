/**
 * Problems found anywhere in the pipeline, in one shape for the terminal, the
 * JSON output and the web page. An `input` diagnostic is a problem with what the
 * user wrote (exit code 2); a `finding` is a problem of the design (exit code 1
 * at error severity).
 */
export type Severity = 'error' | 'warning' | 'info';
export type DiagnosticKind = 'input' | 'finding';
export type ConfigPath = readonly (string | number)[];

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface Diagnostic {
  /** Stable identifier such as `config/unknown-key` or `ip-plan/overlap`. */
  readonly code: string;
  readonly severity: Severity;
  readonly kind: DiagnosticKind;
  /** What is wrong, without the path (the formatter adds it). */
  readonly message: string;
  /** The configuration field to change. */
  readonly path?: ConfigPath;
  /** How to put it right. */
  readonly fix?: string;
  /** The offending value as the user wrote it. */
  readonly value?: unknown;
  readonly file?: string;
  readonly position?: Position;
  /** For a finding: where in `file` the value it rests on is, as a JSON path (`$.resources[2].properties.x`). */
  readonly jsonPath?: string;
  /** For a finding on Baseplate's own output: the configuration setting that decides it. */
  readonly setting?: Setting;
  /** For a finding: the rule's message it says (docs/rules/<ID>.md lists them), and the values filled in. */
  readonly said?: { readonly id: string; readonly args: readonly string[] };
}

/** A configuration setting a finding comes from: its key, and where the file writes it. */
export interface Setting {
  readonly file: string;
  readonly path: ConfigPath;
  /** Absent when the file does not write it: a default (or the preset) gives the value. */
  readonly position?: Position;
}

export function inputError(
  code: string,
  path: ConfigPath | undefined,
  message: string,
  fix?: string,
  value?: unknown,
): Diagnostic {
  return { code, severity: 'error', kind: 'input', message, path, fix, value };
}

export function inputWarning(
  code: string,
  path: ConfigPath | undefined,
  message: string,
  fix?: string,
): Diagnostic {
  return { code, severity: 'warning', kind: 'input', message, path, fix };
}

/**
 * The first `limit` problems and one that counts the rest, placed where the
 * first unlisted one is: ten thousand bad entries make one screen, not ten
 * thousand lines.
 */
export function listed(problems: readonly Diagnostic[], limit: number): Diagnostic[] {
  const next = problems[limit];
  if (next === undefined) return [...problems];
  return [
    ...problems.slice(0, limit),
    {
      ...inputError(
        'config/more',
        next.path,
        `and ${problems.length - limit} more problems from here on, not listed`,
        'Correct the ones listed, then plan again.',
      ),
      ...(next.position ? { position: next.position } : {}),
    },
  ];
}

/** `spokes[0].cluster.userPools[1].maxCount` */
export function formatPath(path: ConfigPath): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by position in the file, then by path: a stable reading order. */
/** ASCII digits, then ASCII letters without regard to case: their order at the first level of the collation. */
function weight(code: number): number | undefined {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return undefined;
}

let collator: Intl.Collator | undefined;

/**
 * The sign of `a.localeCompare(b, 'en')`. Where the texts first differ in two
 * digits or letters of different weight, that decides; anything else is left
 * to the collator, which a fresh process takes milliseconds to start (a test
 * holds the two to the same answers).
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i < length) {
    const x = weight(a.charCodeAt(i));
    const y = weight(b.charCodeAt(i));
    if (x !== undefined && y !== undefined && x !== y) return x - y;
  }
  collator ??= new Intl.Collator('en');
  return collator.compare(a, b);
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  // Each path written once.
  const keyed = diagnostics.map((diagnostic) => ({ diagnostic, path: formatPath(diagnostic.path ?? []) }));
  keyed.sort(
    ({ diagnostic: a, path: pa }, { diagnostic: b, path: pb }) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.position?.line ?? Infinity) - (b.position?.line ?? Infinity) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
      compareText(pa, pb) ||
      compareText(a.message, b.message),
  );
  return keyed.map((k) => k.diagnostic);
}

/** Renders a value for a message: short, on one line. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * `text` safe to print on a terminal: control characters (an escape sequence that recolours or
 * retitles the terminal, a line break that forges a line) and bidirectional overrides (which
 * reorder what is shown) written as `\u001b`. Messages quote foreign input: the first bytes of a
 * file that is not JSON, a name from a template.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * One diagnostic as text:
 *
 *     baseplate.yaml:12:7: error: spokes[0].cluster.userPools[0].maxCount: must be ≥ minCount (2) (got 1)
 *       fix: Raise maxCount to at least 2, or lower minCount.
 */
export function formatDiagnostic(d: Diagnostic): string {
  if (d.setting) return formatInConfigTerms(d, d.setting);
  const where = d.file ? `${d.file}${d.position ? `:${d.position.line}:${d.position.column}` : ''}: ` : '';
  const field = d.path && d.path.length > 0 ? `${formatPath(d.path)}: ` : '';
  const got = d.value !== undefined ? ` (got ${showValue(d.value)})` : '';
  const head = `${where}${d.severity}: ${field}${d.message}${got}`;
  const lines = [printable(head)];
  if (d.jsonPath) lines.push(`  at: ${printable(d.jsonPath)}`);
  if (d.fix) lines.push(`  fix: ${printable(d.fix)}`);
  return lines.join('\n');
}

/**
 * A finding on plan's own output, told from the configuration: the setting that
 * produced it and where the file writes it, then the change, then the resource
 * and the place in the written file the finding rests on.
 *
 *     baseplate.yaml:7:9: error: spokes[0].cluster.apiServer.authorizedIpRanges: public API server open to every address; expected: … (aks/api-server-access)
 *       fix: Remove 0.0.0.0/0 from spokes[0].cluster.apiServer.authorizedIpRanges …
 *       resource: /subscriptions/…/managedClusters/aks-bu0001a0008-00-prod-eus2
 *       in: azure/resources.json $.resources[103].properties.apiServerAccessProfile.authorizedIPRanges
 */
function formatInConfigTerms(d: Diagnostic, setting: Setting): string {
  return [configHead(d, setting), ...(d.fix ? [`  fix: ${printable(d.fix)}`] : []), ...whereFound(d)].join(
    '\n',
  );
}

/** verify.ts writes a finding's message as `<target>: <what was found>`. */
function targetAndFound(d: Diagnostic): readonly [string | undefined, string] {
  const split = d.message.indexOf(': ');
  return split < 0 ? [undefined, d.message] : [d.message.slice(0, split), d.message.slice(split + 2)];
}

function configHead(d: Diagnostic, setting: Setting): string {
  const where = setting.position
    ? `${setting.file}:${setting.position.line}:${setting.position.column}`
    : setting.file;
  const key = `${formatPath(setting.path)}${setting.position ? '' : ' (not in the file: a default gives it)'}`;
  return printable(`${where}: ${d.severity}: ${key}: ${targetAndFound(d)[1]} (${d.code})`);
}

function whereFound(d: Diagnostic): string[] {
  const [target] = targetAndFound(d);
  return [
    ...(target ? [`  resource: ${printable(target)}`] : []),
    ...(d.file ? [`  in: ${printable(`${d.file}${d.jsonPath ? ` ${d.jsonPath}` : ''}`)}`] : []),
  ];
}

/**
 * Diagnostics as text, one block each, in their order; findings that say the
 * same of one setting (two clusters without a budget, the zones of every pool)
 * are one block naming each resource: the user has one thing to change.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  const blocks = new Map<string, { head: string; fix?: string; found: string[] }>();
  for (const [index, d] of diagnostics.entries()) {
    if (!d.setting) {
      blocks.set(String(index), { head: formatDiagnostic(d), found: [] });
      continue;
    }
    const head = configHead(d, d.setting);
    const key = JSON.stringify([head, d.fix]);
    const block = blocks.get(key) ?? { head, ...(d.fix ? { fix: d.fix } : {}), found: [] };
    block.found.push(...whereFound(d));
    blocks.set(key, block);
  }
  return [...blocks.values()].map(({ head, fix, found }) =>
    [head, ...(fix ? [`  fix: ${printable(fix)}`] : []), ...found].join('\n'),
  );
}

/** `baseplate.yaml:12:5 spokes[0].cluster.sla`, or the key and that a default gives it (the file, or the built-in configuration, does not set it). */
export function settingText(setting: Setting): string {
  const key = formatPath(setting.path);
  return setting.position
    ? `${setting.file}:${setting.position.line}:${setting.position.column} ${key}`
    : `${key} (a default: the configuration does not set it)`;
}
