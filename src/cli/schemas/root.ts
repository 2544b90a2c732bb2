/** The official schemas ship with the package, in `schemas/` at its root. */
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export const schemasRoot = join(PACKAGE_ROOT, 'schemas');
