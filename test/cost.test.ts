/** The cost estimate: priced from the plan's resources and a dated table; unknown is never free. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parsePriceTable } from '../src/core/data/price-file.js';
import type { PriceTable } from '../src/core/data/prices.js';
import { PRICES } from '../src/core/data/prices.js';
import type { CostEstimate, CostLine } from '../src/core/formats/cost.js';
import type { PricedResource } from '../src/core/report/cost.js';
import {
  compareWithBudget,
  costDiagnostics,
  costEstimate,
  costMarkdown,
  formatMonthly,
} from '../src/core/report/cost.js';
import { plan } from '../src/core/plan.js';
import { planOk } from './helpers.js';
import { runCli } from './support/cli.js';
import { REQUIRED_REGIONS } from './support/price-regions.js';

const estimateOf = (files: ReadonlyArray<{ path: string; content: string }>) =>
  JSON.parse(files.find((f) => f.path === 'report/cost.json')?.content ?? '{}') as CostEstimate;
const find = (estimate: CostEstimate, item: RegExp): CostLine => {
  const found = estimate.lines.find((l) => item.test(l.item));
  assert.ok(found, `no line ${String(item)} in ${estimate.lines.map((l) => l.item).join(', ')}`);
  return found;
};

describe('cost estimate', () => {
  const baseline = estimateOf(planOk('{}').files);

  it('prices the default plan per resource, nodes at their minimum and maximum', () => {
    assert.deepEqual(find(baseline, /^control plane \(Standard\)/).monthly, { min: 73, max: 73 });
    // npuser01: 2–5 × Standard_DS4_v2 at 0.458/h, 730 h.
    assert.deepEqual(find(baseline, /^node pool npuser01/).monthly, { min: 668.68, max: 1671.7 });
    assert.deepEqual(find(baseline, /^firewall \(Standard\)/).monthly, { min: 912.5, max: 912.5 });
    // Two to ten gateway instances of ten capacity units: (0.36 + n × 10 × 0.0144) × 730.
    assert.deepEqual(find(baseline, /^Application Gateway WAF_v2/).monthly, { min: 473.04, max: 1314 });
    const known = baseline.lines.flatMap((l) => (l.monthly === 'unknown' ? [] : [l.monthly]));
    const total = baseline.total;
    assert.ok(total !== 'unknown');
    assert.equal(total.min, Math.round(known.reduce((s, m) => s + m.min, 0) * 100) / 100);
    assert.ok(total.max > total.min);
    assert.equal(baseline.prices.date, PRICES.date);
  });

  it('prices Key Vault operations and long log retention on stated assumptions', () => {
    assert.deepEqual(find(baseline, /^Key Vault operations, 100,000 a month/).monthly, {
      min: 0.3,
      max: 0.3,
    });
    assert.ok(baseline.assumptions.some((a) => /100,000 Key Vault operations/.test(a)));
    assert.ok(!baseline.lines.some((l) => /^retention/.test(l.item)), '30 days are included');
    const workspace: PricedResource = {
      type: 'Microsoft.OperationalInsights/workspaces',
      name: 'log',
      location: 'eastus2',
      properties: { retentionInDays: 91 },
    };
    // 1 GB/day kept 60 days beyond the 31 included, at 0.12/GB-month.
    assert.deepEqual(find(costEstimate([workspace], PRICES), /^retention of 91 days/).monthly, {
      min: 7.2,
      max: 7.2,
    });
    // ARM property names are case-insensitive: the estimate reads them as the rules do (arm-values.ts).
    const capitalised = { ...workspace, properties: { RetentionInDays: 91 } };
    assert.deepEqual(find(costEstimate([capitalised], PRICES), /^retention of 91 days/).monthly, {
      min: 7.2,
      max: 7.2,
    });
  });

  it('reports what the table has no price for as unknown, and leaves it out of the total', () => {
    const eastus2 = { ...PRICES.regions['eastus2']!, firewallHourly: {} };
    const estimate = costEstimate(planOk('{}').resources, {
      ...PRICES,
      regions: { ...PRICES.regions, eastus2 },
    });
    assert.equal(find(estimate, /^firewall \(Standard\)/).monthly, 'unknown');
    assert.equal(
      find(estimate, /^firewall \(Standard\)/).basis,
      'no price for firewallHourly.Standard in eastus2',
    );
    // Named without a reason: the table does not say why it lacks it (the built-in one says why for each).
    assert.deepEqual(
      estimate.missingPrices.filter((m) => m.price === 'firewallHourly.Standard'),
      [{ region: 'eastus2', price: 'firewallHourly.Standard' }],
    );
    assert.ok(!baseline.missingPrices.some((m) => m.price === 'firewallHourly.Standard'));
    assert.equal(estimate.unknownLines, estimate.lines.filter((l) => l.monthly === 'unknown').length);
    const total = estimate.total;
    const full = baseline.total;
    assert.ok(total !== 'unknown' && full !== 'unknown');
    assert.ok(total.min < full.min, 'the unknown line is left out of the total, never priced as another');
    assert.ok(
      baseline.lines.every((l) => l.monthly === 'unknown' || l.monthly.max > 0),
      'nothing is free',
    );
  });

  it('prices a region the table lacks as unknown, every line of it', () => {
    const estimate = estimateOf(planOk('location: brazilsouth').files);
    assert.ok(estimate.lines.length > 10);
    assert.ok(estimate.lines.every((l) => l.monthly === 'unknown'));
    assert.equal(estimate.total, 'unknown', 'never 0.00');
    assert.match(estimate.lines[0]?.basis ?? '', /no prices for region brazilsouth/);
    const outcome = plan({ name: 'baseplate.yaml', text: 'location: brazilsouth' });
    assert.ok(outcome.ok);
    const warning = outcome.diagnostics.find((d) => d.code === 'prices/missing');
    // A region the table lacks is a warning; a line a priced region lacks, a note (below).
    assert.equal(warning?.severity, 'warning');
    assert.match(warning?.message ?? '', /has no prices in brazilsouth/);
    assert.match(
      warning?.fix ?? '',
      /baseplate prices --refresh --region brazilsouth,southcentralus --out prices\.json/,
    );
  });

  it('prices an unknown VM size or a spot pool as unknown, and an ephemeral OS disk as nothing', () => {
    const cluster: PricedResource = {
      type: 'Microsoft.ContainerService/managedClusters',
      name: 'aks',
      location: 'eastus2',
      sku: { tier: 'Free' },
      properties: {
        agentPoolProfiles: [
          { name: 'big', mode: 'User', vmSize: 'Standard_M416ms_v2', count: 2, osDiskType: 'Ephemeral' },
          {
            name: 'spot',
            mode: 'User',
            vmSize: 'Standard_D4ds_v5',
            count: 2,
            scaleSetPriority: 'Spot',
            osDiskType: 'Ephemeral',
          },
        ],
      },
    };
    const estimate = costEstimate([cluster], PRICES);
    assert.deepEqual(find(estimate, /^control plane \(Free\)/).monthly, { min: 0, max: 0 });
    assert.equal(find(estimate, /^node pool big/).monthly, 'unknown');
    assert.match(find(estimate, /^node pool spot/).basis, /spot/);
    assert.ok(!estimate.lines.some((l) => /OS disks/.test(l.item)), 'ephemeral disks are free');
    assert.match(
      costMarkdown(estimate),
      /\| \*\*Total\*\* \| without 2 unknown item\(s\) \| \*\*18\.25\*\* \|/,
    );
  });

  it('prices Defender for Containers when the plan turns it on, and the load balancer AKS makes', () => {
    assert.deepEqual(find(baseline, /^internal load balancer \(Standard/).monthly, {
      min: 18.25,
      max: 18.25,
    });
    const undefended = estimateOf(planOk('defender: { enabled: false }').files);
    assert.ok(!undefended.lines.some((l) => /^Defender/.test(l.item)));
    assert.ok(
      undefended.notes.some((n) => /Defender for Containers, if enabled, adds about 6\.87 a vCore/.test(n)),
    );
    // On by default (spec "Security monitoring").
    const defended = baseline;
    // 3 × 2 + 2 × 8 vCPUs at the minimum, 4 × 2 + 5 × 8 at the maximum, 0.00941/vCore-hour.
    assert.deepEqual(find(defended, /^Defender for Containers, 22–48 vCores/).monthly, {
      min: 151.12,
      max: 329.73,
    });
    assert.ok(!defended.notes.some((n) => /if enabled/.test(n)));
  });

  it('prices what it cannot count, or a tier it has no price for, as unknown', () => {
    const resources: PricedResource[] = [
      {
        type: 'Microsoft.Network/applicationGateways',
        name: 'agw',
        location: 'eastus2',
        properties: {
          sku: { name: 'Standard_v2', tier: 'Standard_v2' },
          autoscaleConfiguration: { minCapacity: 2 },
        },
      },
      {
        type: 'Microsoft.ContainerService/managedClusters',
        name: 'aks',
        location: 'eastus2',
        sku: { tier: 'Standard' },
        properties: { agentPoolProfiles: [{ name: 'np', mode: 'User', vmSize: 'Standard_D4ds_v5' }] },
      },
    ];
    const estimate = costEstimate(resources, PRICES);
    assert.equal(find(estimate, /^Application Gateway Standard_v2/).monthly, 'unknown');
    assert.equal(find(estimate, /^node pool np$/).monthly, 'unknown');
  });

  it('charges container logs to the workspace a data collection rule names, not to one whose name it starts', () => {
    const workspace = (name: string): PricedResource => ({
      type: 'Microsoft.OperationalInsights/workspaces',
      name,
      location: 'eastus2',
    });
    const rule: PricedResource = {
      type: 'Microsoft.Insights/dataCollectionRules',
      name: 'dcr',
      location: 'eastus2',
      properties: {
        dataFlows: [{ streams: ['Microsoft-ContainerInsights-Group-Default'] }],
        destinations: {
          logAnalytics: [
            {
              workspaceResourceId:
                '/subscriptions/s/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/log-a-2',
            },
          ],
        },
      },
    };
    const estimate = costEstimate([workspace('log-a'), workspace('log-a-2'), rule], PRICES);
    assert.deepEqual(
      estimate.lines.filter((l) => /^container logs/.test(l.item)).map((l) => l.resource),
      ['log-a-2'],
    );
  });

  it('notes the cost levers that apply', () => {
    assert.ok(baseline.notes.some((n) => /Reserved VM instances/.test(n)));
    assert.ok(baseline.notes.some((n) => /ContainerLogV2 is on the Basic plan/.test(n)));
    assert.ok(!baseline.notes.some((n) => /start\/stop/.test(n)), 'production keeps running');
    const dev = estimateOf(planOk('preset: dev').files);
    assert.ok(
      dev.notes.some((n) => /start\/stop/.test(n)),
      dev.notes.join('\n'),
    );
  });

  it('uses a price table the user supplies, and writes the one it used', () => {
    const doubled: PriceTable = {
      ...PRICES,
      date: '2027-01',
      regions: {
        eastus2: {
          ...PRICES.regions['eastus2']!,
          vmHourly: { ...PRICES.regions['eastus2']!.vmHourly, Standard_DS4_v2: 0.916 },
        },
      },
    };
    const outcome = plan({ name: 'baseplate.yaml', text: '{}' }, { prices: doubled });
    assert.ok(outcome.ok);
    const estimate = estimateOf(outcome.files);
    assert.deepEqual(find(estimate, /^node pool npuser01/).monthly, { min: 1337.36, max: 3343.4 });
    const written = JSON.parse(
      outcome.files.find((f) => f.path === 'report/prices.json')?.content ?? '{}',
    ) as PriceTable;
    assert.equal(written.date, '2027-01');
    const reread = parsePriceTable('prices.json', JSON.stringify(written));
    assert.ok(reread.ok, 'what plan writes, --prices reads');
  });

  it('names a mistyped price or an unknown key, field by field', () => {
    const table = structuredClone(PRICES) as unknown as { regions: Record<string, Record<string, unknown>> };
    table.regions['eastus2']!['publicIpHourly'] = 'cheap';
    table.regions['eastus2']!['logAnalyticsPerGB'] = 2.76;
    const parsed = parsePriceTable('prices.json', JSON.stringify(table));
    assert.equal(parsed.ok, false);
    const paths = parsed.ok ? [] : parsed.diagnostics.map((d) => d.path?.join('.'));
    assert.deepEqual(paths.sort(), ['regions.eastus2', 'regions.eastus2.publicIpHourly']);
    assert.equal(parsePriceTable('prices.json', '{ not json').ok, false);
    const empty = parsePriceTable('prices.json', JSON.stringify({ ...PRICES, regions: {} }));
    assert.equal(empty.ok, false, 'a table pricing no region would price everything as unknown');
    // Each fix fits its field: a header field missing, a price mistyped, a key unknown.
    const fixes = (text: string) =>
      new Map(
        (() => {
          const outcome = parsePriceTable('prices.json', text);
          return outcome.ok
            ? []
            : outcome.diagnostics.map((d) => [d.path?.join('.'), `${d.message} | ${d.fix}`]);
        })(),
      );
    const bare = fixes('{}');
    assert.match(bare.get('source') ?? '', /^is required \| Give "source": where the prices come from/);
    assert.match(
      bare.get('currency') ?? '',
      /^is required \| Give "currency": the currency code \(such as USD\)/,
    );
    const typed = fixes(JSON.stringify(table));
    assert.match(
      typed.get('regions.eastus2.publicIpHourly') ?? '',
      /expected number.* \| Give every price as a number/,
    );
    assert.match(
      typed.get('regions.eastus2') ?? '',
      /logAnalyticsPerGB.* \| Remove it, or check its spelling against report\/prices\.json/,
    );
  });

  it('gives what the table lacks as unknown, names it, and warns with the refresh command', () => {
    const eastus2 = { ...PRICES.regions['eastus2']! };
    delete (eastus2 as { logAnalyticsPerGb?: number }).logAnalyticsPerGb;
    const lacking: PriceTable = { ...PRICES, regions: { eastus2, centralus: PRICES.regions['centralus']! } };
    const outcome = plan({ name: 'baseplate.yaml', text: '{}' }, { prices: lacking });
    assert.ok(outcome.ok);
    const ingestion = outcome.cost.lines.filter((l) => /^log ingestion/.test(l.item));
    assert.ok(ingestion.length > 0 && ingestion.every((l) => l.monthly === 'unknown'));
    assert.ok(
      outcome.cost.missingPrices.some((m) => m.region === 'eastus2' && m.price === 'logAnalyticsPerGb'),
    );
    const warning = outcome.diagnostics.find((d) => d.code === 'prices/missing');
    assert.ok(warning, outcome.diagnostics.map((d) => d.code).join(', '));
    // The region is priced, one line is not: a note, the total says it is short of it.
    assert.equal(warning.severity, 'info');
    assert.match(
      warning.message,
      /lacks \d+ price\(s\) in eastus2 .*logAnalyticsPerGb.*total leaves them out/,
    );
    assert.match(
      warning.fix ?? '',
      /baseplate prices --refresh --region eastus2,centralus --out prices\.json/,
    );
    const markdown = outcome.files.find((f) => f.path === 'report/cost.md')?.content ?? '';
    assert.match(markdown, /Prices the table lacks.*\n\n- eastus2: logAnalyticsPerGb/);
    assert.match(markdown, new RegExp(`^Prices as of ${PRICES.date}: `, 'm'));
  });

  it('prices every line of the default plan in each region the built-in table covers, or says why not', () => {
    for (const region of REQUIRED_REGIONS) {
      // Sweden Central's and Germany West Central's pairs are open by request only: replicate in Europe.
      const replica = { swedencentral: 'northeurope', germanywestcentral: 'westeurope' }[region as string];
      const spokes = replica
        ? `\nspokes: [{ name: "00", addressSpace: 10.240.0.0/16, registry: { geoReplication: { locations: [${replica}] } } }]`
        : '';
      const outcome = plan({ name: 'baseplate.yaml', text: `location: ${region}${spokes}` });
      assert.ok(outcome.ok, region);
      const unknown = outcome.cost.lines.filter((l) => l.monthly === 'unknown');
      // An unknown line is either a price the table names as not found, with why (prices-data.test.ts
      // checks each), or one in a region the table lacks (the geo-replica's pair region, say).
      const documented = unknown.filter((l) =>
        outcome.cost.missingPrices.some(
          (m) =>
            (l.basis.includes(m.price) && PRICES.regions[m.region]?.unknown?.[m.price] !== undefined) ||
            (l.basis.includes(`region ${m.region} `) && PRICES.regions[m.region] === undefined),
        ),
      );
      assert.equal(unknown.length, documented.length, `${region}: ${unknown.map((l) => l.basis).join('; ')}`);
      // Each is in a note or warning that names the command that fetches it.
      for (const missing of outcome.cost.missingPrices) {
        assert.ok(
          outcome.diagnostics.some(
            (d) =>
              d.code === 'prices/missing' &&
              d.message.includes(` in ${missing.region} `) &&
              JSON.stringify(d).includes(`--region ${outcome.cost.regions.join(',')}`),
          ),
          `${region}: ${missing.region} ${missing.price}`,
        );
      }
    }
  });
});

describe('the estimate against the budget', () => {
  const estimate = { total: { min: 5000, max: 9400 }, currency: 'USD', unknownLines: 0 } as const;

  it('is a warning with both figures when the budget is below the estimate', () => {
    const below = compareWithBudget(estimate, 1000);
    assert.equal(below.verdict, 'below-minimum');
    assert.match(below.text, /budget of 1,000 USD is below the estimate of 5000\.00–9400\.00 USD a month/);
    const between = compareWithBudget(estimate, 9399);
    assert.equal(between.verdict, 'below-maximum');
    assert.match(between.text, /9,399 USD is below the estimate's maximum \(5000\.00–9400\.00 USD a month\)/);
  });

  it('is none when the budget covers the estimate, and says so in the report', () => {
    const covers = compareWithBudget(estimate, 9400);
    assert.equal(covers.verdict, 'covers');
    assert.match(covers.text, /covers the estimate/);
    assert.equal(compareWithBudget({ ...estimate, total: 'unknown' }, 10).verdict, 'unknown');
    assert.match(compareWithBudget({ ...estimate, unknownLines: 2 }, 1).text, /2 item\(s\) have no price/);
  });

  it('warns in the plan at cost.monthlyBudget, on the line that sets it', () => {
    const low = plan({ name: 'baseplate.yaml', text: 'cost:\n  monthlyBudget: 1000\n' });
    assert.ok(low.ok);
    const warning = low.diagnostics.find((d) => d.code === 'cost/over-budget');
    assert.ok(warning);
    assert.equal(warning.severity, 'warning');
    assert.deepEqual(warning.path, ['cost', 'monthlyBudget']);
    assert.deepEqual(warning.position, { line: 2, column: 18 });
    const total = low.cost.total;
    assert.ok(total !== 'unknown');
    assert.ok(
      warning.message.includes(`1,000 USD is below the estimate of ${formatMonthly(total)} USD`),
      warning.message,
    );
    assert.match(
      low.files.find((f) => f.path === 'report/cost.md')?.content ?? '',
      /^Budget: The monthly budget of 1,000 USD is below/m,
    );
    const high = plan({ name: 'baseplate.yaml', text: `cost:\n  monthlyBudget: ${Math.ceil(total.max)}\n` });
    assert.ok(high.ok);
    assert.equal(
      high.diagnostics.find((d) => d.code === 'cost/over-budget'),
      undefined,
    );
    assert.deepEqual(
      costDiagnostics(low.cost, Math.ceil(total.max), []).filter((d) => d.code === 'cost/over-budget'),
      [],
    );
  });
});

describe('plan --prices', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-cost-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runCli(['plan', ...args], { cwd: dir });

  it('prints the cost range, and refuses a bad table with exit code 2, writing nothing', async () => {
    const good = await run('--out', 'out');
    assert.equal(good.code, 0, good.stderr);
    assert.match(
      good.stdout,
      new RegExp(
        `Cost: [\\d.]+–[\\d.]+ USD a month(?: \\(\\d+ item\\(s\\) unknown\\))?, prices of ${PRICES.date}; report/cost\\.md`,
      ),
    );
    const table = JSON.parse(readFileSync(join(dir, 'out', 'report', 'prices.json'), 'utf8')) as PriceTable;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...table, currency: 42 }));
    const bad = await run('--out', 'again', '--prices', 'bad.json');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json: error: currency: .*expected string/);
    assert.equal(existsSync(join(dir, 'again')), false);
    const missing = await run('--out', 'again', '--prices', 'nowhere.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.json: no such file/);
    assert.equal(existsSync(join(dir, 'again')), false);
  });

  it('prices with the table it is given, read from its working folder', async () => {
    const table = JSON.parse(readFileSync(join(dir, 'out', 'report', 'prices.json'), 'utf8')) as PriceTable;
    mkdirSync(join(dir, 'tables'));
    writeFileSync(join(dir, 'tables', 'later.json'), JSON.stringify({ ...table, date: '2031-07' }));
    const priced = await run('--out', 'later', '--prices', 'tables/later.json');
    assert.equal(priced.code, 0, priced.stderr);
    const written = JSON.parse(
      readFileSync(join(dir, 'later', 'report', 'prices.json'), 'utf8'),
    ) as PriceTable;
    assert.equal(written.date, '2031-07');
  });
});
