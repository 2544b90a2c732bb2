import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJson } from '../src/core/serialize.js';

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
