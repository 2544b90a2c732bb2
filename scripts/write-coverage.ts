/** Regenerates docs/coverage.md from the coverage table (`npm run coverage`). */
import { writeFileSync } from 'node:fs';
import { coverageMarkdown } from '../src/core/coverage/markdown.js';
import { COVERAGE } from '../src/core/coverage/table.js';
import { RULES } from '../src/core/verify/rules/index.js';

writeFileSync(new URL('../../docs/coverage.md', import.meta.url), coverageMarkdown(COVERAGE, RULES));
process.stdout.write('wrote docs/coverage.md\n');
