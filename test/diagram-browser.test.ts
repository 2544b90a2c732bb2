/**
 * The architecture diagram as people see it: laid out by Graphviz and drawn by
 * Chromium at 100 %, measured with getBBox(). No two labels overlap, every
 * label is inside its shape, no line is drawn over a label, and in the report
 * at 1024 px no text is too small to read. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { renderSvg } from '../src/shared/graphviz.js';
import { LARGE_CONFIG } from './diagram-configs.js';
import { planOk, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

/** Debian's Chromium, never a downloaded browser; CI installs it (.ci/run). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install chromium`);

const SHOTS = join(repoRoot, 'test-output');
/** The smallest text, in CSS pixels, that the report may show at 1024 px. */
const SMALLEST_TEXT_PX = 9;

const CONFIGS = {
  default: '{}',
  large: LARGE_CONFIG,
  'existing-hub': readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8'),
} as const;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A node, region or edge of the drawing: its title, the box of its outline, and its label's lines. */
interface Part {
  readonly kind: string;
  readonly title: string;
  readonly shape: Box | null;
  readonly texts: readonly (Box & { readonly text: string })[];
}

/** Measures every node, region and edge in the page (a string: the tests compile without the DOM's types). */
const MEASURE = `(() => {
  const box = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
  const union = (boxes) => {
    if (boxes.length === 0) return null;
    const x = Math.min(...boxes.map((b) => b.x)), y = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width)), bottom = Math.max(...boxes.map((b) => b.y + b.height));
    return { x, y, width: right - x, height: bottom - y };
  };
  return [...document.querySelectorAll('svg g.node, svg g.cluster, svg g.edge')].map((g) => ({
    kind: g.getAttribute('class'),
    title: g.querySelector('title')?.textContent ?? '',
    shape: union([...g.querySelectorAll('polygon, ellipse, path, polyline')].map((s) => box(s.getBBox()))),
    texts: [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent, ...box(t.getBBox()) })),
  }));
})()`;

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Inside, give or take a hundredth of a point of rounding in Graphviz's coordinates. */
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.width <= outer.x + outer.width + 0.01 &&
  inner.y + inner.height <= outer.y + outer.height + 0.01;

const svgOnly = (svg: string) => svg.replace(/<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, '');

describe(
  'the architecture diagram in Chromium at 100 %',
  { skip: browserMissing ? `no browser at ${CHROMIUM}` : false },
  () => {
    let browser: Browser;
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-diagram-browser-'));
    before(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      mkdirSync(SHOTS, { recursive: true });
    });
    after(async () => {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const [name, config] of Object.entries(CONFIGS))
      it(`${name} plan: no two labels overlap, and every label is inside its shape`, async () => {
        const dot = planOk(config).files.find((f) => f.path === 'report/diagram.dot')?.content ?? '';
        const svg = await renderSvg(dot);
        const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
        try {
          await page.setContent(`<!doctype html><html><body style="margin:0">${svgOnly(svg)}</body></html>`);
          const parts = (await page.evaluate(MEASURE)) as Part[];
          await page.screenshot({ path: join(SHOTS, `diagram-${name}.png`), fullPage: true });

          const texts = parts.flatMap((part) => part.texts.map((text) => ({ ...text, part: part.title })));
          assert.ok(texts.length > (name === 'large' ? 150 : 40), `${String(texts.length)} labels measured`);
          assert.ok(
            parts.some((p) => p.title === 'legend') && texts.some((t) => t.text === 'Legend'),
            'the legend is drawn',
          );
          // An edge's label has no outline to be inside; it is held to overlapping no other label.
          for (const part of parts.filter((p) => p.kind !== 'edge'))
            for (const text of part.texts) {
              assert.ok(text.width > 0 && text.height > 0, `${part.title}: "${text.text}" is drawn`);
              assert.ok(part.shape, `${part.title} has an outline`);
              assert.ok(
                inside(text, part.shape),
                `${part.kind} ${part.title}: "${text.text}" ${JSON.stringify(text)} is outside ${JSON.stringify(part.shape)}`,
              );
            }
          for (const [i, a] of texts.entries())
            for (const b of texts.slice(i + 1))
              assert.ok(!overlap(a, b), `"${a.text}" (${a.part}) overlaps "${b.text}" (${b.part})`);
        } finally {
          await page.close();
        }
      });

    /**
     * Every place an edge's line passes through a label not its own: where it is, and whether
     * the label is painted again after the line, inside a halo (a stroke under the glyphs).
     */
    const CROSSINGS = `(() => {
      const texts = [...document.querySelectorAll('svg g.node text, svg g.cluster text, svg g.edge text')].map((text) => ({ text, b: text.getBBox() }));
      const crossings = [];
      for (const edge of document.querySelectorAll('svg g.edge')) {
        for (const line of edge.querySelectorAll('path')) {
          const length = line.getTotalLength();
          const points = [];
          for (let s = 0; s <= length; s += 1) points.push(line.getPointAtLength(s));
          for (const { text, b } of texts) {
            if (edge.contains(text)) continue;
            const through = points.some((p) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height);
            if (!through) continue;
            const over = [...document.querySelectorAll('svg use')].find(
              (u) => u.getAttribute('xlink:href') === '#' + text.id && (edge.compareDocumentPosition(u) & Node.DOCUMENT_POSITION_FOLLOWING),
            );
            const style = over ? getComputedStyle(over) : undefined;
            crossings.push({
              edge: edge.querySelector('title').textContent,
              label: text.textContent,
              repainted: over !== undefined,
              halo: style !== undefined && style.paintOrder.startsWith('stroke') && style.stroke !== 'none' && parseFloat(style.strokeWidth) >= 2,
            });
          }
        }
      }
      return crossings;
    })()`;

    it('draws no line over a label: a label a line passes through is painted again over it, in a halo', async () => {
      let checked = 0;
      for (const [name, config] of Object.entries(CONFIGS)) {
        const dot = planOk(config).files.find((f) => f.path === 'report/diagram.dot')?.content ?? '';
        const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
        try {
          await page.setContent(
            `<!doctype html><html><body style="margin:0">${svgOnly(await renderSvg(dot))}</body></html>`,
          );
          const crossings = (await page.evaluate(CROSSINGS)) as {
            edge: string;
            label: string;
            repainted: boolean;
            halo: boolean;
          }[];
          for (const c of crossings)
            assert.ok(c.repainted && c.halo, `${name}: ${c.edge} is drawn over "${c.label}"`);
          checked += crossings.length;
        } finally {
          await page.close();
        }
      }
      // The plans here do route lines through labels; were there none, this test would hold nothing.
      assert.ok(checked > 0, 'no line passes through a label in these plans');
    });

    it(`is legible in the report at 1024 px: no text under ${String(SMALLEST_TEXT_PX)} px`, async () => {
      for (const [name, config] of Object.entries(CONFIGS)) {
        const folder = join(dir, name);
        mkdirSync(folder);
        writeFileSync(join(folder, 'baseplate.yaml'), config);
        const run = await runCli(['plan', '--out', 'out'], { cwd: folder });
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
        try {
          await page.goto(pathToFileURL(join(folder, 'out', 'report', 'report.html')).href);
          const svg = page.locator('#diagram svg');
          // CSS pixels per unit of the drawing, times the smallest font size the drawing uses.
          const smallest = Number(
            await page.evaluate(`(() => {
              const svg = document.querySelector('#diagram svg');
              const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size')));
              return (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width) * Math.min(...sizes);
            })()`),
          );
          assert.ok(smallest >= SMALLEST_TEXT_PX, `${name}: smallest text ${smallest.toFixed(1)} px`);
          await svg.screenshot({ path: join(SHOTS, `diagram-report-1024-${name}.png`) });
        } finally {
          await page.close();
        }
      }
    });
  },
);
