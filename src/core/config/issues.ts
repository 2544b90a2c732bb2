/**
 * Turns zod's validation issues into diagnostics a person can act on: the
 * field, what is wrong, the bad value and the fix. Never the raw issue list.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, showValue } from '../diagnostics.js';
import { findVmSize, nearVmSize } from '../data/vm-sizes.js';
import { keysAt, schemaAt } from './json-schema.js';

type Issue = z.core.$ZodIssue;

/** A suggestion close enough to be a likely typo of `word`, or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const best = closest(
    lower,
    candidates.map((c) => c.toLowerCase()),
  );
  const match = candidates.find((c) => c.toLowerCase() === best);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return match !== undefined && distance(lower, best) <= limit ? match : undefined;
}

/** The field's default, or else its first documented example. */
function exampleFor(path: ConfigPath): string | undefined {
  const nodes = schemaAt(path);
  const withDefault = nodes.find((node) => node.default !== undefined);
  if (withDefault) return showValue(withDefault.default);
  const example = nodes.find((node) => node.examples?.length)?.examples?.[0];
  return example === undefined ? undefined : showValue(example);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

function lengthUnit(origin: string): string {
  if (origin === 'array' || origin === 'set') return 'items';
  if (origin === 'string') return 'characters';
  return '';
}

/**
 * The diagnostics of all of zod's issues, one problem per value: a value of the
 * wrong type is only that. (Zod still runs a list's length checks on a string,
 * which has a length too: `zones: "1,2,3"` would also be "at most 3 characters".)
 */
export function issuesToDiagnostics(issues: readonly Issue[]): Diagnostic[] {
  const key = (issue: Issue) => JSON.stringify(issue.path.map(String));
  const mistyped = new Set(issues.filter((i) => i.code === 'invalid_type').map(key));
  return issues
    .filter((issue) => issue.code === 'invalid_type' || !mistyped.has(key(issue)))
    .flatMap(issueToDiagnostics);
}

function issueToDiagnostics(issue: Issue): Diagnostic[] {
  const path: ConfigPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const example = exampleFor(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(path);
      return issue.keys.map((key) => {
        const near = suggest(key, known);
        return inputError(
          'config/unknown-key',
          [...path, key],
          near ? `unknown key "${key}"; did you mean "${near}"?` : `unknown key "${key}"`,
          near ? `Rename it to "${near}".` : `Remove it. Keys allowed here: ${known.join(', ') || '(none)'}.`,
        );
      });
    }
    case 'invalid_type': {
      if (issue.input === undefined) {
        return [
          inputError(
            'config/required',
            path,
            'is required',
            `Add ${String(path.at(-1))}${example ? `, e.g. ${example}` : ''}.`,
          ),
        ];
      }
      const expected = article(issue.expected);
      const such = example && issue.expected !== 'boolean' ? ` such as ${example}` : '';
      return [
        inputError(
          'config/type',
          path,
          `must be ${expected}, not ${describeType(issue.input)}`,
          `Write ${expected}${such}.`,
          issue.input,
        ),
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const near = typeof issue.input === 'string' ? suggest(issue.input, allowed) : undefined;
      return [
        inputError(
          'config/value',
          path,
          `must be one of ${allowed.join(', ')}${near ? `; did you mean "${near}"?` : ''}`,
          near ? `Write "${near}".` : `Pick one of ${allowed.join(', ')}.`,
          issue.input,
        ),
      ];
    }
    case 'invalid_union': {
      // A discriminated union whose discriminator matches no branch: zod names the options.
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      if (options.length > 0) {
        const discriminator = 'discriminator' in issue ? String(issue.discriminator) : '';
        const input = issue.input;
        const value =
          typeof input === 'object' && input !== null && discriminator in input
            ? (input as Record<string, unknown>)[discriminator]
            : input;
        const near = typeof value === 'string' ? suggest(value, options) : undefined;
        return [
          inputError(
            'config/value',
            path,
            `must be one of ${options.join(', ')}`,
            near ? `Write "${near}".` : `Pick one of ${options.join(', ')}.`,
            value,
          ),
        ];
      }
      return [
        inputError('config/invalid', path, 'matches none of the allowed forms', undefined, issue.input),
      ];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const unit = lengthUnit(issue.origin);
      const relation =
        issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const message = unit
        ? `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} ${unit}`
        : `must be ${relation} ${String(bound)}`;
      const fix = unit
        ? `Give ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} ${unit}.`
        : `Use a value ${relation} ${String(bound)}${example ? ` (default ${example})` : ''}.`;
      return [inputError('config/range', path, message, fix, issue.input)];
    }
    case 'invalid_format': {
      // A VM size that misses the pattern (`standard_ds2v2`) may be a typo of one Baseplate knows.
      const near =
        path.at(-1) === 'vmSize' && typeof issue.input === 'string'
          ? (findVmSize(issue.input)?.name ?? nearVmSize(issue.input))
          : undefined;
      if (near === undefined) return otherIssue(issue, path, example);
      return [
        inputError(
          'config/invalid',
          path,
          `${issue.message}; did you mean "${near}"?`,
          `Write "${near}".`,
          issue.input,
        ),
      ];
    }
    default:
      return otherIssue(issue, path, example);
  }
}

/** An issue of a check that names its own problem: a pattern, a custom check. */
function otherIssue(issue: Issue, path: ConfigPath, example: string | undefined): Diagnostic[] {
  // Custom checks may carry their own fix (see primitives.ts), or mark their value as secret.
  const params = issue.code === 'custom' ? issue.params : undefined;
  const fix = typeof params?.['fix'] === 'string' ? params['fix'] : undefined;
  return [
    inputError(
      'config/invalid',
      path,
      issue.message,
      fix ?? (example ? `Write a value such as ${example}.` : undefined),
      params?.['secret'] === true ? undefined : issue.input,
    ),
  ];
}
