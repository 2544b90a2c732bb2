/** report/report.html: the page people sign off, built from the plan's files; and in a real browser. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { reportHtml } from '../src/core/report/html.js';
import { planOk, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

const SECTIONS = ['summary', 'diagram', 'ip-plan', 'findings', 'cost', 'stages', 'coverage', 'config'];

describe('the HTML report', () => {
  const planned = planOk('{}');
  const svg = '<svg width="100pt" height="50pt" xmlns="http://www.w3.org/2000/svg"><g id="graph0"></g></svg>';
  const html = reportHtml(planned, svg);

  it('has every section, built from the values the plan wrote its files from', () => {
    for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}">`));
    assert.match(html, /<td>Monthly cost<\/td><td>[\d.]+–[\d.]+ USD \(\d+ item\(s\) unknown\)<\/td>/);
    assert.match(html, /<td>10\.240\.0\.0\/22<\/td>/, 'the IP plan');
    assert.match(html, /Spec "Provision": “Create budgets/, 'a finding with its spec citation');
    assert.match(html, /Fix: Set cost\.monthlyBudget/);
    assert.match(html, /<td>cluster-00: The AKS cluster of spoke 00/, 'the stages in order');
    assert.match(
      html,
      /Role Based Access Control Administrator on resource group rg-bu0001a0008-00-prod-eus2/,
    );
    assert.match(html, /recommendations of the spec: \d+ verified by a rule, \d+ left out/);
    assert.match(
      html,
      /<td>Point the DNS A record of bicycle\.contoso\.com at the address of the public IP pip-agw-bu0001a0008-00-prod-eus2\.<\/td>/,
    );
    assert.match(
      html,
      /<section id="diagram"><h2>Architecture<\/h2>\n<div class="figure"><svg width="100pt"/,
    );
  });

  it('escapes what it shows, and loads nothing from anywhere', () => {
    const hostile = { ...planned, config: { ...planned.config, location: '<script>alert(1)</script>' } };
    const page = reportHtml(hostile, svg);
    assert.doesNotMatch(page, /<script/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<(script|link|img|iframe)\b/i);
    assert.doesNotMatch(html.replace(/xmlns="[^"]+"/g, ''), /(src|href)="https?:/i);
  });
});

/** Debian's Chromium, never a downloaded browser; CI installs it (.ci/run). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install chromium`);

describe(
  'the HTML report in Chromium',
  { skip: browserMissing ? `no browser at ${CHROMIUM}` : false },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-report-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    before(async () => {
      const run = await runCli(['plan', '--out', 'out'], { cwd: dir });
      assert.equal(run.code, 0, run.stderr);
    });

    it('renders the diagram and every section, and makes no request beyond the file', async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        const file = pathToFileURL(join(dir, 'out', 'report', 'report.html')).href;
        await page.goto(file);
        const box = await page.locator('#diagram svg').boundingBox();
        assert.ok(box && box.width > 300 && box.height > 100, JSON.stringify(box));
        for (const id of SECTIONS) assert.equal(await page.locator(`section#${id} h2`).count(), 1, id);
        assert.ok(
          (await page.locator('#diagram svg g.cluster').count()) > 5,
          'Graphviz regions are in the page',
        );
        assert.deepEqual(
          requests.filter((url) => url !== file),
          [],
        );
        mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
        await page.screenshot({ path: join(repoRoot, 'test-output', 'report.png'), fullPage: true });
        assert.ok(readFileSync(join(repoRoot, 'test-output', 'report.png')).length > 10_000);
      } finally {
        await browser.close();
      }
    });
  },
);
