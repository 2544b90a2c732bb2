/** Reading a plan's artifacts in tests: files, resolved resources, stages. */
import assert from 'node:assert/strict';
import type { DeploymentOrder, DeploymentOrderStage } from '../src/core/formats/deployment-order.js';
import { DEPLOYMENT_ORDER_PATH } from '../src/core/formats/deployment-order.js';
import type { ResolvedResources } from '../src/core/formats/resources.js';
import { RESOURCES_PATH } from '../src/core/formats/resources.js';
import type { OutputFile } from '../src/core/plan.js';

export type Json = Record<string, unknown>;

/** A written JSON file, read back as its format (src/core/formats) or as plain JSON. */
export function json<T = Json>(files: readonly OutputFile[], path: string): T {
  const found = files.find((f) => f.path === path);
  assert.ok(found, `${path} is written`);
  return JSON.parse(found.content) as T;
}

export function resolved(files: readonly OutputFile[], type: string): Json[] {
  return json<ResolvedResources>(files, RESOURCES_PATH).resources.filter((r) => r.type === type);
}

export function stage(files: readonly OutputFile[], name: string): DeploymentOrderStage {
  const found = json<DeploymentOrder>(files, DEPLOYMENT_ORDER_PATH).stages.find((s) => s.name === name);
  assert.ok(found, `stage ${name}`);
  return found;
}

/** A stage's template (or, with `parameters`, its parameters file). */
export function stageFile(files: readonly OutputFile[], name: string, parameters = false): Json {
  const found = stage(files, name);
  return json(files, `azure/${parameters ? found.parameters : found.template}`);
}
