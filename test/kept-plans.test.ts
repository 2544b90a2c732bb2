/**
 * Whole plans kept for the next run (src/cli/kept-plans.ts): a plan run again on
 * the same inputs writes the same bytes and says the same, without planning; any
 * input changed, a kept file damaged, or another build plans again.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DiagramLayouts } from '../src/cli/diagram/layout.js';
import { startLayout } from '../src/cli/diagram/layout.js';
import { keptPlans } from '../src/cli/kept-plans.js';
import { run } from '../src/cli/main.js';
import type { CliRun } from './support/cli.js';
import { startCli } from './support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'baseplate-kept-plans-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `folder`, by path, as text. */
function filesIn(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(relative(folder, path), readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  return found;
}

/** A workspace and a cache, and `baseplate` run in it with the cache kept by `build`; each run's plans counted. */
function workspace(name: string) {
  const dir = join(root, name);
  const cache = join(root, `${name}-cache`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(cache, { recursive: true });
  const planned = { count: 0 };
  // The layout is asked for by each plan that plans: the count of plans.
  const layouts: DiagramLayouts = {
    forPlan() {
      planned.count += 1;
      return startLayout();
    },
  };
  const baseplate = (
    args: readonly string[],
    build: string | null = 'build-1',
    now = new Date('2026-12-07T12:00:00Z'),
  ) =>
    startCli(args, { cwd: dir, now: () => now }, (argv, io) =>
      run(argv, io, {
        layouts,
        // null: no cache at all, as the tests' runs have.
        ...(build === null ? {} : { plans: keptPlans({ folder: cache, build: () => build })! }),
      }),
    ).done;
  return { dir, cache, planned, baseplate };
}

const same = (a: CliRun, b: CliRun) => {
  assert.equal(b.code, a.code);
  assert.equal(b.stdout, a.stdout);
  assert.equal(b.stderr, a.stderr);
};

describe('a plan kept whole for the next run', () => {
  it('is written and told again, byte for byte, without planning, for the same inputs', async () => {
    const { dir, planned, baseplate } = workspace('again');
    writeFileSync(join(dir, 'baseplate.yaml'), 'spokes: [{ name: "00", addressSpace: 10.240.0.0/16 }]\n');
    const first = await baseplate(['plan', '--out', 'out']);
    assert.equal(first.code, 0, first.stderr);
    const written = filesIn(join(dir, 'out'));
    const again = await baseplate(['plan', '--out', 'out']);
    same(first, again);
    assert.deepEqual(filesIn(join(dir, 'out')), written);
    assert.equal(planned.count, 1, 'planned once');
    // Every format tells what it told the first time.
    const json = await baseplate(['plan', '--out', 'out', '-o', 'json']);
    assert.equal(JSON.parse(json.stdout).summary.files.length, written.size - 1);
    assert.equal(planned.count, 1, 'the JSON from the kept plan too');
  });

  it('tells, in every format and with --verbose, what a plan with no cache tells', async () => {
    const { dir, planned, baseplate } = workspace('formats');
    writeFileSync(join(dir, 'baseplate.yaml'), 'spokes: [{ name: "00", addressSpace: 10.240.0.0/16 }]\n');
    for (const format of ['table', 'json', 'yaml', 'sarif']) {
      const args = ['--verbose', 'plan', '--out', 'out', '-o', format];
      const fresh = await baseplate(args, null);
      await baseplate(args);
      const before = planned.count;
      const kept = await baseplate(args);
      assert.equal(planned.count, before, `${format}: kept`);
      assert.equal(kept.code, fresh.code);
      assert.equal(kept.stdout, fresh.stdout, format);
      // --verbose says, besides, that the plan was kept.
      const said = (text: string) =>
        text
          .split('\n')
          .filter((line) => !/same inputs as a plan kept/.test(line))
          .join('\n');
      assert.match(kept.stderr, /the same inputs as a plan kept from an earlier run/);
      assert.equal(said(kept.stderr), said(fresh.stderr), format);
    }
  });

  it('plans again when an input changes: the text, the folder, the date, the prices or the build', async () => {
    const { dir, planned, baseplate } = workspace('changes');
    writeFileSync(join(dir, 'baseplate.yaml'), 'spokes: [{ name: "00", addressSpace: 10.240.0.0/16 }]\n');
    await baseplate(['plan', '--out', 'out']);
    assert.equal(planned.count, 1);
    writeFileSync(
      join(dir, 'baseplate.yaml'),
      '# a comment\nspokes: [{ name: "00", addressSpace: 10.240.0.0/16 }]\n',
    );
    await baseplate(['plan', '--out', 'out']);
    assert.equal(planned.count, 2, 'another text');
    const other = await baseplate(['plan', '--out', 'other']);
    assert.equal(planned.count, 3, 'another folder, which the summary names');
    assert.match(other.stdout, /Wrote \d+ files to other\n/);
    await baseplate(['plan', '--out', 'out'], 'build-1', new Date('2026-12-08T12:00:00Z'));
    assert.equal(planned.count, 4, 'another date, which the report gives');
    assert.match(readFileSync(join(dir, 'out', 'report', 'report.html'), 'utf8'), /2026-12-08/);
    writeFileSync(join(dir, 'prices.json'), readFileSync(join(dir, 'out', 'report', 'prices.json')));
    await baseplate(['plan', '--out', 'out', '--prices', 'prices.json']);
    assert.equal(planned.count, 5, 'a price table given');
    await baseplate(['plan', '--out', 'out'], 'build-2');
    assert.equal(planned.count, 6, 'another build');
    writeFileSync(join(dir, 'same.yaml'), readFileSync(join(dir, 'baseplate.yaml')));
    await baseplate(['plan', '--config', 'same.yaml', '--out', 'out']);
    assert.equal(planned.count, 7, 'the same text under another name, which its messages give');
    const table = JSON.parse(readFileSync(join(dir, 'prices.json'), 'utf8')) as { date: string };
    writeFileSync(join(dir, 'prices.json'), JSON.stringify({ ...table, date: '2026-10' }));
    const cheaper = await baseplate(['plan', '--out', 'out', '--prices', 'prices.json']);
    assert.equal(planned.count, 8, 'another price table under the same name');
    assert.match(cheaper.stdout, /prices of 2026-10/);
  });

  it('plans again over a kept file cut short or of another shape, and keeps the error findings exit code', async () => {
    const { dir, cache, planned, baseplate } = workspace('damaged');
    // An error finding: exit code 1, kept as such.
    writeFileSync(
      join(dir, 'baseplate.yaml'),
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { authorizedIpRanges: [0.0.0.0/0] } } }]\n',
    );
    const first = await baseplate(['plan', '--out', 'out']);
    assert.equal(first.code, 1);
    same(first, await baseplate(['plan', '--out', 'out']));
    assert.equal(planned.count, 1);
    const [kept] = readdirSync(cache).filter((name) => name.startsWith('outcome-'));
    assert.ok(kept);
    const climbing = JSON.stringify({
      files: [{ path: '../outside.txt', content: 'x' }],
      tail: [],
      summary: {},
      summaryText: '',
      diagnostics: [],
    });
    const shaped = (change: Record<string, unknown>) =>
      JSON.stringify({
        files: [],
        tail: [],
        summary: { files: [] },
        summaryText: '',
        diagnostics: [],
        ...change,
      });
    for (const damage of [
      '{"files": [',
      '{"files": [], "tail": [], "summary": {}}',
      climbing,
      shaped({ diagnostics: [null] }),
      shaped({ files: [{ path: '', content: '' }] }),
      shaped({ files: [{ path: 'a', content: '' }], tail: [{ path: 'a', content: '' }] }),
    ]) {
      writeFileSync(join(cache, kept), damage);
      same(first, await baseplate(['plan', '--out', 'out']));
    }
    assert.equal(planned.count, 7, 'each damaged file planned again');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name === 'outside.txt'),
      [],
      'no path out of the output folder is written',
    );
  });

  it('keeps nothing without a cache folder or a build', () => {
    assert.equal(keptPlans({ folder: undefined, build: () => 'b' }), undefined);
    mkdirSync(join(root, 'no-build'));
    const noBuild = keptPlans({ folder: join(root, 'no-build'), build: () => undefined })!;
    const inputs = {
      name: 'b.yaml',
      text: '{}',
      prices: undefined,
      date: '2026-12-07',
      out: 'out',
      version: '0.1.0',
    };
    noBuild.keep(inputs, { files: [], tail: [], summary: {} as never, summaryText: '', diagnostics: [] });
    assert.equal(noBuild.read(inputs), undefined);
  });
});
