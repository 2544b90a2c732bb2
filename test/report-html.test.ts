/**
 * report/report.html: the page the network, security, identity and finance
 * teams sign, built from the plan's files; its header and approval block, its
 * determinism; and in a real browser, on screen at 1024 and 1440 px and
 * printed to PDF.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { reportHtml } from '../src/core/report/html.js';
import { budgetComparison } from '../src/core/report/html/finance.js';
import { readableScope } from '../src/core/report/html/resources.js';
import { verdict } from '../src/core/report/html/security.js';
import { sha256Hex } from '../src/core/report/html/sha256.js';
import { toJson } from '../src/core/serialize.js';
import { findingsReport } from '../src/core/verify/report.js';
import { reportDate } from '../src/cli/report-date.js';
import { assertGolden, LANDING_ZONE, planOk, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';
import { pdfPageTexts } from './support/pdf-text.js';

const SECTIONS = [
  'summary',
  'diagram',
  'network',
  'ip-plan',
  'egress',
  'nsg',
  'routes',
  'reachability',
  'policies',
  'identities',
  'findings',
  'rules',
  'suppressions',
  'cost',
  'stages',
  'coverage',
  'approval',
];
const SVG = '<svg width="100pt" height="50pt" xmlns="http://www.w3.org/2000/svg"><g id="graph0"></g></svg>';
const META = { date: '2026-01-01', version: '0.0.0-test' };

/** A section's markup, from its opening tag to its end. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
}

/** A section's text as a reader sees it: tags gone, one space between cells. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the HTML report', () => {
  const planned = planOk('{}');
  const html = reportHtml(planned, SVG, META);
  const text = (id: string) => textOf(sectionOf(html, id));

  it('is pinned byte for byte for the default configuration (date and version injected)', () => {
    assertGolden('test/cases/default/report.html', html);
  });

  it('has every section, in parts per team, and no raw JSON', () => {
    for (const id of SECTIONS) assert.match(html, new RegExp(`<section id="${id}"><h2>`), id);
    for (const id of ['part-network', 'part-security', 'part-finance', 'part-platform'])
      assert.match(html, new RegExp(`<div class="part" id="${id}">`));
    assert.doesNotMatch(html, /<pre\b/);
    // JSON on the page would show as escaped keys and values.
    assert.doesNotMatch(html, /&quot;[\w$]+&quot;:/);
  });

  it('heads the page with the plan date, the version and the SHA-256 of baseplate.resolved.json', () => {
    const hash = createHash('sha256').update(toJson(planned.config)).digest('hex');
    const header = textOf(html.slice(html.indexOf('<header>'), html.indexOf('</header>')));
    assert.match(header, /Plan date 2026-01-01 /);
    assert.match(header, /Baseplate version 0\.0\.0-test /);
    assert.match(header, new RegExp(`Configuration SHA-256 \\(baseplate\\.resolved\\.json\\) ${hash} `));
    assert.match(text('approval'), new RegExp(`SHA-256 ${hash} ?, planned on 2026-01-01`));
    for (const team of ['Network', 'Security', 'Identity', 'Finance'])
      assert.match(html, new RegExp(`<div class="sign-block"><h3>${team}</h3>`));
    assert.equal((html.match(/<span class="sign-label">Signature<\/span>/g) ?? []).length, 4);
    // Another configuration, another hash; no meta, no date.
    const other = reportHtml(planOk('location: westeurope\nzones: [1, 2]\n'), SVG);
    assert.doesNotMatch(other, new RegExp(hash));
    assert.match(other, /<th scope="row">Plan date<\/th><td>not given<\/td>/);
  });

  it('gives the same bytes for the same plan and meta', () => {
    assert.equal(reportHtml(planOk('{}'), SVG, META), html);
    assert.notEqual(reportHtml(planned, SVG, { ...META, date: '2026-01-02' }), html);
  });

  it('shows the network team the address spaces, the firewall, the allow-list with its sources, the rules and routes', () => {
    const network = text('network');
    assert.match(network, /vnet-bu0001a0008-hub-prod-eus2 hub 10\.200\.0\.0\/24 256 this plan/);
    assert.match(network, /Private IP \(next hop of every spoke subnet\) 10\.200\.0\.4 /);
    assert.match(network, /pip-afw-bu0001a0008-hub-prod-eus2-01 \(Static, allocated by Azure at deployment/);
    assert.match(
      network,
      /vnet-bu0001a0008-00-prod-eus2 vnet-bu0001a0008-hub-prod-eus2 forwarded traffic allowed/,
    );
    assert.match(network, /None declared \(otherNetworks/);
    assert.match(text('ip-plan'), /snet-nodes 10\.240\.0\.0\/22 1019 52 967/);
    // The API server's subnet is kept for VNet integration, not deployed by this plan.
    assert.match(text('ip-plan'), /snet-apiserver \(reserved, not deployed\) 10\.240\.4\.16\/28/);
    assert.doesNotMatch(text('ip-plan'), /snet-nodes \(reserved/);
    const egress = sectionOf(html, 'egress');
    assert.match(
      textOf(egress),
      /rcg-bu0001a0008-00-prod-eus2: from 10\.240\.0\.0\/22 \(IP group ipg-bu0001a0008-00-prod-eus2-nodes\)/,
    );
    assert.match(
      egress,
      /<th scope="row">entra-id<\/th><td>Microsoft Entra ID tokens[^<]*<\/td><td>login\.microsoftonline\.com<\/td><td>Https\/443<\/td><td><a href="https:\/\/learn\.microsoft\.com\/azure\/aks\/outbound-rules-control-egress">/,
    );
    assert.match(
      textOf(egress),
      /gitops-repository .* github\.com Https\/443 the configuration \(gitops\.repositoryUrl\)/,
    );
    assert.match(
      textOf(egress),
      /github-actions .*docs\.github\.com/,
      'the build agents’ rules and their source',
    );
    const nsg = text('nsg');
    assert.match(nsg, /AzureFirewallSubnet \(10\.200\.0\.0\/26\) No security group/);
    assert.match(
      nsg,
      /Inbound 100 AllowHttpsFromApplicationGatewayToIngress Allow Tcp 10\.240\.5\.0\/24 10\.240\.4\.0\/28 443 /,
    );
    assert.match(
      text('routes'),
      /Serves vnet-bu0001a0008-00-prod-eus2\/snet-nodes, .*0\.0\.0\.0\/0 VirtualAppliance 10\.200\.0\.4/,
    );
  });

  it('shows what the network lets through as matrices', () => {
    const reach = sectionOf(html, 'reachability');
    assert.match(
      textOf(reach),
      /vnet-bu0001a0008-00-prod-eus2\/snet-nodes firewall 0\.0\.0\.0\/0 → 10\.200\.0\.4/,
    );
    assert.match(
      textOf(reach),
      /agw-bu0001a0008-00-prod-eus2 \(pip-agw-bu0001a0008-00-prod-eus2\) application gateway TCP\/443/,
    );
    assert.match(
      reach,
      /<th scope="row">vnet-bu0001a0008-hub-prod-eus2\/snet-build-agents<\/th><td>✓ peering, name resolves<\/td><td>✓ peering, name resolves<\/td>/,
    );
    assert.match(reach, /<th scope="col">pe-bu0001a0008-00-prod-eus2-registry<\/th>/);
    assert.match(
      reach,
      /<th scope="row">traefik\/traefik<\/th>(<td>[^<]*<\/td>|<td><span class="muted">—<\/span><\/td>)*<td>TCP\/8080<\/td>/,
    );
  });

  it('shows the security and identity teams the policies, role assignments with scopes, what passed and what was suppressed', () => {
    const policies = text('policies');
    assert.match(
      policies,
      /Kubernetes clusters should use internal load balancers Deny resource group rg-bu0001a0008-00-prod-eus2 exempt namespaces: kube-system, gatekeeper-system, azure-arc, azure-extensions-usage-system, flux-system/,
    );
    assert.match(policies, /only namespaces: azure-extensions-usage-system, flux-system/);
    const identities = text('identities');
    assert.match(
      identities,
      /managed identity id-bu0001a0008-00-prod-eus2-controlplane Network Contributor subnet snet-nodes of vnet-bu0001a0008-00-prod-eus2, in resource group rg-bu0001a0008-00-prod-eus2 /,
    );
    assert.match(identities, /kubelet identity of aks-bu0001a0008-00-prod-eus2 AcrPull container registry /);
    assert.match(identities, /workload identity: system:serviceaccount:traefik:traefik/);
    assert.match(identities, /aks-bu0001a0008-00-prod-eus2 disabled Azure RBAC none on/);
    // With Azure RBAC the administrators are the groups given Cluster Admin on the cluster, not aadProfile's.
    const administered = textOf(
      sectionOf(
        reportHtml(
          planOk(
            'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { entra: { adminGroupObjectIds: [11111111-1111-4111-8111-111111111111] } } }]',
          ),
          SVG,
          META,
        ),
        'identities',
      ),
    );
    assert.match(
      administered,
      /aks-bu0001a0008-00-prod-eus2 disabled Azure RBAC Group 11111111-1111-4111-8111-111111111111 \(Cluster Admin role\) on/,
    );
    assert.match(
      text('findings'),
      /Spec "Provision": “Create budgets.* Setting: cost\.monthlyBudget Fix: Set cost\.monthlyBudget/,
    );
    const rules = sectionOf(html, 'rules');
    // The counts, from the verify run the report shows.
    const outcomes = findingsReport(planned.verification).rules.map((r) =>
      r.failed > 0 ? 'failed' : r.unknown > 0 ? 'unknown' : r.passed > 0 ? 'passed' : 'notApplicable',
    );
    const count = (o: string) => outcomes.filter((x) => x === o).length;
    assert.match(
      textOf(rules),
      new RegExp(
        `${outcomes.length} rules: ${count('failed')} failed, ${count('unknown')} unknown before deployment, ${count('passed')} passed, ${count('notApplicable')} not applicable\\. .* BP1065 cost/budget .* failed 0 / 1 / 0 `,
      ),
    );
    assert.equal(count('failed'), 2);
    assert.match(
      textOf(rules),
      /BP1001 net\/nsg-internet-inbound No security group admits the internet but to Application Gateway on 443 network error passed 14 \/ 0 \/ 0/,
    );
    assert.match(textOf(rules), /firewall\/idps .* not applicable 0 \/ 0 \/ 0/);
    assert.match(text('suppressions'), /None: no finding is suppressed/);

    const suppressed = reportHtml(
      planOk(
        'verify:\n  suppress:\n    - rule: cost/budget\n      reason: The finance team keeps the budget in Cost Management.\n',
      ),
      SVG,
      META,
    );
    assert.match(
      textOf(sectionOf(suppressed, 'suppressions')),
      /cost\/budget .*no budget among the inputs.* The finance team keeps the budget in Cost Management\. the configuration/,
    );
  });

  it('shows the finance team the breakdown, the assumptions and the budget against the estimate', () => {
    const cost = text('cost');
    assert.match(cost, /Monthly budget \(cost\.monthlyBudget\) not set/);
    assert.match(cost, /Estimate, node pools at their minimum \d+\.\d\d /);
    assert.match(cost, /No monthly budget is set/);
    assert.match(cost, /Total without \d+ unknown item\(s\) [\d.]+–[\d.]+ /);
    assert.match(cost, /Assumptions 730 hours a month; list prices/);
    const budgeted = textOf(
      sectionOf(reportHtml(planOk('cost: { monthlyBudget: 1000 }\n'), SVG, META), 'cost'),
    );
    assert.match(budgeted, /Monthly budget \(cost\.monthlyBudget\) 1000 /);
    assert.match(budgeted, /Budget alerts at 50%, 80%, 100%/);
    assert.match(budgeted, /The budget of 1000 is below the estimate's lower bound of \d+\.\d\d/);
  });

  it('compares the budget with each end of the estimate', () => {
    const range = { min: 3000, max: 5000 };
    assert.match(budgetComparison(undefined, range, 0), /No monthly budget is set/);
    assert.match(
      budgetComparison(1000, range, 0),
      /^The budget of 1000 is below the estimate's lower bound of 3000\.00: /,
    );
    assert.match(
      budgetComparison(4000, range, 2),
      /lies within the estimate of 3000\.00–5000\.00 \(without 2 item\(s\)/,
    );
    assert.match(budgetComparison(5000, range, 0), /covers the estimate's upper bound of 5000\.00\.$/);
    assert.match(budgetComparison(5000, 'unknown', 3), /cannot be compared/);
  });

  it('shows on-premises ranges and an existing hub’s firewall addresses', () => {
    const twoSpokes = reportHtml(
      planOk(readFileSync(join(repoRoot, 'test/cases/two-spokes/baseplate.yaml'), 'utf8')),
      SVG,
      META,
    );
    assert.match(textOf(sectionOf(twoSpokes, 'network')), /on-premises 10\.0\.0\.0\/12, 172\.31\.0\.0\/24/);
    const existing = reportHtml(
      planOk(readFileSync(join(repoRoot, 'test/cases/existing-hub/baseplate.yaml'), 'utf8')),
      SVG,
      META,
    );
    const network = textOf(sectionOf(existing, 'network'));
    assert.match(network, /10\.100\.0\.4 .*20\.10\.10\.1 20\.10\.10\.2/);
    assert.match(network, /the central network team \(existing hub\)/);
    assert.ok(LANDING_ZONE.length > 0);
  });

  it('escapes what it shows, and loads nothing from anywhere', () => {
    const hostile = { ...planned, config: { ...planned.config, location: '<script>alert(1)</script>' } };
    const page = reportHtml(hostile, SVG);
    assert.doesNotMatch(page, /<script/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<(script|link|img|iframe|object|embed)\b/i);
    assert.doesNotMatch(html, /\bsrc=|url\(/i);
  });
});

describe('the report’s parts', () => {
  it('reads scopes as people say them', () => {
    const group = '/subscriptions/<subscription-id>/resourceGroups/rg-a';
    assert.equal(readableScope('/subscriptions/<subscription-id>'), 'the subscription');
    assert.equal(readableScope('/subscriptions/1111'), 'subscription 1111');
    assert.equal(readableScope(group), 'resource group rg-a');
    assert.equal(
      readableScope(`${group}/providers/Microsoft.Network/virtualNetworks/vnet-a/subnets/snet-b`),
      'subnet snet-b of vnet-a, in resource group rg-a',
    );
    assert.equal(
      readableScope(`${group}/providers/Microsoft.Storage/storageAccounts/st1`),
      'Microsoft.Storage/storageAccounts st1, in resource group rg-a',
    );
    assert.equal(
      readableScope(`${group}/providers/Microsoft.ContainerService/managedClusters/aks-a/namespaces/a0008`),
      'namespace a0008 of aks-a, in resource group rg-a',
    );
    assert.equal(readableScope('subscription (the deployment’s)'), 'subscription (the deployment’s)');
  });

  it('tells a rule’s outcome: a failure over an unknown over a pass; nothing checked is not applicable', () => {
    assert.equal(verdict({ passed: 3, failed: 1, unknown: 1 }), 'failed');
    assert.equal(verdict({ passed: 3, failed: 0, unknown: 1 }), 'unknown before deployment');
    assert.equal(verdict({ passed: 3, failed: 0, unknown: 0 }), 'passed');
    assert.equal(verdict({ passed: 0, failed: 0, unknown: 0 }), 'not applicable');
  });

  it('dates the report by SOURCE_DATE_EPOCH when set, else by the clock, in UTC', () => {
    const now = new Date('2026-03-04T23:59:59-05:00');
    assert.deepEqual(reportDate(undefined, now), { ok: true, date: '2026-03-05' });
    assert.deepEqual(reportDate('', now), { ok: true, date: '2026-03-05' });
    assert.deepEqual(reportDate('0', now), { ok: true, date: '1970-01-01' });
    assert.deepEqual(reportDate('1767225599', now), { ok: true, date: '2025-12-31' });
    for (const bad of ['yesterday', '-1', '1.5', ' 1', '1e9', '99999999999999'])
      assert.match(
        String(reportDate(bad, now).ok === false && (reportDate(bad, now) as { message: string }).message),
        /^SOURCE_DATE_EPOCH is ".*": set it to a whole number of seconds/,
        bad,
      );
  });

  it('hashes as node:crypto does', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é€😀'])
      assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'), JSON.stringify(text));
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        (text) => sha256Hex(text) === createHash('sha256').update(text).digest('hex'),
      ),
      { numRuns: 200 },
    );
  });
});

describe('plan dates the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-report-date-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const report = (out: string) => readFileSync(join(dir, out, 'report', 'report.html'), 'utf8');
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version;

  it('by the clock of its I/O, the same bytes for the same configuration and day', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '' };
    const first = await runCli(['plan', '--out', 'a'], {
      cwd: dir,
      env,
      now: () => new Date('2026-02-03T10:00:00Z'),
    });
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['plan', '--out', 'b'], {
      cwd: dir,
      env,
      now: () => new Date('2026-02-03T22:00:00Z'),
    });
    assert.equal(second.code, 0, second.stderr);
    assert.match(report('a'), /<th scope="row">Plan date<\/th><td>2026-02-03<\/td>/);
    assert.match(
      report('a'),
      new RegExp(`<th scope="row">Baseplate version</th><td>${version.replace(/\./g, '\\.')}</td>`),
    );
    assert.equal(report('a'), report('b'));
  });

  it('by SOURCE_DATE_EPOCH over the clock', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    const run = await runCli(['plan', '--out', 'c'], {
      cwd: dir,
      env,
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(report('c'), /<td>2026-01-01<\/td>/);
  });

  it('refuses a malformed SOURCE_DATE_EPOCH, naming it and the fix, and writes nothing', async () => {
    const env = { ...process.env, SOURCE_DATE_EPOCH: 'last tuesday' };
    const run = await runCli(['plan', '--out', 'd'], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /SOURCE_DATE_EPOCH is "last tuesday": set it to a whole number of seconds since 1970-01-01 UTC/,
    );
    assert.ok(!existsSync(join(dir, 'd')));
  });
});

/** Debian's Chromium, never a downloaded browser; CI installs it (.ci/run). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install chromium`);
const SHOTS = join(repoRoot, 'test-output');

/** What sticks out at the page's width: the document, and any element past the right edge or wider than its box. */
async function overflow(page: Page): Promise<{ scrollWidth: number; width: number; elements: string[] }> {
  // A string, run in the page: the tests compile without the DOM's types.
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const elements = [...document.querySelectorAll('body *')]
      // Inside the diagram, Graphviz places each label; test/diagram-browser.test.ts checks they fit.
      .filter((e) => e.tagName === 'svg' || !e.closest('svg'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        const clips = getComputedStyle(e).display !== 'inline' && e.clientWidth > 0;
        return box.right > width + 0.5 || (clips && e.scrollWidth > e.clientWidth + 1);
      })
      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').slice(0, 60));
    return { scrollWidth: document.documentElement.scrollWidth, width, elements };
  })()`)) as { scrollWidth: number; width: number; elements: string[] };
}

describe(
  'the HTML report in Chromium',
  { skip: browserMissing ? `no browser at ${CHROMIUM}` : false },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-report-'));
    let file = '';
    after(() => rmSync(dir, { recursive: true, force: true }));
    before(async () => {
      const run = await runCli(['plan', '--out', 'out'], {
        cwd: dir,
        env: { ...process.env, SOURCE_DATE_EPOCH: '' },
        now: () => new Date('2026-01-01T12:00:00Z'),
      });
      assert.equal(run.code, 0, run.stderr);
      file = pathToFileURL(join(dir, 'out', 'report', 'report.html')).href;
      mkdirSync(SHOTS, { recursive: true });
    });

    for (const width of [1024, 1440])
      it(`fits ${width} px with nothing overflowing, shows each section, and requests nothing beyond the file`, async () => {
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
        try {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          const requests: string[] = [];
          page.on('request', (request) => requests.push(request.url()));
          await page.goto(file);
          const box = await page.locator('#diagram svg').boundingBox();
          assert.ok(box && box.width > 300 && box.height > 100, JSON.stringify(box));
          assert.ok(
            (await page.locator('#diagram svg g.cluster').count()) > 5,
            'Graphviz regions are in the page',
          );
          for (const id of SECTIONS) assert.equal(await page.locator(`section#${id} h2`).count(), 1, id);
          const seen = async (id: string) => page.locator(`#${id}`).innerText();
          assert.match(await seen('network'), /10\.200\.0\.4/);
          assert.match(await seen('nsg'), /AllowHttpsFromApplicationGatewayToIngress/);
          assert.match(await seen('identities'), /subnet snet-nodes of vnet-bu0001a0008-00-prod-eus2/);
          assert.match(await seen('rules'), /BP1001[\s\S]*passed/);
          assert.match(await seen('cost'), /Monthly budget \(cost\.monthlyBudget\)\s+not set/);
          const found = await overflow(page);
          assert.ok(found.scrollWidth <= width, `${found.scrollWidth} px wide at ${width}`);
          assert.deepEqual(found.elements, []);
          assert.deepEqual(
            requests.filter((url) => url !== file),
            [],
          );
          const shot = join(SHOTS, `report-${width}.png`);
          await page.screenshot({ path: shot, fullPage: true });
          assert.ok(readFileSync(shot).length > 10_000);
        } finally {
          await browser.close();
        }
      });

    for (const format of ['A4', 'Letter'] as const)
      it(`prints to ${format}: each part on its own pages, nothing wider than the paper, every section's text`, async () => {
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
        try {
          const page = await browser.newPage();
          await page.goto(file);
          // The printable width of the narrower paper (A4, 210 mm, 12 mm margins) at 96 px an inch.
          await page.emulateMedia({ media: 'print' });
          await page.setViewportSize({ width: Math.floor(((210 - 24) / 25.4) * 96), height: 1000 });
          const printed = await overflow(page);
          assert.deepEqual(printed.elements, []);
          const pdf = await page.pdf({ format, printBackground: true });
          const pages = pdfPageTexts(pdf);
          assert.ok(pages.length > 8, `${pages.length} pages`);
          const pageOf = (phrase: string) => {
            const at = pages.findIndex((p) => p.includes(phrase));
            assert.ok(at >= 0, `"${phrase}" is printed on no page`);
            return at;
          };
          pageOf('Configuration SHA-256');
          const network = pageOf('Address spaces and connected networks');
          pageOf('10.200.0.4');
          pageOf('AllowHttpsFromApplicationGatewayToIngress');
          pageOf('Egress allow-list, per feature');
          pageOf('Reachability, as verified');
          const security = pageOf('Azure Policy assignments');
          pageOf('subnet snet-nodes of vnet-bu0001a0008-00-prod-eus2');
          pageOf('Rules checked');
          const finance = pageOf('Monthly cost estimate');
          pageOf('Monthly budget (cost.monthlyBudget)');
          const approval = pageOf('Approval');
          assert.ok(network < security && security < finance && finance < approval, 'the parts in order');
          // Each part starts a page: its title is the first text on it.
          for (const title of ['Network', 'Security and identity', 'Finance', 'Deployment'])
            assert.ok(
              pages.some((p) => p.startsWith(title)),
              `${title} starts no page`,
            );
          assert.ok(pages[approval]?.startsWith('Approval'), 'the approval block starts a page');
          assert.equal(
            (pages[approval]?.match(/Signature/g) ?? []).length,
            4,
            'all four signature blocks on one page',
          );
        } finally {
          await browser.close();
        }
      });
  },
);
