/**
 * Time to recompute the whole plan in the configurator, as a person typing
 * sees it: from the text going to the page's worker (once typing pauses for
 * 150 ms) to the page showing the new plan (the core's plan, the Graphviz
 * diagram, the report, the page's views), measured inside Debian's Chromium,
 * for the default configuration and for 10 spokes. Also the page thread's
 * longest task meanwhile: the plan runs in the worker, so typing never waits
 * for it. Goal: under 100 ms for the default.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startServer } from '../src/cli/commands/serve.js';
import { manySpokes } from './configs.js';
import type { BenchRow } from './table.js';
import { median } from './table.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const GOAL_MS = 100;

/**
 * Runs in the page: the YAML set to `start`, then `runs` edits of it, each
 * awaited until the page has shown its plan; the page thread's long tasks
 * (over 50 ms) are watched meanwhile.
 */
const EDITS = `(async ({ start, runs }) => {
  const yaml = document.getElementById('yaml');
  const longest = { ms: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
  }).observe({ type: 'longtask' });
  const edit = async (text) => {
    const before = Number(document.body.dataset.plans);
    yaml.value = text;
    yaml.dispatchEvent(new Event('input'));
    // Watched, not polled: polling would take the CPU from the worker it waits for.
    await new Promise((resolve) => {
      const done = () => Number(document.body.dataset.plans) > before && document.body.dataset.busy === undefined;
      if (done()) return resolve();
      new MutationObserver((records, observer) => {
        if (done()) {
          observer.disconnect();
          resolve();
        }
      }).observe(document.body, { attributes: true, attributeFilter: ['data-plans', 'data-busy'] });
    });
  };
  if (start !== undefined) await edit(start);
  const base = yaml.value;
  for (let i = 0; i < runs; i += 1) await edit(base + '\\n# edit ' + i + '\\n');
  const last = (name) => performance.getEntriesByName('baseplate:' + name).slice(-runs).map((e) => e.duration);
  return { recompute: last('recompute'), plan: last('plan'), diagram: last('diagram'), report: last('report'), render: last('render'), first: performance.getEntriesByName('baseplate:recompute')[0].duration, longestTask: longest.ms };
})`;

interface Timings {
  readonly recompute: number[];
  readonly plan: number[];
  readonly diagram: number[];
  readonly report: number[];
  readonly render: number[];
  readonly first: number;
  readonly longestTask: number;
}

async function timings(page: Page, runs: number, start?: string): Promise<Timings> {
  return (await page.evaluate(`${EDITS}(${JSON.stringify({ start, runs })})`)) as Timings;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The page's recompute in Chromium: default and 10 spokes, with its steps and the page thread's longest task. */
export async function measure(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM))
    return [{ figure: 'web recompute', value: `skipped: no browser at ${CHROMIUM}` }];
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // A function, not a string: the page's policy refuses string evaluation.
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: { body: { dataset: { plans?: string } } } };
      return Number(document.body.dataset.plans) >= 1;
    });
    const base = await timings(page, 40);
    const spokes = await timings(page, 10, manySpokes(10));
    const recompute = median(base.recompute);
    const steps = (t: Timings) =>
      `plan ${ms(median(t.plan))}, diagram ${ms(median(t.diagram))}, report ${ms(median(t.report))}, page ${ms(median(t.render))}`;
    return [
      {
        figure: 'web recompute, default (median of 40)',
        value: `${ms(recompute)} (${steps(base)})`,
        target: `< ${GOAL_MS} ms`,
        met: recompute < GOAL_MS,
      },
      {
        figure: 'web recompute, 10 spokes (median of 10)',
        value: `${ms(median(spokes.recompute))} (${steps(spokes)})`,
      },
      {
        figure: "web page thread's longest task while planning",
        value: Math.max(base.longestTask, spokes.longestTask)
          ? ms(Math.max(base.longestTask, spokes.longestTask))
          : 'under 50 ms',
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
