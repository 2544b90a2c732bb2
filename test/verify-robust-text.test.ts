/**
 * Reading hostile text stays linear and bounded (issue 26, point 1): nesting
 * is measured before the YAML parser recurses into it, keys written twice are
 * found in one pass, aliases expand within a bound, and the patterns that
 * backtracked (placeholders, route table names, wildcard host names) are read
 * by code that does not, giving what the regular expressions gave.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { isExpression, isUnresolved } from '../src/core/arm-values.js';
import { MAX_ALIAS_EXPANSION, MAX_DEPTH, yamlDocuments } from '../src/core/verify/inventory.js';
import { lastName } from '../src/core/verify/rules/net/subnets.js';
import { hostPattern } from '../src/core/verify/rules/appgw/unique-host-names.js';
import { yamlTooDeep } from '../src/core/verify/yaml-depth.js';
import { planOk } from './helpers.js';

/** How many collections nest in a value: 0 for a scalar, 1 for a flat map or list. */
function nesting(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(nesting));
}

const problemsOf = (text: string) =>
  yamlDocuments('x.yaml', text).flatMap((d) => ('problem' in d ? [d.problem] : []));

describe('the nesting of a YAML text, before it is parsed', () => {
  it('is never less than the nesting the text holds, and at most twice it and one (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.boolean(), (value, flow) => {
        const text = stringify(value, flow ? { collectionStyle: 'flow' } : {});
        const depth = nesting(value);
        if (depth > 0) assert.ok(yamlTooDeep(text, depth - 1), text);
        assert.equal(yamlTooDeep(text, 2 * depth + 1), undefined, text);
      }),
      { seed: 26, numRuns: 400 },
    );
  });

  it("reads every file of Baseplate's repository as shallow", () => {
    for (const file of planOk('{}').files.filter((f) => f.path.endsWith('.yaml')))
      assert.equal(yamlTooDeep(file.content, 20), undefined, file.path);
  });

  it('counts no bracket of a plain, quoted or block scalar, nor of a comment', () => {
    const text = [
      'a: x[[[[{{{{',
      'b: "[[[[[[["',
      "c: '{{{{{{{'",
      'd: |',
      '  [[[[[[[[[',
      '      - - - - - - -',
      'e: 1 # [[[[[[[[',
      '# [[[[[[[[[[[[[[[[',
      'f: "multi [[[[[[',
      '  [[[[[[[[ line"',
    ].join('\n');
    assert.equal(yamlTooDeep(text, 2), undefined);
  });

  it('finds flow, compact and indented nesting past the limit, where it passes it', () => {
    assert.deepEqual(yamlTooDeep(`x: ${'['.repeat(300)}`, 256), { line: 1, column: 259 });
    assert.deepEqual(yamlTooDeep('- '.repeat(300), 256), { line: 1, column: 511 });
    const indented = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.deepEqual(yamlTooDeep(indented, 256), { line: 257, column: 257 });
  });

  it('refuses, as a problem of the file, 2 KB and 2 MB of brackets the YAML parser aborted or ran out of memory on', () => {
    for (const text of [
      '['.repeat(2048),
      '{'.repeat(2_000_000),
      `a: ${'[('.repeat(1024)}`,
      '- '.repeat(1_000_000),
    ]) {
      const [problem, ...others] = problemsOf(text);
      assert.equal(others.length, 0);
      assert.equal(
        problem?.message,
        `nests values more than ${MAX_DEPTH} levels deep, which verify does not read`,
      );
      assert.equal(problem?.position?.line, 1);
    }
  });
});

describe('YAML keys and aliases', () => {
  it('names a key written twice where the second is, as the YAML library does', () => {
    const [problem] = problemsOf(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: 1\n  b: 2\n  a: 3\n',
    );
    assert.equal(problem?.message, 'is not valid YAML: Map keys must be unique');
    assert.deepEqual(problem?.position, { line: 7, column: 3 });
    assert.deepEqual(
      problemsOf('a: {x: 1, "x": 2}\n').map((p) => p.position),
      [{ line: 1, column: 11 }],
    );
    // 1 and "1" are two keys.
    assert.deepEqual(problemsOf('a: {1: 1, "1": 2}\n'), []);
  });

  it('reads a ConfigMap of 50,000 keys (the check of unique keys is one pass: the bench measures it)', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: v${i}\n`).join('');
    const [document] = yamlDocuments(
      'big.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys}`,
    );
    assert.ok(document && 'value' in document);
    assert.equal(Object.keys((document.value as { data: object }).data).length, 50_000);
  });

  it('reads an anchor used more than 100 times, and refuses aliases that expand past the bound', () => {
    const many = `a: &a [1, 2]\n${Array.from({ length: 150 }, (_, i) => `k${i}: *a\n`).join('')}`;
    assert.deepEqual(problemsOf(many), []);
    // Each level doubles the one before: a "billion laughs".
    const laughs = [
      'l0: &l0 [x, x]',
      ...Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`),
    ];
    const [bomb] = problemsOf(`${laughs.join('\n')}\n`);
    assert.equal(
      bomb?.message,
      `uses aliases that expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?), which verify does not read`,
    );
  });

  it('names an alias to a missing anchor', () => {
    const [problem] = problemsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: *nope\n');
    assert.match(problem?.message ?? '', /^is not valid YAML: .*nope/);
  });
});

describe('patterns read without backtracking', () => {
  const text = (alphabet: string) =>
    fc.array(fc.constantFrom(...alphabet), { maxLength: 14 }).map((chars) => chars.join(''));

  it('placeholders: as /<[^>]+>/ finds them (property), and 2 MB of `<` at once', () => {
    fc.assert(
      fc.property(text('<>a['), (s) => {
        assert.equal(isUnresolved(s), isExpression(s) || /<[^>]+>/.test(s), s);
      }),
      { seed: 26, numRuns: 2000 },
    );
    assert.equal(isUnresolved('<'.repeat(2_000_000)), false);
  });

  it("route table names: as /([^/',\\s)\\]]+)'?\\)?\\]?$/ reads them (property), and a long run at once", () => {
    fc.assert(
      fc.property(text("a/',)] x"), (s) => {
        assert.equal(lastName(s), /([^/',\s)\]]+)'?\)?\]?$/.exec(s)?.[1], s);
      }),
      { seed: 26, numRuns: 2000 },
    );
    assert.equal(lastName(`${'a'.repeat(1_000_000)}/`), undefined);
  });

  it('wildcard host names: as the regular expression of `.*` and `.` matches them (property), and twenty `*` at once', () => {
    const regex = (name: string) =>
      new RegExp(
        `^${name
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      );
    fc.assert(
      fc.property(text('*?aB.'), text('abAB.'), (pattern, host) => {
        assert.equal(hostPattern(pattern)(host), regex(pattern).test(host), `${pattern} ${host}`);
      }),
      { seed: 26, numRuns: 3000 },
    );
    assert.equal(hostPattern('*a'.repeat(20))(`${'a'.repeat(200)}b`), false);
  });
});
