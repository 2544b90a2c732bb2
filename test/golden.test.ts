/**
 * The contract of `plan`: for each folder of test/cases/ with a baseplate.yaml,
 * the files it writes are byte for byte those in expected/. UPDATE_GOLDEN=1
 * rewrites them; review the diff like code.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { plan } from '../src/core/plan.js';
import { assertGolden, repoRoot } from './helpers.js';

const casesRoot = join(repoRoot, 'test', 'cases');
const cases = readdirSync(casesRoot).filter((name) => existsSync(join(casesRoot, name, 'baseplate.yaml')));

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

describe('plan output (golden)', () => {
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(casesRoot, name, 'baseplate.yaml'), 'utf8');
      const outcome = plan({ name: 'baseplate.yaml', text });
      assert.ok(outcome.ok, outcome.ok ? '' : JSON.stringify(outcome.diagnostics, null, 1));
      // Rewriting starts from nothing, so files plan no longer writes do not linger.
      if (process.env['UPDATE_GOLDEN'] === '1')
        rmSync(join(casesRoot, name, 'expected'), { recursive: true, force: true });
      for (const file of outcome.files)
        assertGolden(`test/cases/${name}/expected/${file.path}`, file.content);
      if (process.env['UPDATE_GOLDEN'] !== '1') {
        const expected = filesUnder(join(casesRoot, name, 'expected'));
        assert.deepEqual(
          expected,
          outcome.files.map((f) => f.path).sort(),
          'expected/ holds files plan no longer writes',
        );
      }
    });
  }
});
