/**
 * Regenerates docs/rules/ from the rules and their tables of cases (`npm run rule-docs`):
 * a page per rule and the index (src/core/verify/rule-help.ts). Pages of rules no
 * longer there are removed.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocFiles } from '../src/core/verify/rule-help.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { ruleCaseTables } from './rule-case-tables.js';

const folder = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
const tables = await ruleCaseTables();
const files = ruleDocFiles(
  RULES,
  tables.map((t) => t.cases),
);
mkdirSync(folder, { recursive: true });
for (const name of readdirSync(folder)) if (!(name in files)) rmSync(join(folder, name));
for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
process.stdout.write(`wrote docs/rules/: ${Object.keys(files).length} files\n`);
