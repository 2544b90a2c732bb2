/** Rewrites the list of covered ARM types in schemas/README.md from schemas/arm/ (`npm run schemas-readme`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { armCatalog, DOCUMENTED } from '../src/cli/schemas/arm-schemas.js';
import { armCoverageTable, withCoverageTable } from '../src/cli/schemas/schema-coverage.js';

const file = new URL('../../schemas/README.md', import.meta.url);
const table = armCoverageTable(armCatalog, Object.keys(DOCUMENTED));
writeFileSync(file, withCoverageTable(readFileSync(file, 'utf8'), table));
process.stdout.write('wrote schemas/README.md\n');
