/** The benchmarks' configurations plan: a refused one would leave `npm run bench` without figures. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manySpokes } from '../bench/configs.js';
import { planOk } from './helpers.js';

describe('bench configurations', () => {
  it('plan with one, several and the most spokes they name, and refuse more', () => {
    for (const count of [1, 3, 101]) {
      const { files } = planOk(manySpokes(count));
      const spokes = files.filter((f) => /^azure\/\d+-cluster-[^.]+\.json$/.test(f.path));
      assert.equal(spokes.length, count, `${count} spokes`);
    }
    assert.throws(() => manySpokes(254), /at most 253 spokes/);
  });
});
