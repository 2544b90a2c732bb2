/** Schema checks answered from those kept (src/cli/schemas/kept-validations.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SchemaValidators } from '../src/core/index.js';
import { keptValidations } from '../src/cli/schemas/kept-validations.js';

const folder = mkdtempSync(join(tmpdir(), 'baseplate-kept-validations-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Checks that count their calls: a template is valid unless it has `bad`. */
function counting() {
  const calls = { templates: 0, objects: 0 };
  const checks: SchemaValidators = {
    template: (template) => ((calls.templates += 1), 'bad' in template ? ['/bad is unknown'] : []),
    object: () => ((calls.objects += 1), []),
  };
  return { calls, checks };
}

const GOOD = { $schema: 'x', resources: [] };
const BAD = { $schema: 'x', resources: [], bad: true };

describe('kept schema checks', () => {
  it('answer an input found valid by the same build without checking it again', () => {
    const first = counting();
    const run = keptValidations({ folder, build: 'one' });
    const checks = run.wrap(first.checks);
    assert.deepEqual(checks.template(GOOD, 'resourceGroup'), []);
    assert.deepEqual(checks.object({ kind: 'Namespace' }), []);
    run.save();

    const second = counting();
    const again = keptValidations({ folder, build: 'one' }).wrap(second.checks);
    assert.deepEqual(again.template(GOOD, 'resourceGroup'), []);
    assert.deepEqual(again.object({ kind: 'Namespace' }), []);
    assert.deepEqual(second.calls, { templates: 0, objects: 0 });
    // Another scope, or another object, is checked.
    again.template(GOOD, 'subscription');
    again.object({ kind: 'Service' });
    assert.deepEqual(second.calls, { templates: 1, objects: 1 });
  });

  it('check an input with problems every time, so its messages are the checks’ own', () => {
    const run = keptValidations({ folder, build: 'one' });
    const { calls, checks } = counting();
    const wrapped = run.wrap(checks);
    assert.deepEqual(wrapped.template(BAD, 'resourceGroup'), ['/bad is unknown']);
    run.save();
    assert.deepEqual(keptValidations({ folder, build: 'one' }).wrap(checks).template(BAD, 'resourceGroup'), [
      '/bad is unknown',
    ]);
    assert.equal(calls.templates, 2);
  });

  it("never answer from another build's, whose file goes when this build keeps its own", () => {
    const run = keptValidations({ folder, build: 'two' });
    const { calls, checks } = counting();
    run.wrap(checks).template(GOOD, 'resourceGroup');
    assert.equal(calls.templates, 1);
    run.save();
    assert.equal(readdirSync(folder).filter((name) => name.startsWith('valid-')).length, 1);
  });

  it('keep nothing without a cache folder or a known build', () => {
    for (const options of [
      { folder: undefined, build: 'one' },
      { folder, build: undefined },
    ]) {
      const { calls, checks } = counting();
      const run = keptValidations(options);
      run.wrap(checks).template(GOOD, 'resourceGroup');
      run.save();
      run.wrap(checks).template(GOOD, 'resourceGroup');
      assert.equal(calls.templates, 2);
    }
  });
});
