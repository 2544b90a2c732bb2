/**
 * Every rule's table of cases: the `<name>.cases.js` modules compiled beside the
 * rules (build/src/core/verify/rules/), for the test suite that runs them and for
 * `npm run rule-docs`, which lists them on each rule's page. The CLI never loads
 * them: they are tests, and the bundle leaves them out.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleCases } from '../src/core/verify/rules/cases.js';

/** build/src/core/verify/rules/, from build/scripts/. */
const FOLDER = fileURLToPath(new URL('../src/core/verify/rules/', import.meta.url));

export interface CaseTable {
  /** Where the table is, relative to the rules' folder: `aks/local-accounts.cases.js`. */
  readonly file: string;
  readonly cases: RuleCases;
}

export async function ruleCaseTables(): Promise<readonly CaseTable[]> {
  const files = readdirSync(FOLDER, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.cases.js'))
    .map((file) => file.replace(/\\/g, '/'))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      cases: ((await import(pathToFileURL(join(FOLDER, file)).href)) as { default: RuleCases }).default,
    })),
  );
}
