/**
 * The schema checks the CLI hands the core's verification (`plan` and
 * `verify` alike): the vendored ARM schemas (./arm.ts) and the Kubernetes
 * schemas and CRDs (./kubernetes.ts).
 */
import type { SchemaValidators } from '../../core/index.js';
import { validateTemplate } from './arm.js';
import { validateObject } from './kubernetes.js';

export const schemaValidators: SchemaValidators = {
  template: (template, scope) => validateTemplate(template, scope),
  object: (object) => validateObject(object),
};
