import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { canonicalize, ITSELF, toJson, toJsonList, toJsonStanding, toYaml } from '../src/core/serialize.js';
import { plainData } from './support/plain-data.js';

describe('the canonical serializer', () => {
  it('puts header keys first and sorts the rest, at every depth', () => {
    const text = toJson({ zeta: 1, name: 'n', alpha: { b: 1, a: 2 }, type: 't', $schema: 's' });
    assert.equal(
      text,
      '{\n  "$schema": "s",\n  "type": "t",\n  "name": "n",\n  "alpha": {\n    "a": 2,\n    "b": 1\n  },\n  "zeta": 1\n}\n',
    );
  });

  it('gives the same bytes whatever order the keys were built in', () => {
    assert.equal(toJson({ a: 1, b: [{ y: 1, x: 2 }] }), toJson({ b: [{ x: 2, y: 1 }], a: 1 }));
  });

  it('drops undefined properties', () => {
    assert.equal(toJson({ a: undefined, b: 1 }), '{\n  "b": 1\n}\n');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    assert.throws(() => toJson({ when: new Date(0) }), /plain objects/);
    assert.throws(() => toJson({ n: Number.NaN }), /not a JSON number/);
    assert.throws(() => toJson([1, undefined]), /undefined in an array/);
    assert.throws(() => toJson({ f: () => 1 }), /function cannot be serialized/);
  });
});

/** Strings that exercise the YAML writer's choices: indicators, quotes, line breaks, look-alikes of other types. */
const awkward = [
  ...['yes', 'no', 'on', 'off', 'true', 'null', '~', '---', '...', '<<', '0x1F', '0o17', '012', '1_000'],
  ...[
    '1:20',
    '1e3',
    '.5',
    '.inf',
    '2024-01-02',
    '',
    ' ',
    '- ',
    '-',
    '?',
    'a: b',
    'a #b',
    'x\n',
    '\n',
    '\n\n',
  ],
  ...['a\n b', ' a\nb', 'a\n\n', 'a \nb', '---\nx', '%x\ny', 'a\n---\nb', '\t', '\r', '\u0000', '\u0085'],
  ...[
    '\u00a0',
    '\u2028',
    '\ud800',
    "'",
    '"',
    '\\',
    '#',
    '&',
    '*',
    '!',
    '|',
    '>',
    '[',
    ']',
    '{',
    '}',
    ',',
    '`',
  ],
];
const text = fc.oneof(
  fc
    .array(fc.constantFrom(...awkward, 'a', 'Z', '0', '9', ':', '.', 'é', '/'), { maxLength: 8 })
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const key = fc.oneof(
  text,
  fc.constantFrom('0', '1', '10', '01', '-1', '__proto__', 'name', 'kind', 'apiVersion', '$schema', 'on'),
);
const data = plainData({ text, key, undefinedValues: true, maxItems: 4, maxKeys: 5 });

describe('the serializer writes what the canonical copy reads as', () => {
  // The writers go over the value once; the canonical copy, through JSON.stringify and the yaml package, is the reference.
  it('JSON: the bytes of JSON.stringify of the canonical copy', () => {
    fc.assert(
      fc.property(data.node, (value) => {
        assert.equal(toJson(value), `${JSON.stringify(canonicalize(value), null, 2)}\n`);
      }),
      { numRuns: 3000 },
    );
  });

  it('a list written an item at a time: the bytes of the whole, and its refusals', () => {
    fc.assert(
      fc.property(key, fc.array(data.node, { maxLength: 4 }), (name, items) => {
        assert.equal(toJsonList(name, items), toJson({ [name]: items }));
        assert.equal(toJsonList(name, items.values()), toJson({ [name]: items }));
      }),
      { numRuns: 1000 },
    );
    // Longer than a chunk: written a few items at a time, the same bytes.
    const long = Array.from({ length: 150 }, (_, i) => ({
      name: `r${i}`,
      properties: { i, list: [i, { x: 'y' }] },
    }));
    assert.equal(toJsonList('resources', long.values()), toJson({ resources: long }));
    assert.equal(toJsonList('resources', long.slice(0, 64)), toJson({ resources: long.slice(0, 64) }));
    assert.throws(
      () => toJsonList('resources', [...long, undefined]),
      /\$\.resources\[150\]: undefined in an array/,
    );
    assert.throws(
      () => toJsonList('resources', [{ a: 1 }, undefined, { b: 2 }]),
      /\$\.resources\[1\]: undefined in an array/,
    );
    assert.throws(() => toJsonList('resources', [{ a: 1 }, { when: new Date(0) }]), /plain objects/);
    // A hole is no refusal: the canonical way writes it as null, with every item after it.
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    const holey = [{ a: [1, , 3] }, { b: 2 }];
    assert.equal(toJsonList('resources', holey.values()), toJson({ resources: holey }));
  });

  it('a value with nodes standing for others: the bytes of the value with them replaced', () => {
    // A node { $v: x } stands for x, as an ARM expression stands for its text.
    const stand = (node: object) => ('$v' in node ? (node as { $v: unknown }).$v : ITSELF);
    const replaced = (value: unknown): unknown => {
      if (typeof value !== 'object' || value === null) return value;
      if ('$v' in value) return (value as { $v: unknown }).$v;
      if (Array.isArray(value)) return value.map(replaced);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(v)]));
    };
    const standing = fc.letrec<{ node: unknown; marked: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        data.scalar,
        tie('marked'),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
      marked: fc.record({ $v: fc.oneof(data.scalar, fc.array(data.scalar, { maxLength: 2 })) }),
    }));
    fc.assert(
      fc.property(standing.node, fc.array(standing.node, { maxLength: 3 }), (value, items) => {
        assert.equal(
          toJsonStanding(value, stand, () => replaced(value)),
          toJson(replaced(value)),
        );
        assert.equal(
          toJsonList('items', items, { stand, whole: replaced }),
          toJson({ items: items.map(replaced) }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('YAML: the bytes of the yaml package (YAML 1.1, no folding) for the canonical copy', () => {
    const options = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;
    fc.assert(
      fc.property(fc.array(fc.oneof(data.map, data.list), { minLength: 1, maxLength: 3 }), (documents) => {
        assert.equal(
          toYaml(documents),
          documents.map((document) => stringify(canonicalize(document), options)).join('---\n'),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('YAML: a key past 1,024 characters, a scalar document and a class instance go the canonical way', () => {
    const long = 'k'.repeat(1100);
    assert.equal(toYaml([{ [long]: 1 }]), stringify({ [long]: 1 }, { version: '1.1', lineWidth: 0 }));
    assert.equal(toYaml(['text']), 'text\n');
    assert.throws(() => toYaml([{ when: new Date(0) }]), /plain objects/);
  });
});
