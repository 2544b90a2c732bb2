/** `baseplate prices --refresh` against a local stand-in of the Azure Retail Prices API. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parsePriceTable } from '../src/core/data/price-file.js';
import type { PriceTable } from '../src/core/data/prices.js';
import { PRICES } from '../src/core/data/prices.js';
import type { RetailItem } from '../src/core/data/retail-prices.js';
import { fallbackFilter, regionFilters, regionPricesFrom } from '../src/core/data/retail-prices.js';
import type { CostEstimate } from '../src/core/formats/cost.js';
import { runCli } from './support/cli.js';
import type { StandIn } from './support/retail-prices-api.js';
import { parseFilter, retailPricesStandIn } from './support/retail-prices-api.js';

/** An item as the API returns it (the documentation's example fields). */
function item(
  fields: Partial<RetailItem> & Pick<RetailItem, 'serviceName' | 'meterName' | 'retailPrice'>,
): RetailItem {
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    armRegionName: 'eastus2',
    productName: fields.serviceName,
    skuName: 'Standard',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    armSkuName: '',
    effectiveStartDate: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

const vm = (armSkuName: string, retailPrice: number, extra: Partial<RetailItem> = {}) =>
  item({
    serviceName: 'Virtual Machines',
    productName: 'Virtual Machines Ddsv5 Series',
    meterName: armSkuName.replace('Standard_', '').replace(/_/g, ' '),
    skuName: armSkuName.replace('Standard_', '').replace(/_/g, ' '),
    armSkuName,
    retailPrice,
    ...extra,
  });

const ITEMS: readonly RetailItem[] = [
  vm('Standard_D4ds_v5', 0.226),
  vm('Standard_D4ds_v5', 0.41, { productName: 'Virtual Machines Ddsv5 Series Windows' }),
  vm('Standard_D4ds_v5', 0.05, { meterName: 'D4ds v5 Spot', skuName: 'D4ds v5 Spot' }),
  vm('Standard_D4ds_v5', 0.045, { meterName: 'D4ds v5 Low Priority', skuName: 'D4ds v5 Low Priority' }),
  vm('Standard_D4ds_v5', 0.272, { armRegionName: 'westeurope' }),
  vm('Standard_DS2_v2', 0.114, { productName: 'Virtual Machines DSv2 Series' }),
  vm('Standard_DS4_v2', 0.458, { productName: 'Virtual Machines DSv2 Series' }),
  vm('Standard_DS4_v2', 0.458, { productName: 'Virtual Machines Dv2 Series' }),
  vm('Standard_D4ds_v5', 0.226, { type: 'Reservation', unitOfMeasure: '1 Hour' }),
  // The API also lists Cloud Services products for VM sizes, priced as Windows without saying so
  // ("Dasv5 Series Cloud Services", D8as v5 0.712 in eastus beside 0.344 Linux, API output of 2026-07-27).
  vm('Standard_E8s_v5', 0.9, { productName: 'Esv5 Series Cloud Services' }),
  item({ serviceName: 'Azure Kubernetes Service', meterName: 'Standard Uptime SLA', retailPrice: 0.1 }),
  item({
    serviceName: 'Azure Kubernetes Service',
    meterName: 'Standard Long Term Support',
    retailPrice: 0.6,
  }),
  item({ serviceName: 'Azure Firewall', meterName: 'Standard Deployment', retailPrice: 1.25 }),
  item({
    serviceName: 'Azure Firewall',
    meterName: 'Standard Data Processed',
    retailPrice: 0.016,
    unitOfMeasure: '1 GB',
  }),
  item({
    serviceName: 'Application Gateway',
    productName: 'Application Gateway WAF v2',
    meterName: 'Standard Fixed Cost',
    retailPrice: 0.36,
  }),
  item({
    serviceName: 'Application Gateway',
    productName: 'Application Gateway WAF v2',
    meterName: 'Standard Capacity Units',
    retailPrice: 0.0144,
  }),
  item({
    serviceName: 'Application Gateway',
    productName: 'Application Gateway WAF v2 - Discounted',
    meterName: 'Standard Fixed Cost',
    retailPrice: 0.2,
  }),
  item({ serviceName: 'Azure Bastion', meterName: 'Standard Gateway', retailPrice: 0.29 }),
  item({
    serviceName: 'Container Registry',
    meterName: 'Premium Registry Unit',
    retailPrice: 1.6666,
    unitOfMeasure: '1/Day',
  }),
  item({
    serviceName: 'Container Registry',
    meterName: 'Premium Registry Replication Unit',
    retailPrice: 1.6666,
    unitOfMeasure: '1/Day',
  }),
  item({
    serviceName: 'Virtual Network',
    productName: 'IP Addresses',
    meterName: 'Standard IPv4 Static Public IP',
    retailPrice: 0.005,
  }),
  item({
    serviceName: 'Log Analytics',
    meterName: 'Analytics Logs Data Ingestion',
    retailPrice: 0,
    unitOfMeasure: '1 GB',
  }),
  item({
    serviceName: 'Log Analytics',
    meterName: 'Analytics Logs Data Ingestion',
    retailPrice: 2.76,
    tierMinimumUnits: 5,
    unitOfMeasure: '1 GB',
  }),
  item({ serviceName: 'Log Analytics', meterName: 'Analytics Logs Data Retention', retailPrice: 0.12 }),
  item({ serviceName: 'Azure Monitor', meterName: 'Basic Logs Data Ingestion', retailPrice: 0.5 }),
  item({ serviceName: 'Azure Monitor', meterName: 'Metrics ingestion Metric samples', retailPrice: 0.16 }),
  item({ serviceName: 'Key Vault', meterName: 'Operations', retailPrice: 0.03, unitOfMeasure: '10K' }),
  ...(
    [
      ['P10', 17.92],
      ['P15', 34.56],
      ['P20', 66.56],
      ['P30', 122.88],
    ] as const
  ).map(([tier, price]) =>
    item({
      serviceName: 'Storage',
      productName: 'Premium SSD Managed Disks',
      meterName: `${tier} LRS Disk`,
      retailPrice: price,
      unitOfMeasure: '1/Month',
    }),
  ),
  item({
    serviceName: 'Microsoft Defender for Cloud',
    productName: 'Microsoft Defender for Containers',
    meterName: 'Standard vCore vCore Pack',
    retailPrice: 0.00941,
  }),
  // Published outside the region: the load balancer and Private Link at Global, DNS in zone 1.
  item({
    serviceName: 'Load Balancer',
    meterName: 'Standard Included LB Rules and Outbound Rules',
    retailPrice: 0.025,
    armRegionName: 'Global',
  }),
  item({
    serviceName: 'Virtual Network',
    productName: 'Virtual Network Private Link',
    meterName: 'Standard Private Endpoint',
    retailPrice: 0.01,
    armRegionName: 'Global',
  }),
  item({ serviceName: 'Azure DNS', meterName: 'Private Zone', retailPrice: 0.5, armRegionName: 'Zone 1' }),
  item({
    serviceName: 'Azure DNS',
    meterName: 'Private Zone',
    retailPrice: 0.1,
    armRegionName: 'Zone 1',
    tierMinimumUnits: 25,
  }),
];

describe('the Retail Prices API meters', () => {
  it('reads Linux pay-as-you-go prices of the region alone (no Windows, spot, low priority or Cloud Services row), and says what it did not find', () => {
    const sizes = ['Standard_D4ds_v5', 'Standard_DS4_v2', 'Standard_E8s_v5'];
    const prices = regionPricesFrom(ITEMS, 'eastus2', sizes);
    assert.deepEqual(prices.vmHourly, { Standard_D4ds_v5: 0.226, Standard_DS4_v2: 0.458 });
    assert.equal(prices.unknown?.['vmHourly.Standard_E8s_v5'], 'no Linux pay-as-you-go price in eastus2');
    assert.equal(prices.logAnalyticsPerGb, 2.76, 'the paid tier, beyond the free 5 GB');
    assert.equal(prices.privateDnsZoneMonthly, 0.5, 'the first 25 zones');
    assert.deepEqual(prices.appGatewayWafV2, { fixedHourly: 0.36, capacityUnitHourly: 0.0144 });
    assert.equal(prices.loadBalancerHourly, 0.025);
    assert.equal(prices.sources?.['loadBalancerHourly'], 'retail-api (Global)');
    assert.equal(prices.sources?.['vmHourly.Standard_D4ds_v5'], 'retail-api');
    assert.deepEqual(prices.bastionHourly, { Standard: 0.29 });
    assert.match(prices.unknown?.['bastionHourly.Premium'] ?? '', /no meter "Premium Gateway"/);
    assert.match(prices.unknown?.['firewallHourly.Basic'] ?? '', /Basic Deployment/);
    // westeurope has only its D4ds_v5: nothing of eastus2's is taken for it.
    const west = regionPricesFrom(ITEMS, 'westeurope', sizes);
    assert.deepEqual(west.vmHourly, { Standard_D4ds_v5: 0.272 });
    assert.equal(west.publicIpHourly, undefined);
    assert.ok(west.unknown?.['publicIpHourly']);
  });

  it('asks in filters the documented OData grammar reads', () => {
    for (const filter of [...regionFilters('eastus2', ['Standard_D4ds_v5']), fallbackFilter()])
      assert.doesNotThrow(() => parseFilter(filter), filter);
    assert.throws(() => parseFilter("serviceName eq 'x' and"), /expected/);
  });
});

describe('baseplate prices --refresh', () => {
  let api: StandIn;
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-prices-'));
  before(async () => {
    api = await retailPricesStandIn(ITEMS, { pageSize: 3 });
  });
  after(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: readonly string[], url = api.url) =>
    runCli(['prices', ...args], { cwd: dir, env: { BASEPLATE_PRICES_API: url } });

  it('writes a dated table from every page of the API, which plan --prices reads', async () => {
    const result = await run(['--refresh', '--region', 'eastus2,westeurope', '--out', 'p.json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Wrote p\.json: prices of 2 region\(s\) in USD, as of \d{4}-\d{2}-\d{2}\./);
    assert.match(result.stdout, /Not published .*eastus2 vmHourly\.Standard_B2s/);
    assert.match(result.stdout, /Use it: baseplate plan --prices p\.json/);
    // Three items a page: the VM query of eastus2 (5 Linux, Windows, spot and reservation rows) takes two pages.
    assert.ok(
      api.requests.some((r) => r.includes('%24skip=3')),
      api.requests.join('\n'),
    );
    const text = readFileSync(join(dir, 'p.json'), 'utf8');
    const parsed = parsePriceTable('p.json', text);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const table = JSON.parse(text) as PriceTable;
    assert.match(table.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(table.regions['eastus2']?.vmHourly?.['Standard_DS4_v2'], 0.458);
    assert.equal(table.regions['eastus2']?.firewallHourly?.['Standard'], 1.25);
    assert.equal(
      table.sources?.['retail-api']?.startsWith(`Azure Retail Prices API (${api.url}), read ${table.date}`),
      true,
    );

    const planned = await runCli(['plan', '--out', 'out', '--prices', 'p.json'], { cwd: dir });
    assert.equal(planned.code, 0, planned.stderr);
    assert.match(planned.stdout, new RegExp(`prices of ${table.date}; report/cost\\.md`));
    const cost = JSON.parse(readFileSync(join(dir, 'out', 'report', 'cost.json'), 'utf8')) as CostEstimate;
    // The geo-replica's region was not read: a warning names the command for the plan's regions.
    assert.ok(cost.missingPrices.some((m) => m.region === 'centralus' && m.price === 'registryReplicaDaily'));
    assert.match(
      planned.stderr,
      /warning: the price table of .* has no prices in centralus .*\n {2}fix: Run `npx -y aks-baseplate prices --refresh --region eastus2,centralus --out prices\.json`/,
    );
  });

  it('prices in the currency asked for', async () => {
    const result = await run(['--refresh', '--region', 'eastus2', '--currency', 'EUR', '--out', 'eur.json']);
    assert.equal(result.code, 0, result.stderr);
    const table = JSON.parse(readFileSync(join(dir, 'eur.json'), 'utf8')) as PriceTable;
    assert.equal(table.currency, 'EUR');
    assert.equal(table.regions['eastus2']?.firewallHourly?.['Standard'], 1.125);
    assert.ok(api.requests.some((r) => r.includes('currencyCode=%27EUR%27')));
  });

  it('fails with exit code 3, writing nothing, when the API fails or cannot be reached', async () => {
    const failing = await retailPricesStandIn(ITEMS, { status: 503 });
    try {
      const result = await run(['--refresh', '--region', 'eastus2', '--out', 'failed.json'], failing.url);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /the Azure Retail Prices API failed: .* answered 503/);
      assert.match(result.stderr, /Nothing was written/);
      assert.equal(existsSync(join(dir, 'failed.json')), false);
    } finally {
      await failing.close();
    }
    // A port nothing listens on: taken, then freed.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((done) => probe.close(() => done()));
    const unreachable = await run(
      ['--refresh', '--region', 'eastus2', '--out', 'failed.json'],
      `http://127.0.0.1:${port}/api/retail/prices`,
    );
    assert.equal(unreachable.code, 3);
    assert.match(unreachable.stderr, /cannot be reached/);
    assert.equal(existsSync(join(dir, 'failed.json')), false);
  });

  it('refuses a region or currency it does not know with exit code 2', async () => {
    const region = await run(['--refresh', '--region', 'eastus9', '--out', 'x.json']);
    assert.equal(region.code, 2);
    assert.match(region.stderr, /--region: eastus9 is not an Azure region name/);
    const currency = await run(['--refresh', '--region', 'eastus2', '--currency', 'euro', '--out', 'x.json']);
    assert.equal(currency.code, 2);
    assert.match(currency.stderr, /--currency: "euro" is not a currency code/);
    assert.equal(existsSync(join(dir, 'x.json')), false);
  });

  it('without --refresh, shows the built-in table, its date and each price a region lacks', async () => {
    const result = await run([]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Built-in price table: USD, as of ${PRICES.date}\\.`));
    const lacks = Object.keys(PRICES.regions['eastus2']?.unknown ?? {});
    assert.ok(lacks.length > 0, 'the built-in table lacks prices in eastus2');
    assert.match(
      result.stdout,
      new RegExp(
        `eastus2 +\\d+ prices, ${lacks.length} not found\\n {4}lacks: ${lacks.join(', ').replaceAll('.', '\\.')}\\n`,
      ),
    );
    const json = await run(['--region', 'eastus2', '-o', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const shown = JSON.parse(json.stdout) as { date: string; regions: Record<string, { unknown: object }> };
    assert.equal(shown.date, PRICES.date);
    assert.deepEqual(Object.keys(shown.regions), ['eastus2']);
    assert.deepEqual(shown.regions['eastus2']?.unknown, PRICES.regions['eastus2']?.unknown);
    assert.equal((await run(['--region', 'eastus2', '--json'])).stdout, json.stdout);
  });

  it('without --refresh, refuses what only --refresh takes, and a region the table lacks (exit 2, nothing written)', async () => {
    const requestsBefore = api.requests.length;
    const out = await run(['--out', 'y.json']);
    assert.equal(out.code, 2);
    assert.match(out.stderr, /--out applies to --refresh alone: add --refresh/);
    const currency = await run(['--currency', 'EUR']);
    assert.equal(currency.code, 2);
    assert.match(currency.stderr, /--currency applies to --refresh alone/);
    const region = await run(['--region', 'westus2']);
    assert.equal(region.code, 2);
    assert.match(
      region.stderr,
      /the built-in table has no prices for westus2; read them with --refresh --region westus2/,
    );
    assert.equal(existsSync(join(dir, 'y.json')), false);
    assert.equal(api.requests.length, requestsBefore, 'the API is not asked');
  });
});
