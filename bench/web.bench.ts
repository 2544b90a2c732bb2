/**
 * Time to recompute the whole plan in the configurator for the default
 * configuration, as a person typing sees it: from a change of the YAML to the
 * page showing the new plan (the core's plan, the Graphviz diagram, the report,
 * the page's views), measured inside Debian's Chromium. Goal: under 100 ms, so
 * typing never lags. Prints figures; it is not a pass/fail test.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { startServer } from '../src/cli/commands/serve.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RUNS = 40;
const GOAL_MS = 100;

/** Runs in the page: RUNS edits of the YAML, each awaited until the page has shown its plan. */
const EDITS = `(async (runs) => {
  const yaml = document.getElementById('yaml');
  const base = yaml.value;
  for (let i = 0; i < runs; i += 1) {
    const before = Number(document.body.dataset.plans);
    yaml.value = base + '\\n# edit ' + i + '\\n';
    yaml.dispatchEvent(new Event('input'));
    await new Promise((resolve) => {
      const check = () => (Number(document.body.dataset.plans) > before ? resolve() : setTimeout(check, 1));
      check();
    });
  }
  const last = (name) => performance.getEntriesByName('baseplate:' + name).slice(-runs).map((e) => e.duration);
  return { recompute: last('recompute'), plan: last('plan'), diagram: last('diagram'), report: last('report'), render: last('render'), first: performance.getEntriesByName('baseplate:recompute')[0].duration };
})(${RUNS})`;

interface Timings {
  readonly recompute: number[];
  readonly plan: number[];
  readonly diagram: number[];
  readonly report: number[];
  readonly render: number[];
  readonly first: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

if (!existsSync(CHROMIUM)) {
  process.stdout.write(`web recompute: skipped, no browser at ${CHROMIUM}\n`);
} else {
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction('Number(document.body.dataset.plans) >= 1');
    const t = (await page.evaluate(EDITS)) as Timings;
    const m = median(t.recompute);
    process.stdout.write(
      `web recompute default median ${m.toFixed(2).padStart(8)} ms   p95 ${p95(t.recompute).toFixed(2).padStart(8)} ms   ` +
        `(plan ${median(t.plan).toFixed(1)}, diagram ${median(t.diagram).toFixed(1)}, report ${median(t.report).toFixed(1)}, ` +
        `page ${median(t.render).toFixed(1)}; first ${t.first.toFixed(0)} ms; ${RUNS} runs in Chromium)   ` +
        `goal < ${GOAL_MS} ms: ${m < GOAL_MS ? 'met' : 'missed'}\n`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}
