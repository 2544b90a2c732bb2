import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { plan } from '../src/core/plan.js';
import { toYaml } from '../src/core/serialize.js';
import { quickYaml } from '../src/core/verify/yaml-lines.js';
import { plainData } from './support/plain-data.js';

/** What the inventory read before the quick reader: the yaml package's documents, or 'error'. */
function packageRead(text: string): unknown[] | 'error' {
  const documents = parseAllDocuments(text, { merge: true });
  return documents.some((d) => d.errors.length > 0) ? 'error' : documents.map((d) => d.toJS() as unknown);
}

const awkward = [
  ...['yes', 'no', 'on', 'true', 'null', '~', '---', '...', '<<', '0x1F', '0o17', '012', '1e3', '.5', '.inf'],
  ...['+5', '-0', '', ' ', '- ', '-', '?', 'a: b', 'a #b', 'x\n', '\n', '\n\n', 'a\n b', ' a\nb', 'a\n\n'],
  ...[
    'a \nb',
    '---\nx',
    '%x\ny',
    'a\n  b\n',
    '  \n',
    '\n  x',
    '--flag=1',
    'http://h:1/p',
    '${A}',
    'a:b',
    'a#b',
  ],
  ...[
    '\t',
    '\r',
    '\u0000',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\ud800',
    '\ufeff',
    "'",
    '"',
    '\\',
    '|',
    '>',
    '[',
    '{',
    ',',
  ],
];
const text = fc.oneof(
  fc.constantFrom(...awkward, 'a', 'name', 'x.y/z'),
  fc
    .array(fc.constantFrom(...awkward, 'a', 'Z', '0', ':', '.', 'é'), { maxLength: 6 })
    .map((p) => p.join('')),
  fc.string({ maxLength: 30 }),
);
const data = plainData({
  text,
  key: fc.oneof(text, fc.constantFrom('__proto__', 'constructor', '0', 'on')),
  maxItems: 3,
  maxKeys: 4,
});
const documents = fc.array(fc.oneof(data.map, data.list), { minLength: 1, maxLength: 3 });

describe('the quick YAML reader', () => {
  it('takes every YAML file plan writes, reading what the yaml package reads', () => {
    const outcome = plan({
      name: 'baseplate.yaml',
      text: 'spokes:\n  - { name: a, addressSpace: 10.1.0.0/16 }\n',
    });
    assert.ok(outcome.ok);
    // azure/ps-rule.yaml is PSRule's options file, its reasons written as comments as PSRule for Azure
    // advises ("Suppression and excluding rules"): the quick reader leaves comments to the yaml package.
    const files = outcome.files.filter((f) => /\.ya?ml$/.test(f.path) && f.path !== 'azure/ps-rule.yaml');
    assert.ok(files.length > 10);
    for (const file of files) assert.deepEqual(quickYaml(file.content), packageRead(file.content), file.path);
  });

  it('reads what the serializer writes as the yaml package does, or leaves it to the package', () => {
    fc.assert(
      fc.property(documents, (values) => {
        const written = toYaml(values);
        const quick = quickYaml(written);
        if (quick !== undefined) assert.deepEqual(quick, packageRead(written));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes nothing the yaml package reads otherwise or refuses: written text with characters put in or taken out', () => {
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom(
        ' ',
        '-',
        '- ',
        ':',
        ': ',
        '#',
        ' #',
        '\n',
        '\n  ',
        '"',
        "'",
        '|',
        '|-',
        '|+',
        '>',
        '---\n',
        '\t',
      ),
      fc.nat({ max: 3 }),
    );
    fc.assert(
      fc.property(documents, fc.array(edit, { minLength: 1, maxLength: 3 }), (values, edits) => {
        let written = toYaml(values);
        for (const [at, insert, remove] of edits) {
          const place = at % (written.length + 1);
          written = written.slice(0, place) + insert + written.slice(place + remove);
        }
        const quick = quickYaml(written);
        if (quick !== undefined) assert.deepEqual(quick, packageRead(written));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves comments, anchors, flow collections, other indentation and merge keys to the package', () => {
    for (const text of [
      'a: 1 # note\n',
      'a: &x 1\nb: *x\n',
      'a: {b: 1}\n',
      'a:\n   b: 1\n',
      'a:\n- 1\n',
      '<<: {a: 1}\n',
      'a: >\n  folded\n',
      'a: "multi\n  line"\n',
      'a: 1\r\n',
      '--- a: 1\n',
      'a: 1\n---\n',
    ])
      assert.equal(quickYaml(text), undefined, JSON.stringify(text));
  });

  it('leaves to the package a quoted key over 1,024 characters as written, which the package refuses', () => {
    for (const text of [
      `"${'k'.repeat(1023)}": 1\n`,
      `"${'\\u0041'.repeat(200)}": 1\n`,
      `'${"''".repeat(600)}': 1\n`,
    ]) {
      assert.equal(quickYaml(text), undefined, text.slice(0, 40));
      assert.equal(packageRead(text), 'error', `the package reads ${text.slice(0, 40)}`);
    }
    const longest = `"${'k'.repeat(1022)}": 1\n`;
    assert.deepEqual(quickYaml(longest), packageRead(longest));
  });

  it('leaves nesting past 200 levels to the package, never running out of stack', () => {
    for (const text of [
      `${'- '.repeat(950)}a\n`,
      `${'- '.repeat(7000)}a\n`,
      `${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}a:\n`).join('')}${'  '.repeat(3000)}b: 1\n`,
    ])
      assert.equal(quickYaml(text), undefined, text.slice(0, 40));
    const deep = `${'- '.repeat(150)}a\n`;
    assert.deepEqual(quickYaml(deep), packageRead(deep));
  });
});
