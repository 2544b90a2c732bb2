/**
 * The page's schema checks, handed to the core's verification as the CLI's are
 * (src/cli/schemas/validators.ts), so the page and `plan` report the same
 * findings: the same checking (src/shared/schema-checks/) over the same
 * generated validators and the same table of built-in kinds, bundled for what
 * Baseplate writes (the page verifies nothing else).
 */
import type { ValidateFunction } from 'ajv';
import { arm, catalog, crds, documented, kinds } from 'baseplate:schema-validators';
import type { SchemaValidators } from '../core/index.js';
import type { ArmCatalog } from '../shared/schema-checks/arm.js';
import { armChecks } from '../shared/schema-checks/arm.js';
import { kubernetesChecks } from '../shared/schema-checks/kubernetes.js';

/** A generated module: Ajv's standalone code exports the validator. */
const validatorOf = (load: (() => unknown) | undefined): ValidateFunction | undefined =>
  load === undefined ? undefined : (load() as ValidateFunction);

const armCheck = armChecks({
  catalog: catalog as ArmCatalog,
  documented: new Set(documented),
  validator: (key) => {
    const validate = validatorOf(arm[key]);
    if (!validate) throw new Error(`the page bundles no schema ${key}`);
    return validate;
  },
});

const kubernetesCheck = kubernetesChecks({
  crd: (key) => validatorOf(crds[key]),
  builtIns: new Map(Object.entries(kinds)),
});

export const schemaValidators: SchemaValidators = {
  template: (template, scope) => armCheck.validateTemplate(template, scope),
  object: (object) => kubernetesCheck.validateObject(object),
};
