/**
 * Validates ARM templates and resources offline against the vendored official
 * schemas (schemas/arm/), made strict: unknown property names are refused
 * (./arm-schemas.ts). The validators are the build's, generated ahead of time
 * (./generated.ts), or compiled here on first use when there are none; the
 * checking itself is src/shared/schema-checks/arm.ts, which the web page runs too.
 */
import { armChecks } from '../../shared/schema-checks/arm.js';
import type { ArmCompiler } from './arm-schemas.js';
import { armCatalog, armCompiler, DOCUMENTED } from './arm-schemas.js';
import { generatedValidator } from './generated.js';

export type { Scope } from './arm-schemas.js';

let compiler: ArmCompiler | undefined;

export const { validateResource, validateTemplate } = armChecks({
  catalog: armCatalog,
  documented: new Set(Object.keys(DOCUMENTED)),
  validator: (key) => generatedValidator('arm', key) ?? (compiler ??= armCompiler()).compile(key),
});
