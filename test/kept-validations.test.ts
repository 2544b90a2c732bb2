/** Schema checks answered from those kept (src/cli/schemas/kept-validations.ts), through the core's schemaFindings. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SchemaValidators } from '../src/core/index.js';
import { schemaFindings } from '../src/core/verify/schemas.js';
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

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const GOOD = { name: 'azure/good.json', text: JSON.stringify({ $schema: SCHEMA, resources: [] }) };
const BAD = { name: 'azure/bad.json', text: JSON.stringify({ $schema: SCHEMA, resources: [], bad: true }) };
const OBJECT = { name: 'gitops/ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' };

describe('kept schema checks', () => {
  it('do not read again a file this build found valid', () => {
    const first = counting();
    const run = keptValidations({ folder, build: 'one' });
    assert.deepEqual(schemaFindings([GOOD, OBJECT], run.wrap(first.checks)), []);
    assert.deepEqual(first.calls, { templates: 1, objects: 1 });
    run.save();

    const second = counting();
    const again = keptValidations({ folder, build: 'one' }).wrap(second.checks);
    assert.deepEqual(schemaFindings([GOOD, OBJECT], again), []);
    assert.deepEqual(second.calls, { templates: 0, objects: 0 });
    // Another text is read, and so is the same text in the other format.
    schemaFindings([{ name: 'gitops/other.yaml', text: `${OBJECT.text}# changed\n` }], again);
    schemaFindings([{ name: 'azure/ns.json', text: OBJECT.text }], again);
    schemaFindings([{ name: 'azure/good.yaml', text: GOOD.text }], again);
    assert.deepEqual(second.calls, { templates: 0, objects: 1 });
  });

  it('check a file with problems every time, so its messages are the checks’ own', () => {
    const { calls, checks } = counting();
    const run = keptValidations({ folder, build: 'one' });
    const [finding] = schemaFindings([BAD], run.wrap(checks));
    assert.equal(finding?.message, '/bad is unknown');
    run.save();
    const [again] = schemaFindings([BAD], keptValidations({ folder, build: 'one' }).wrap(checks));
    assert.equal(again?.message, '/bad is unknown');
    assert.equal(calls.templates, 2);
  });

  it("never answer from another build's, whose file goes when this build keeps its own", () => {
    const run = keptValidations({ folder, build: 'two' });
    const { calls, checks } = counting();
    schemaFindings([GOOD], run.wrap(checks));
    assert.equal(calls.templates, 1);
    run.save();
    assert.equal(readdirSync(folder).filter((name) => name.startsWith('valid-')).length, 1);
  });

  it('ask which build checks only when a command checks schemas', () => {
    let asked = 0;
    const build = () => ((asked += 1), 'three');
    const idle = keptValidations({ folder, build });
    idle.save();
    assert.equal(asked, 0, 'a command that checks nothing (--help) looks nothing up');
    const run = keptValidations({ folder, build });
    schemaFindings([GOOD], run.wrap(counting().checks));
    run.save();
    assert.equal(asked, 1, 'once a run');
    const { calls, checks } = counting();
    schemaFindings([GOOD], keptValidations({ folder, build }).wrap(checks));
    assert.equal(calls.templates, 0, 'and what it found valid is kept for that build');
  });

  it('keep nothing without a cache folder or a known build', () => {
    for (const options of [
      { folder: undefined, build: 'one' },
      { folder, build: undefined },
      { folder, build: () => undefined },
    ]) {
      const { calls, checks } = counting();
      const run = keptValidations(options);
      schemaFindings([GOOD], run.wrap(checks));
      run.save();
      schemaFindings([GOOD], run.wrap(checks));
      assert.equal(calls.templates, 2);
    }
  });
});
