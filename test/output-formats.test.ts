/**
 * The formats of the files Baseplate writes (src/core/formats) and their JSON
 * Schemas in schemas/output/: every written file of the default plan, a
 * multi-spoke plan and an existing hub's validates against its schema, each
 * schema refuses what drifts from it, and the typed values `plan` returns are
 * what it wrote.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { OUTPUT_SCHEMAS } from '../src/core/formats/index.js';
import { pricesJsonSchema } from '../src/core/formats/cost.js';
import { markedFiles, OUTPUT_MARKER_PATH, outputTail } from '../src/core/report/report-files.js';
import { toJson } from '../src/core/serialize.js';
import { planOk, repoRoot } from './helpers.js';

type Json = Record<string, unknown>;

const folder = join(repoRoot, 'schemas', 'output');
// Strict, so that a keyword misspelt in a schema is an error; union types are standard JSON Schema.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>(
  OUTPUT_SCHEMAS.map(({ schema }) => [
    schema,
    ajv.compile(JSON.parse(readFileSync(join(folder, `${schema}.schema.json`), 'utf8')) as object),
  ]),
);
const validator = (schema: string) => validators.get(schema)!;
/** Each error with its parameters: the property that is unknown or missing. */
const problems = (validate: ValidateFunction) =>
  (validate.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');

const CASES = ['default', 'two-spokes', 'existing-hub'];
const planned = new Map(
  CASES.map((name) => [
    name,
    planOk(readFileSync(join(repoRoot, 'test', 'cases', name, 'baseplate.yaml'), 'utf8')),
  ]),
);
const written = (name: string, path: string): Json =>
  JSON.parse(planned.get(name)!.files.find((f) => f.path === path)!.content) as Json;

describe('the formats of the written files', () => {
  it('has a schema for each format, and no schema without a format', () => {
    assert.deepEqual(
      readdirSync(folder).sort(),
      OUTPUT_SCHEMAS.map(({ schema }) => `${schema}.schema.json`).sort(),
    );
  });

  for (const name of CASES) {
    it(`${name}: every file with a schema validates against it`, () => {
      const outcome = planned.get(name)!;
      for (const { path, schema } of OUTPUT_SCHEMAS) {
        assert.ok(
          outcome.files.some((f) => f.path === path),
          `${path} is written`,
        );
        const validate = validator(schema);
        assert.ok(
          validate(written(name, path)),
          `${path} drifted from schemas/output/${schema}.schema.json (change both together):\n${problems(validate)}`,
        );
      }
    });
  }

  it('refuses a file that drifts from its format: a key unknown, or one missing', () => {
    for (const { path, schema } of OUTPUT_SCHEMAS) {
      const file = written('default', path);
      const validate = validator(schema);
      assert.equal(validate({ ...file, extra: 1 }), false, `${path} with an unknown key`);
      const [first] = Object.keys(file);
      const { [first!]: _dropped, ...missing } = file;
      assert.equal(validate(missing), false, `${path} without ${first}`);
    }
    // Deeper: a stage without its template, a finding with a severity of its own, a cost total as text.
    const order = written('default', 'azure/deployment-order.json') as { stages: Json[] };
    const { template: _template, ...stage } = order.stages[0]!;
    assert.equal(validator('deployment-order')({ stages: [stage] }), false);
    const findings = written('default', 'report/findings.json') as { findings: Json[] };
    const finding = { ...findings.findings[0]!, severity: 'fatal' };
    assert.equal(validator('findings')({ ...findings, findings: [finding] }), false);
    assert.equal(validator('cost')({ ...written('default', 'report/cost.json'), total: '12.00' }), false);
  });

  it('publishes the price table schema made from the zod schema that reads --prices (npm run schema)', () => {
    assert.equal(readFileSync(join(folder, 'prices.schema.json'), 'utf8'), toJson(pricesJsonSchema()));
  });

  it('returns from plan the typed values it wrote', () => {
    for (const name of CASES) {
      const outcome = planned.get(name)!;
      const file = (path: string) => outcome.files.find((f) => f.path === path)!.content;
      assert.equal(toJson(outcome.deploymentOrder), file('azure/deployment-order.json'));
      assert.equal(toJson(outcome.findings), file('report/findings.json'));
      assert.equal(toJson(outcome.cost), file('report/cost.json'));
      assert.equal(toJson(outcome.prices), file('report/prices.json'));
      assert.equal(toJson(outcome.design.ipPlan), file('report/ip-plan.json'));
      assert.equal(toJson({ resources: outcome.resources }), file('azure/resources.json'));
      const manifests = outcome.files.filter((f) => /^gitops\/.*\.yaml$/.test(f.path));
      assert.ok(manifests.length > 0);
      for (const { path } of manifests.filter((f) => !f.path.endsWith('kustomization.yaml')))
        assert.ok(
          outcome.manifests.some((m) => m.source === path),
          `${path}: its objects are among the manifests`,
        );
    }
  });
});

describe("the output's tail, shared by `plan --out` and the web page", () => {
  it('is the report on the laid-out diagram, then the marker listing every file', () => {
    const outcome = planned.get('default')!;
    const tail = outputTail(outcome, '<svg/>');
    assert.deepEqual(
      tail.map((f) => f.path),
      ['report/diagram.svg', 'report/report.html', OUTPUT_MARKER_PATH],
    );
    assert.deepEqual(
      [...(markedFiles(tail.at(-1)!.content) ?? [])].sort(),
      [...outcome.files, ...tail.slice(0, -1)].map((f) => f.path).sort(),
    );
  });
});
