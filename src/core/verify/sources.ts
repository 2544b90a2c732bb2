/**
 * `verify` of files, as one step: the inventory, the schema findings and the
 * rules. `plan` (on the files it writes), the `verify` command (on the files it
 * is given) and the web page (through `plan`) all call this one function, so
 * the same files give the same findings everywhere.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { GivenParameter, Inventory, Source } from './inventory.js';
import { inventoryFrom } from './inventory.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';
import type { SchemaValidators } from './schemas.js';
import { schemaFindings } from './schemas.js';
import type { Suppression } from './suppressions.js';
import type { Verification } from './verify.js';
import { verify } from './verify.js';

/**
 * The files of a folder that `verify` reads: JSON and YAML (and Bicep, to say
 * it was not checked), nothing hidden (no segment starting with `.`) and
 * nothing under node_modules.
 */
export function isVerifiable(path: string): boolean {
  return (
    /\.(json|ya?ml|bicep)$/i.test(path) &&
    path.split('/').every((segment) => !segment.startsWith('.') && segment !== 'node_modules')
  );
}

export interface SourcesOptions {
  /** The schema checks; without them only the rules run. */
  readonly schemas?: SchemaValidators;
  readonly rules?: readonly Rule[];
  readonly suppressions?: readonly Suppression[];
  /** Inputs the shell could not read (a missing path, say), reported first. */
  readonly problems?: readonly Diagnostic[];
  /** The inventory of these sources, when the caller read it already (`plan` draws its diagram from it first). */
  readonly inventory?: Inventory;
  /** Template parameter values given (`verify --parameters`). */
  readonly parameters?: readonly GivenParameter[];
}

export interface SourcesVerification {
  readonly inventory: Inventory;
  readonly verification: Verification;
}

export function verifySources(sources: readonly Source[], options: SourcesOptions = {}): SourcesVerification {
  const inventory = options.inventory ?? inventoryFrom(sources, { parameters: options.parameters });
  const schemas = options.schemas ? schemaFindings(sources, options.schemas) : [];
  const verification = verify(
    { ...inventory, problems: [...(options.problems ?? []), ...inventory.problems, ...schemas] },
    options.rules ?? RULES,
    options.suppressions ?? [],
  );
  return { inventory, verification };
}
