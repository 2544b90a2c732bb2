/** The official schemas ship with the package, in `schemas/` beside `build/`. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// build/src/cli/schemas/root.js → the package root.
export const schemasRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'schemas');
