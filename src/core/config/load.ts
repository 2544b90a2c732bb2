/**
 * Text in, resolved configuration or diagnostics out. YAML or JSON (JSON is
 * YAML), validated against the schema, then against the rules that span
 * fields. Every diagnostic carries the line and column of the field to change.
 */
import type { Document, Node } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { ConfigPath, Diagnostic, Position } from '../diagnostics.js';
import { inputError, listed } from '../diagnostics.js';
import { issuesToDiagnostics } from './issues.js';
import { applyPreset } from './presets.js';
import type { Config } from './schema/index.js';
import { ConfigSchema } from './schema/index.js';
import { validateConfig } from './validate.js';

import type { ConfigSource } from './source.js';

export type { ConfigSource };
export { BUILTIN_SOURCE } from './source.js';

/** Finds where a configuration path is written in the source: its value, or its key. */
export type Locator = (path: ConfigPath, target?: 'value' | 'key') => Position | undefined;

export type LoadResult =
  | {
      readonly ok: true;
      readonly config: Config;
      readonly locate: Locator;
      /** True when the file writes this path itself (a default fills in any other). */
      readonly writes: (path: ConfigPath) => boolean;
      /** Problems that do not stop the plan. */
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Diagnostics given a position and reported: a file with ten thousand bad entries
 * is refused on one screen, and locating each stays cheap.
 */
const MAX_REPORTED = 100;

export function loadConfig(source: ConfigSource): LoadResult {
  const lineCounter = new LineCounter();
  // The library's own check of unique keys compares each key with every earlier one
  // (quadratic: seconds for a map of 10,000 tags); duplicateKeys does it in one pass.
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locator = (path, target = 'value') => {
    const offset = offsetOf(doc.contents, path, target);
    return offset === undefined ? undefined : toPosition(offset);
  };
  const at = (diagnostics: readonly Diagnostic[]) =>
    withPositions(listed(diagnostics, MAX_REPORTED), source.name, locate);

  const errors = [...doc.errors, ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0]);
  if (errors.length > 0) {
    return {
      ok: false,
      diagnostics: at(
        errors.map((error) => ({
          ...inputError(
            `config/syntax`,
            undefined,
            `${error.message.replace(/ at line \d+, column \d+.*$/s, '')} (${error.code})`,
            'Fix the YAML syntax at this position.',
          ),
          position: toPosition(error.pos[0]),
        })),
      ),
    };
  }
  let input: unknown;
  try {
    // Throws on an alias without its anchor, and on alias expansion past the
    // library's limit (a "billion laughs" document).
    input = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return {
      ok: false,
      diagnostics: at([
        inputError(
          'config/syntax',
          undefined,
          error instanceof Error ? error.message : String(error),
          'Define each anchor (&name) before its alias (*name), and keep aliases few.',
        ),
      ]),
    };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      diagnostics: at([
        inputError(
          'config/not-a-mapping',
          undefined,
          'the configuration must be a mapping of keys to values',
          'Start from `baseplate init`.',
        ),
      ]),
    };
  }
  // Jitless: the parsers Zod compiles with `new Function` cost more to make than one
  // configuration takes to check, and are no faster on a large one (measured, #21).
  const parsed = ConfigSchema.safeParse(applyPreset(input), { reportInput: true, jitless: true });
  if (!parsed.success) {
    return { ok: false, diagnostics: at(issuesToDiagnostics(parsed.error.issues)) };
  }
  const problems = validateConfig(parsed.data, input);
  if (problems.some((d) => d.severity === 'error')) return { ok: false, diagnostics: at(problems) };
  return {
    ok: true,
    config: parsed.data,
    locate,
    writes: (path) => writes(doc.contents, path),
    warnings: at(problems),
  };
}

interface SyntaxProblem {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

/** Keys written twice in one mapping, as the YAML library reports them with `uniqueKeys`, in one pass per mapping. */
export function duplicateKeys(doc: Document): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const { key } of map.items) {
        // The library's test: the same scalar value (1 and 1.0 alike, 1 and "1" not).
        if (!isScalar(key) || key.range === undefined || key.range === null) continue;
        const identity = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(identity))
          problems.push({
            code: 'DUPLICATE_KEY',
            message: 'Map keys must be unique',
            pos: [key.range[0], key.range[1]],
          });
        seen.add(identity);
      }
    },
  });
  return problems;
}

/** Diagnostics about a key itself, shown at the key rather than at its value. */
const ABOUT_A_KEY = new Set(['config/unknown-key', 'config/tag-name', 'config/label-key']);

/** Adds the file and the line and column of each diagnostic's path. */
export function withPositions(
  diagnostics: readonly Diagnostic[],
  file: string,
  locate: Locator,
): Diagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    file,
    position: d.position ?? locate(d.path ?? [], ABOUT_A_KEY.has(d.code) ? 'key' : 'value'),
  }));
}

/** Offset of the value at `path`, or of the nearest enclosing node that exists. */
function offsetOf(root: Node | null, path: ConfigPath, target: 'value' | 'key'): number | undefined {
  return walk(root, path, target).offset;
}

/** True when the file writes `path` itself, not only something enclosing it. */
function writes(root: Node | null, path: ConfigPath): boolean {
  return walk(root, path, 'key').found === path.length;
}

/** How far into `path` the document goes (`found` parts), and the offset of the last of them. */
function walk(
  root: Node | null,
  path: ConfigPath,
  target: 'value' | 'key',
): { readonly offset: number | undefined; readonly found: number } {
  let node: unknown = root;
  let offset = startOf(root);
  let found = 0;
  for (const [index, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
      const last = index === path.length - 1;
      offset =
        (last && target === 'key' ? keyOffset : startOf(pair.value as Node | null)) ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part];
      offset = startOf(node as Node) ?? offset;
    } else {
      break;
    }
    found += 1;
  }
  return { offset, found };
}

function startOf(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}
