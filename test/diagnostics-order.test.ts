import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from '../src/core/diagnostics.js';
import { compareText, sortDiagnostics } from '../src/core/diagnostics.js';

/** Characters the collation orders in different ways: letters of both cases, digits, punctuation, marks, other scripts. */
const characters = [
  ...'aAbBzZ0159 ._-/:;,!?()[]{}"\'`~@#$%^&*+=<>|\\\t\n',
  ...[
    'é',
    'É',
    'e\u0301',
    'ß',
    'æ',
    'ø',
    'ı',
    'İ',
    '\u0300',
    '\u00a0',
    '\u200b',
    '\u0000',
    '\u0e40',
    'ก',
    'ä',
    'α',
    '中',
    '→',
    '…',
    '’',
  ],
];
const text = fc.oneof(
  fc.array(fc.constantFrom(...characters), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

describe('the order of diagnostics', () => {
  it("compares texts as localeCompare with 'en' does (property)", () => {
    fc.assert(
      fc.property(text, text, fc.array(fc.constantFrom(...characters), { maxLength: 3 }), (a, b, prefix) => {
        // A shared start makes the texts differ further in, where the quick answer is given.
        const p = prefix.join('');
        assert.equal(Math.sign(compareText(p + a, p + b)), Math.sign((p + a).localeCompare(p + b, 'en')));
      }),
      { numRuns: 20000 },
    );
  });

  it('sorts as the comparison with localeCompare does', () => {
    const diagnostic = fc.record({
      code: fc.constant('x'),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      kind: fc.constant('finding' as const),
      message: text,
      path: fc.option(fc.array(fc.oneof(text, fc.nat({ max: 3 })), { maxLength: 2 }), { nil: undefined }),
      position: fc.option(fc.record({ line: fc.nat({ max: 3 }), column: fc.nat({ max: 3 }) }), {
        nil: undefined,
      }),
    });
    const formatPath = (path: readonly (string | number)[]) =>
      path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
    const order = { error: 0, warning: 1, info: 2 };
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 12 }), (list: Diagnostic[]) => {
        const reference = [...list].sort(
          (a, b) =>
            order[a.severity] - order[b.severity] ||
            (a.position?.line ?? Infinity) - (b.position?.line ?? Infinity) ||
            (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
            formatPath(a.path ?? []).localeCompare(formatPath(b.path ?? []), 'en') ||
            a.message.localeCompare(b.message, 'en'),
        );
        assert.deepEqual(sortDiagnostics(list), reference);
      }),
      { numRuns: 2000 },
    );
  });
});
