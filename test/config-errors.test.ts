/**
 * The contract for bad input: every broken configuration in test/cases/errors/
 * gives exactly the messages in its .txt file (file, line, column, field, the
 * bad value, the fix). UPDATE_GOLDEN=1 rewrites them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../src/core/diagnostics.js';
import { plan } from '../src/core/plan.js';
import { assertGolden, repoRoot } from './helpers.js';

const folder = join(repoRoot, 'test', 'cases', 'errors');
const cases = readdirSync(folder)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

describe('configuration errors', () => {
  for (const file of cases) {
    it(file.replace(/\.yaml$/, '').replaceAll('-', ' '), () => {
      const name = file.replace(/\.yaml$/, '');
      const outcome = plan({ name: file, text: readFileSync(join(folder, file), 'utf8') });
      assert.equal(outcome.ok, false, `${file} was accepted`);
      const diagnostics = outcome.ok ? [] : outcome.diagnostics;
      for (const d of diagnostics) {
        assert.equal(d.kind, 'input');
        assert.ok(d.position, `${d.code} has no position`);
      }
      assert.ok(diagnostics.some((d) => d.severity === 'error'));
      assertGolden(`test/cases/errors/${name}.txt`, `${diagnostics.map(formatDiagnostic).join('\n')}\n`);
    });
  }
});
