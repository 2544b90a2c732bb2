// Runs every compiled test file with Node's test runner. Node 20 takes no globs
// on --test, so the files are listed here; the same command works on Node 24.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../build/test/', import.meta.url).pathname;
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.js'))
  .filter((file) => process.argv.length <= 2 || process.argv.slice(2).some((name) => file.includes(name)))
  .sort()
  .map((file) => join(root, file));
if (files.length === 0) {
  process.stderr.write('no test files found\n');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
