import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { exitCodeFor, ExitCode } from '../src/cli/exit-codes.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import { runCli } from './support/cli.js';

const diagnostic = (kind: Diagnostic['kind'], severity: Diagnostic['severity']): Diagnostic => ({
  code: 'x',
  kind,
  severity,
  message: 'm',
});

describe('exit codes follow the diagnostics, never their text', () => {
  it('0 with nothing, or only warnings and notes', () => {
    assert.equal(exitCodeFor([]), ExitCode.ok);
    assert.equal(exitCodeFor([diagnostic('finding', 'warning'), diagnostic('input', 'info')]), 0);
  });

  it('1 for an error finding', () => {
    assert.equal(exitCodeFor([diagnostic('finding', 'error'), diagnostic('finding', 'warning')]), 1);
  });

  it('2 for bad input, even alongside error findings', () => {
    assert.equal(exitCodeFor([diagnostic('finding', 'error'), diagnostic('input', 'error')]), 2);
  });
});

describe('an internal error', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Runs `body` with a bug in writeFile: its `nth` call throws a TypeError (not a usage error). */
  /**
   * Runs `body` with the nth write throwing a TypeError, as a bug would: through
   * Node's synchronous writeFileSync (the output folder, src/cli/output.ts) or the
   * promises API's writeFile (init).
   */
  async function withBrokenWrite<T>(nth: number, body: () => Promise<T>): Promise<T> {
    let calls = 0;
    const breaking =
      <A extends unknown[], R>(original: (...args: A) => R) =>
      (...args: A): R => {
        calls += 1;
        if (calls === nth) throw new TypeError('simulated bug');
        return original(...args);
      };
    const sync = mock.method(fs, 'writeFileSync', breaking(fs.writeFileSync));
    const promised = mock.method(fsPromises, 'writeFile', breaking(fsPromises.writeFile));
    // The CLI's modules import writeFile by name: their bindings follow the module object only so.
    syncBuiltinESMExports();
    try {
      return await body();
    } finally {
      sync.mock.restore();
      promised.mock.restore();
      syncBuiltinESMExports();
    }
  }

  it('exits with 70 from run() itself, asks for a report with the trace, and leaves nothing half-written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-internal-'));
    dirs.push(dir);
    assert.equal((await runCli(['plan'], { cwd: dir })).code, ExitCode.ok);
    const before = readFileSync(join(dir, 'out', 'azure', 'deployment-order.json'), 'utf8');
    const listing = readdirSync(join(dir, 'out'), { recursive: true }).sort();

    // The fifth file fails: four are written to the staging folder by then.
    const run = await withBrokenWrite(5, () => runCli(['plan'], { cwd: dir }));
    assert.equal(run.code, 70);
    assert.equal(run.code, ExitCode.internal);
    assert.match(
      run.stderr,
      /^baseplate: internal error \(exit code 70\), a bug in Baseplate; please report it \(how and where: "Reporting a bug" in \S+README\.md\) with the command you ran and this trace:\nTypeError: simulated bug\n {4}at /,
    );
    const readme = /in (\S+README\.md)\)/.exec(run.stderr)?.[1] ?? '';
    assert.match(
      readFileSync(readme, 'utf8'),
      /^## Reporting a bug\n/m,
      'the message names where to read how',
    );
    assert.equal(run.stdout, '');
    assert.deepEqual(readdirSync(dir), ['out'], 'no staging folder is left');
    assert.deepEqual(readdirSync(join(dir, 'out'), { recursive: true }).sort(), listing);
    assert.equal(readFileSync(join(dir, 'out', 'azure', 'deployment-order.json'), 'utf8'), before);

    const fresh = await withBrokenWrite(5, () => runCli(['plan', '--out', 'fresh'], { cwd: dir }));
    assert.equal(fresh.code, 70);
    assert.deepEqual(readdirSync(dir), ['out'], 'a new output folder is not created half-way');
  });

  it('is told apart from a usage error, which exits with 2 and no trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-internal-'));
    dirs.push(dir);
    // init reports a file it cannot write as the user's problem (a folder that does not exist).
    const usage = await runCli(['init', '--out', 'missing/baseplate.yaml'], { cwd: dir });
    assert.equal(usage.code, ExitCode.usage);
    assert.equal(usage.stderr, 'baseplate: missing/baseplate.yaml: cannot be written (ENOENT).\n');
    const bug = await withBrokenWrite(1, () => runCli(['init'], { cwd: dir }));
    assert.equal(bug.code, ExitCode.internal);
    assert.match(bug.stderr, /internal error \(exit code 70\)[^]*TypeError: simulated bug/);
  });
});
