/**
 * What one run keeps for the next: the cache folder (only the user's own), the
 * compiled code of the bundled command line, and the diagrams laid out before.
 */
import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildOf, cacheFolder, keep } from '../src/cli/cache-folder.js';
import { loadBundle } from '../src/cli/code-cache.js';
import { keptLayouts } from '../src/cli/diagram/kept-layouts.js';
import type { Layout } from '../src/core/index.js';

const root = mkdtempSync(join(tmpdir(), 'baseplate-cache-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
let made = 0;
const fresh = (name: string) => {
  const dir = join(root, `${name}-${(made += 1)}`);
  mkdirSync(dir);
  return dir;
};

describe('the cache folder', () => {
  it('is made for the user alone in the temporary folder, and Node’s switch turns it off', () => {
    const base = fresh('base');
    const folder = cacheFolder({}, base);
    assert.ok(folder !== undefined && folder.startsWith(base));
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.equal(cacheFolder({ NODE_DISABLE_COMPILE_CACHE: '1' }, base), undefined);
    assert.equal(cacheFolder({ NODE_DISABLE_COMPILE_CACHE: '0' }, base), folder);
  });

  it('is not used when others may write to it, or when it is not a folder of its own', () => {
    const open = fresh('open');
    const folder = cacheFolder({}, open)!;
    chmodSync(folder, 0o777);
    assert.equal(cacheFolder({}, open), undefined, 'a folder anyone can write to');

    const linked = fresh('linked');
    const elsewhere = fresh('elsewhere');
    symlinkSync(elsewhere, join(linked, folder.slice(open.length + 1)));
    assert.equal(cacheFolder({}, linked), undefined, 'a link to another folder');

    const file = fresh('file');
    writeFileSync(join(file, folder.slice(open.length + 1)), '');
    assert.equal(cacheFolder({}, file), undefined, 'a file in its place');
  });

  it('keeps a file whole and removes the ones it replaces', () => {
    const folder = fresh('keep');
    writeFileSync(join(folder, 'old-1'), 'old');
    writeFileSync(join(folder, 'other'), 'other');
    keep(join(folder, 'new-1'), 'new', (name) => name.startsWith('old-'));
    assert.deepEqual(readdirSync(folder).sort(), ['new-1', 'other']);
    assert.equal(readFileSync(join(folder, 'new-1'), 'utf8'), 'new');
    // A folder that cannot be written to costs the cache, never the caller.
    assert.doesNotThrow(() => keep(join(folder, 'missing', 'file'), 'x'));
  });
});

describe('compiled code kept between runs', () => {
  const bundle = (dir: string, body: string) => {
    const file = join(dir, 'bundle.js');
    writeFileSync(file, body);
    return file;
  };
  const source = `const path = require('node:path');
module.exports = { twice: (n) => n * 2, name: path.basename(__filename), here: __dirname };`;

  it('runs a CommonJS bundle as require would, and keeps nothing without a folder', () => {
    const dir = fresh('plain');
    const file = bundle(dir, source);
    const loaded = loadBundle(file, { folder: undefined, variant: 'plan' });
    const exports = loaded.exports as { twice(n: number): number; name: string; here: string };
    assert.equal(exports.twice(21), 42);
    assert.equal(exports.name, 'bundle.js');
    assert.equal(exports.here, dir);
    loaded.save();
    assert.deepEqual(readdirSync(dir), ['bundle.js']);
  });

  /**
   * A load in a thread of its own, as in a process of its own: within one V8
   * isolate a script compiled before comes from memory, whatever the cache holds.
   */
  const loadAlone = (file: string, folder: string) =>
    new Promise<{ fromCache: boolean; result: number }>((resolve, reject) => {
      const worker = new Worker(
        `const { workerData, parentPort } = require('node:worker_threads');
        import(workerData.module).then(({ loadBundle }) => {
          const loaded = loadBundle(workerData.file, { folder: workerData.folder, variant: 'plan' });
          loaded.save();
          parentPort.postMessage({ fromCache: loaded.fromCache, result: loaded.exports.twice(21) });
        });`,
        {
          eval: true,
          workerData: { module: new URL('../src/cli/code-cache.js', import.meta.url).href, file, folder },
        },
      );
      worker.once('message', resolve);
      worker.once('error', reject);
    });

  it('compiles once, then runs from the kept code; a damaged cache is compiled and kept again', async () => {
    const dir = fresh('kept');
    const folder = fresh('kept-cache');
    const file = bundle(dir, source);
    assert.deepEqual(await loadAlone(file, folder), { fromCache: false, result: 42 });
    const [cache] = readdirSync(folder);
    assert.ok(cache?.startsWith(`bundle.js.${buildOf(file)}.plan.${process.version}`), cache);
    assert.deepEqual(await loadAlone(file, folder), { fromCache: true, result: 42 });

    writeFileSync(join(folder, cache!), 'not code');
    assert.deepEqual(await loadAlone(file, folder), { fromCache: false, result: 42 }, 'refused by V8');
    assert.notEqual(readFileSync(join(folder, cache!), 'utf8'), 'not code');
    assert.deepEqual(await loadAlone(file, folder), { fromCache: true, result: 42 });
  });

  it('keeps one cache per command, and drops the caches of an earlier build', () => {
    const dir = fresh('builds');
    const folder = fresh('builds-cache');
    const file = bundle(dir, source);
    loadBundle(file, { folder, variant: 'plan' }).save();
    loadBundle(file, { folder, variant: 'verify' }).save();
    loadBundle(file, { folder, variant: '../odd name' }).save();
    assert.equal(readdirSync(folder).length, 3);
    assert.ok(readdirSync(folder).every((name) => !name.includes('/') && !name.includes(' ')));

    // A rebuilt bundle (another file, as npm and esbuild write one): its plan cache replaces the old one.
    rmSync(file);
    bundle(dir, `${source}\n// rebuilt`);
    const rebuilt = loadBundle(file, { folder, variant: 'plan' });
    assert.equal(rebuilt.fromCache, false);
    rebuilt.save();
    const plans = readdirSync(folder).filter((name) => name.includes('.plan.'));
    assert.deepEqual(plans, [`bundle.js.${buildOf(file)}.plan.${process.version}-${process.arch}.cache`]);
    assert.ok(
      readdirSync(folder).some((name) => name.includes('.verify.')),
      'other commands keep theirs',
    );
  });
});

describe('diagrams laid out before', () => {
  /** A layout step that counts its starts and layouts; a graph named `bad` fails. */
  const counting = () => {
    const counts = { starts: 0, layouts: 0 };
    const layout: Layout = async (dot) => {
      counts.layouts += 1;
      if (dot.includes('bad')) throw new Error('Graphviz could not lay out the diagram');
      return `<svg>${dot}</svg>`;
    };
    return {
      counts,
      start: () => {
        counts.starts += 1;
        return layout;
      },
    };
  };
  const options = (folder: string | undefined, engine = 'graphviz-1') => ({
    folder,
    engine,
  });

  it('lays out a graph once, and again for another graph or another Graphviz', async () => {
    const folder = fresh('layouts');
    const { counts, start } = counting();
    const layouts = keptLayouts(start, options(folder));
    assert.equal(await layouts.forPlan()('digraph { a }'), '<svg>digraph { a }</svg>');
    assert.equal(await layouts.forPlan()('digraph { a }'), '<svg>digraph { a }</svg>');
    assert.equal(counts.layouts, 1, 'the same graph again');
    await layouts.forPlan()('digraph { b }');
    assert.equal(counts.layouts, 2);
    const upgraded = keptLayouts(start, options(folder, 'graphviz-2'));
    assert.equal(await upgraded.forPlan()('digraph { a }'), '<svg>digraph { a }</svg>');
    assert.equal(counts.layouts, 3);
  });

  it('starts Graphviz only for a graph not kept', async () => {
    const folder = fresh('starts');
    const { counts, start } = counting();
    const layouts = keptLayouts(start, options(folder));
    const first = layouts.forPlan();
    assert.equal(counts.starts, 0, 'nothing started before the graph is drawn');
    await first('digraph { a }');
    assert.equal(counts.starts, 1);
    assert.equal(await layouts.forPlan()('digraph { a }'), '<svg>digraph { a }</svg>');
    assert.equal(counts.starts, 1, 'nothing started: the graph is kept');
    assert.equal(await layouts.forPlan()('digraph { changed }'), '<svg>digraph { changed }</svg>');
    assert.equal(counts.starts, 2);
    assert.equal(counts.layouts, 2);
  });

  it('removes the plan- files earlier versions kept when it keeps a layout', async () => {
    const folder = fresh('leftovers');
    writeFileSync(join(folder, 'plan-0123'), 'graph');
    const { start } = counting();
    await keptLayouts(start, options(folder)).forPlan()('digraph { a }');
    assert.deepEqual(
      readdirSync(folder).filter((name) => !name.startsWith('layout-')),
      [],
    );
  });

  it('keeps nothing that failed, and only the most recent few', async () => {
    const folder = fresh('limit');
    const { counts, start } = counting();
    const layouts = keptLayouts(start, { ...options(folder), limit: 2 });
    await assert.rejects(layouts.forPlan()('digraph { bad }'), /could not lay out/);
    await assert.rejects(layouts.forPlan()('digraph { bad }'), /could not lay out/);
    assert.equal(counts.layouts, 2);
    for (const name of ['a', 'b', 'c']) await layouts.forPlan()(`digraph { ${name} }`);
    const kept = readdirSync(folder);
    assert.deepEqual(
      kept.map((name) => name.slice(0, 'layout-'.length)),
      ['layout-', 'layout-'],
    );
  });

  it('without a cache folder lays out every graph', async () => {
    const { counts, start } = counting();
    const layouts = keptLayouts(start, options(undefined));
    await layouts.forPlan()('digraph { a }');
    await layouts.forPlan()('digraph { a }');
    assert.equal(counts.layouts, 2);
  });
});
