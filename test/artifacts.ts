/** Reading a plan's artifacts in tests: files, resolved resources, stages. */
import assert from 'node:assert/strict';
import type { OutputFile } from '../src/core/plan.js';

export type Json = Record<string, unknown>;

export function json(files: readonly OutputFile[], path: string): Json {
  const found = files.find((f) => f.path === path);
  assert.ok(found, `${path} is written`);
  return JSON.parse(found.content) as Json;
}

export function resolved(files: readonly OutputFile[], type: string): Json[] {
  return (json(files, 'azure/resources.json')['resources'] as Json[]).filter((r) => r['type'] === type);
}

export interface OrderedStage {
  name: string;
  template: string;
  parameters: string;
  dependsOn: string[];
  outputs: string[];
  consumes: Array<{ parameter: string; stage: string; output: string }>;
  owner: string;
  appliedBy: string;
  roles: Array<{ role: string; scope: string; why: string }>;
  prerequisites?: string[];
}

export function stage(files: readonly OutputFile[], name: string): OrderedStage {
  const found = (json(files, 'azure/deployment-order.json')['stages'] as OrderedStage[]).find(
    (s) => s.name === name,
  );
  assert.ok(found, `stage ${name}`);
  return found;
}

/** A stage's template (or, with `parameters`, its parameters file). */
export function stageFile(files: readonly OutputFile[], name: string, parameters = false): Json {
  const found = stage(files, name);
  return json(files, `azure/${parameters ? found.parameters : found.template}`);
}
