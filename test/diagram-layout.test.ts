/** The command line's diagram layout: Graphviz in a worker thread, and on this thread when no worker runs. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { startLayout, workerLayout } from '../src/cli/diagram/layout.js';
import { renderSvg } from '../src/shared/graphviz.js';
import { plan } from '../src/core/index.js';
import { planOk } from './helpers.js';

const dot = planOk('{}').files.find((f) => f.path === 'report/diagram.dot')?.content ?? '';
const dir = mkdtempSync(join(tmpdir(), 'baseplate-layout-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A worker script of the test's own, standing in for one that fails. */
function script(name: string, text: string): URL {
  const path = join(dir, name);
  writeFileSync(path, text);
  return pathToFileURL(path);
}

describe('diagram layout', () => {
  it('lays out in the worker exactly what Graphviz lays out here, and reports its errors', async () => {
    assert.ok(dot.startsWith('digraph'));
    const layout = startLayout();
    assert.equal(startLayout(), layout, 'one worker for the process');
    const [fromWorker, again] = await Promise.all([layout(dot), layout(dot)]);
    assert.equal(fromWorker, await renderSvg(dot));
    assert.equal(again, fromWorker);
    await assert.rejects(layout('digraph { a -> }'), /Graphviz could not lay out the diagram/);
  });

  it('is handed the graph by the plan, once, and the plan gives back its result', async () => {
    const asked: string[] = [];
    const outcome = plan(
      { name: 'baseplate.yaml', text: '{}' },
      {
        layout: (graph) => {
          asked.push(graph);
          return Promise.resolve('<svg/>');
        },
      },
    );
    assert.ok(outcome.ok);
    assert.deepEqual(asked, [dot]);
    assert.equal(await outcome.diagram, '<svg/>');
    assert.equal(planOk('{}').diagram, undefined, 'no layout step, no diagram');
  });

  it('lays out on this thread when the worker cannot start', async () => {
    const layout = workerLayout(script('throws.mjs', "throw new Error('no worker here');\n"));
    assert.equal(await layout(dot), await renderSvg(dot));
  });

  it('lays out on this thread what a worker that stops leaves pending', async () => {
    const layout = workerLayout(
      script(
        'exits.mjs',
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(1));\n",
      ),
    );
    assert.equal(await layout(dot), await renderSvg(dot));
    assert.equal(await layout(dot), await renderSvg(dot), 'and every layout after it');
  });
});
