/**
 * Every template plan writes deploys as it is with its parameters file
 * (`az deployment … --template-file X.json --parameters @X.parameters.json`): the
 * file and the template's defaults give every parameter, and nothing else, each of
 * its declared type. ARM refuses a deployment that leaves a parameter without a
 * value or default, and one that gives a parameter the template does not declare
 * (Learn "Create Resource Manager parameter file": "The parameter file can only
 * contain values for parameters that are defined in the template").
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OutputFile } from '../src/core/plan.js';
import { planOk, repoRoot } from './helpers.js';

type Json = Record<string, unknown>;

const casesRoot = join(repoRoot, 'test', 'cases');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

const CONFIGS: Record<string, string> = {
  ...Object.fromEntries(
    readdirSync(casesRoot)
      .filter((name) => existsSync(join(casesRoot, name, 'baseplate.yaml')))
      .map((name) => [`test/cases/${name}`, readFileSync(join(casesRoot, name, 'baseplate.yaml'), 'utf8')]),
  ),
  'the README example': /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(readme)?.[1] ?? '',
  'a budget': 'cost: { monthlyBudget: 4000 }',
  'a budget with a pinned start': 'cost: { monthlyBudget: 4000, startMonth: 2026-11 }',
};

/** ARM's parameter types (Learn "Parameters in ARM templates", data types) as JSON values. */
function hasType(value: unknown, type: string): boolean {
  switch (type.toLowerCase()) {
    case 'string':
    case 'securestring':
      return typeof value === 'string';
    case 'int':
      return Number.isInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'secureobject':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return false;
  }
}

/** What ARM would refuse in a template deployed with its parameters file, one line each. */
function parameterProblems(files: readonly OutputFile[]): string[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const problems: string[] = [];
  const templates = files.filter((f) => {
    if (!f.path.endsWith('.json') || f.path.endsWith('.parameters.json')) return false;
    const schema = (JSON.parse(f.content) as Json)['$schema'];
    return typeof schema === 'string' && /deploymentTemplate\.json#?$/i.test(schema);
  });
  for (const file of templates) {
    const parametersPath = file.path.replace(/\.json$/, '.parameters.json');
    const text = byPath.get(parametersPath);
    if (text === undefined) {
      problems.push(`${file.path}: no ${parametersPath}`);
      continue;
    }
    const declared = ((JSON.parse(file.content) as Json)['parameters'] ?? {}) as Record<string, Json>;
    const given = ((JSON.parse(text) as Json)['parameters'] ?? {}) as Record<string, Json>;
    for (const [name, parameter] of Object.entries(declared)) {
      const type = String(parameter['type']);
      if (name in given) {
        if (!hasType(given[name]?.['value'], type))
          problems.push(`${parametersPath}: ${name} is not a ${type}: ${JSON.stringify(given[name])}`);
      } else if (parameter['defaultValue'] === undefined) {
        problems.push(`${file.path}: ${name} has neither a value in ${parametersPath} nor a default`);
      }
    }
    for (const name of Object.keys(given))
      if (!(name in declared)) problems.push(`${parametersPath}: ${name} is not a parameter of ${file.path}`);
  }
  for (const path of byPath.keys())
    if (path.endsWith('.parameters.json') && !byPath.has(path.replace(/\.parameters\.json$/, '.json')))
      problems.push(`${path}: no template`);
  return problems;
}

describe('templates deployable with their parameters files as written', () => {
  for (const [label, config] of Object.entries(CONFIGS)) {
    it(`gives every parameter a value or a default: ${label}`, () => {
      const { files } = planOk(config);
      assert.ok(
        files.filter((f) => f.path.endsWith('.parameters.json')).length > 3,
        'the plan writes templates',
      );
      assert.deepEqual(parameterProblems(files), []);
    });
  }

  it('reports a parameter without value or default, one of another type, and one not declared', () => {
    const template = (parameters: Json) =>
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        parameters,
      });
    const values = (parameters: Json) => JSON.stringify({ parameters });
    const files: OutputFile[] = [
      {
        path: 'azure/00-x.json',
        content: template({
          needed: { type: 'string' },
          count: { type: 'int' },
          defaulted: { type: 'string', defaultValue: "[utcNow('yyyy-MM-01')]" },
        }),
      },
      { path: 'azure/00-x.parameters.json', content: values({ count: { value: '3' }, extra: { value: 1 } }) },
      { path: 'azure/01-y.json', content: template({}) },
      { path: 'azure/02-z.parameters.json', content: values({}) },
    ];
    assert.deepEqual(parameterProblems(files), [
      'azure/00-x.json: needed has neither a value in azure/00-x.parameters.json nor a default',
      'azure/00-x.parameters.json: count is not a int: {"value":"3"}',
      'azure/00-x.parameters.json: extra is not a parameter of azure/00-x.json',
      'azure/01-y.json: no azure/01-y.parameters.json',
      'azure/02-z.parameters.json: no template',
    ]);
  });
});
