/**
 * The contract of `plan`, for each folder of test/cases/ with a baseplate.yaml.
 * The default plan's files are pinned byte for byte in default/expected/. Every
 * other scenario is pinned as its difference from the default plan, in
 * <scenario>/expected.diff (see golden-diff.ts), plus assertions of what the
 * scenario is for: a change to one resource rewrites the default's files and,
 * elsewhere, only a diff that shows it. UPDATE_GOLDEN=1 rewrites both forms;
 * review the diff like code.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import type {
  DeploymentOrder,
  DeploymentOrderStage,
  IpPlan,
  ResolvedResource,
  ResolvedResources,
} from '../src/core/index.js';
import { DEPLOYMENT_ORDER_PATH, IP_PLAN_PATH, RESOURCES_PATH } from '../src/core/index.js';
import { plan } from '../src/core/plan.js';
import type { TreeFile } from './golden-diff.js';
import { diffLines, hunks, treeDiff } from './golden-diff.js';
import { assertGolden, repoRoot } from './helpers.js';

const BASE = 'default';
const casesRoot = join(repoRoot, 'test', 'cases');
const cases = readdirSync(casesRoot).filter((name) => existsSync(join(casesRoot, name, 'baseplate.yaml')));
const updating = process.env['UPDATE_GOLDEN'] === '1';

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

const planned = new Map<string, readonly TreeFile[]>();
function filesOf(name: string): readonly TreeFile[] {
  const known = planned.get(name);
  if (known) return known;
  const text = readFileSync(join(casesRoot, name, 'baseplate.yaml'), 'utf8');
  const outcome = plan({ name: 'baseplate.yaml', text });
  assert.ok(outcome.ok, outcome.ok ? '' : JSON.stringify(outcome.diagnostics, null, 1));
  planned.set(name, outcome.files);
  return outcome.files;
}

describe('plan output (golden)', () => {
  it(`${BASE}: every file`, () => {
    const files = filesOf(BASE);
    const folder = join(casesRoot, BASE, 'expected');
    // Rewriting starts from nothing, so files plan no longer writes do not linger.
    if (updating) rmSync(folder, { recursive: true, force: true });
    for (const file of files) assertGolden(`test/cases/${BASE}/expected/${file.path}`, file.content);
    if (!updating)
      assert.deepEqual(
        filesUnder(folder),
        files.map((f) => f.path).sort(),
        'expected/ holds files plan no longer writes',
      );
  });

  for (const name of cases.filter((c) => c !== BASE)) {
    it(`${name}: its difference from ${BASE}`, () => {
      const stale = join(casesRoot, name, 'expected');
      if (updating) rmSync(stale, { recursive: true, force: true });
      else assert.ok(!existsSync(stale), `test/cases/${name}/expected/ is stale: the diff replaced it`);
      assertGolden(`test/cases/${name}/expected.diff`, treeDiff(filesOf(BASE), name, filesOf(name)));
    });
  }
});

// What each scenario is for (its baseplate.yaml says it), asserted on the files
// plan writes: the diff pins them, these say which parts of it are the point.

/** A resource of resources.json as these assertions read it: every one Baseplate writes has properties. */
type Resource = ResolvedResource & {
  readonly sku?: { readonly tier?: string };
  readonly properties: Record<string, unknown>;
};
interface Subnet {
  readonly name: string;
  readonly properties: { readonly addressPrefix: string };
}
interface AgentPool {
  readonly name: string;
  readonly mode: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly vmSize: string;
  readonly osDiskSizeGB: number;
  readonly vnetSubnetID: string;
}
function json<T>(name: string, path: string): T {
  const file = filesOf(name).find((f) => f.path === path);
  assert.ok(file, `${name} writes no ${path}`);
  return JSON.parse(file.content) as T;
}
const resources = (name: string): readonly Resource[] =>
  json<ResolvedResources>(name, RESOURCES_PATH).resources as readonly Resource[];
const ofType = (name: string, type: string): Resource[] => resources(name).filter((r) => r.type === type);
const stages = (name: string): readonly DeploymentOrderStage[] =>
  json<DeploymentOrder>(name, DEPLOYMENT_ORDER_PATH).stages;
const spokeNetworks = (name: string): Resource[] =>
  ofType(name, 'Microsoft.Network/virtualNetworks').filter((r) => r.stage.startsWith('spoke-'));
const subnetsOf = (network: Resource): Subnet[] => network.properties['subnets'] as Subnet[];
const addressSpaceOf = (network: Resource): string[] =>
  (network.properties['addressSpace'] as { addressPrefixes: string[] }).addressPrefixes;
const poolsOf = (cluster: Resource): AgentPool[] => cluster.properties['agentPoolProfiles'] as AgentPool[];
// ipaddr.js, not the planner's own arithmetic, judges the ranges.
const within = (inner: string, outer: string): boolean => {
  const [address, bits] = ipaddr.IPv4.parseCIDR(inner);
  return bits >= ipaddr.IPv4.parseCIDR(outer)[1] && address.match(ipaddr.IPv4.parseCIDR(outer));
};
/** Two aligned blocks overlap only when one holds the other. */
function assertDisjoint(prefixes: readonly string[]): void {
  for (const [index, one] of prefixes.entries())
    for (const other of prefixes.slice(index + 1))
      assert.ok(!within(one, other) && !within(other, one), `${one} overlaps ${other}`);
}

describe('scenario intent', () => {
  it('dev: the dev preset: Free tier, small pools, no Bastion, one firewall IP, no geo-replication', () => {
    const [cluster, ...more] = ofType('dev', 'Microsoft.ContainerService/managedClusters');
    assert.equal(more.length, 0);
    assert.match(cluster!.name, /-dev-/);
    assert.equal(cluster!.sku?.tier, 'Free');
    const pools = poolsOf(cluster!);
    assert.deepEqual(
      pools.map((p) => [p.mode, p.minCount, p.maxCount, p.osDiskSizeGB]),
      [
        ['System', 1, 3, 128],
        ['User', 1, 3, 128],
      ],
    );
    assert.equal(pools.find((p) => p.mode === 'User')!.vmSize, 'Standard_DS3_v2');
    assert.deepEqual(ofType('dev', 'Microsoft.Network/bastionHosts'), []);
    assert.equal(ofType('dev', 'Microsoft.Network/azureFirewalls').length, 1);
    assert.equal(
      ofType('dev', 'Microsoft.Network/publicIPAddresses').filter((ip) => ip.name.startsWith('pip-afw-'))
        .length,
      1,
    );
    assert.deepEqual(ofType('dev', 'Microsoft.ContainerRegistry/registries/replications'), []);
    const [gateway] = ofType('dev', 'Microsoft.Network/applicationGateways');
    assert.deepEqual(gateway!.properties['autoscaleConfiguration'], { minCapacity: 0, maxCapacity: 2 });
  });

  it("existing-hub: no hub stage; the hub's side is the network team's; the spoke peers with the hub by ID", () => {
    const config = readFileSync(join(casesRoot, 'existing-hub', 'baseplate.yaml'), 'utf8');
    const hubId = /virtualNetworkId: (\S+)/.exec(config)![1]!;
    const order = stages('existing-hub');
    assert.ok(!order.some((s) => s.name === 'hub'));
    assert.ok(!filesOf('existing-hub').some((f) => f.path === 'azure/01-hub.json'));
    assert.deepEqual(ofType('existing-hub', 'Microsoft.Network/azureFirewalls'), []);
    const theirs = order.filter((s) => s.appliedBy === 'hub owner');
    assert.ok(theirs.length > 0);
    for (const stage of theirs) assert.match(stage.template, /^network-team\//);
    const peerings = ofType('existing-hub', 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
    const spokeSide = peerings.filter((p) => p.stage === 'spoke-00');
    assert.equal(spokeSide.length, 1);
    assert.deepEqual(spokeSide[0]!.properties['remoteVirtualNetwork'], { id: hubId });
    const hubSide = peerings.filter((p) => p.name.startsWith(`${hubId.split('/').pop()!}/`));
    assert.equal(hubSide.length, 1);
    assert.match(hubSide[0]!.stage, /^network-team-/);
  });

  it('two-spokes: two clusters, each in its own spoke, with distinct ranges', () => {
    const clusters = ofType('two-spokes', 'Microsoft.ContainerService/managedClusters');
    assert.equal(clusters.length, 2);
    assert.equal(new Set(clusters.map((c) => c.name)).size, 2);
    const networks = spokeNetworks('two-spokes');
    assert.deepEqual(networks.map(addressSpaceOf), [['10.240.0.0/16'], ['10.241.0.0/16']]);
    const hub = ofType('two-spokes', 'Microsoft.Network/virtualNetworks').filter((r) => r.stage === 'hub');
    assert.equal(hub.length, 1);
    assertDisjoint([...networks, ...hub].flatMap(addressSpaceOf));
    for (const network of networks)
      for (const subnet of subnetsOf(network))
        assert.ok(within(subnet.properties.addressPrefix, addressSpaceOf(network)[0]!), subnet.name);
    assert.deepEqual(
      clusters.map((c) => c.sku?.tier),
      ['Standard', 'Free'],
    );
  });

  it('subnet-per-pool: one node subnet per pool, the given one where it was given', () => {
    const [cluster] = ofType('subnet-per-pool', 'Microsoft.ContainerService/managedClusters');
    const pools = poolsOf(cluster!);
    assert.deepEqual(
      pools.map((p) => p.name),
      ['npsystem', 'npuser01', 'npbatch'],
    );
    const subnetIds = pools.map((p) => p.vnetSubnetID);
    assert.equal(new Set(subnetIds).size, pools.length);
    const [network] = spokeNetworks('subnet-per-pool');
    const subnets = new Map(subnetsOf(network!).map((s) => [s.name, s.properties.addressPrefix]));
    for (const id of subnetIds) assert.ok(subnets.has(id.split('/').pop()!), id);
    assert.equal(subnets.get('snet-nodes-npuser01'), '10.240.8.0/22');
    assertDisjoint([...subnets.values()]);
  });

  it('small-spoke: every subnet fits the /24, each the smallest that holds what it must', () => {
    const [network] = spokeNetworks('small-spoke');
    assert.deepEqual(addressSpaceOf(network!), ['10.240.0.0/24']);
    const prefixes = subnetsOf(network!).map((s) => s.properties.addressPrefix);
    for (const prefix of prefixes) assert.ok(within(prefix, '10.240.0.0/24'), prefix);
    assertDisjoint(prefixes);
    const planned = json<IpPlan>('small-spoke', IP_PLAN_PATH).networks.find(
      (n) => n.role === 'spoke',
    )!.subnets;
    assert.deepEqual(planned.map((s) => s.prefix).sort(), [...prefixes].sort());
    // Azure keeps five addresses of every subnet and allows none smaller than /29.
    // Source: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
    for (const subnet of planned) {
      assert.ok(subnet.usable >= subnet.required, subnet.prefix);
      assert.ok(
        subnet.addresses === 8 || subnet.addresses / 2 - 5 < subnet.required,
        `${subnet.prefix} could halve`,
      );
    }
  });
});

describe('golden diff', () => {
  /** The length of a longest common subsequence, by the textbook table. */
  function lcs(a: readonly string[], b: readonly string[]): number {
    let row = new Array<number>(b.length + 1).fill(0);
    for (const x of a) {
      const next = [0];
      for (const [j, y] of b.entries()) next.push(x === y ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
      row = next;
    }
    return row[b.length]!;
  }
  const lines = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 14 });

  it('rebuilds both sides and is a shortest edit script (property)', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        assert.deepEqual(
          ops.filter((op) => op.kind !== '+').map((op) => op.line),
          a,
        );
        assert.deepEqual(
          ops.filter((op) => op.kind !== '-').map((op) => op.line),
          b,
        );
        assert.equal(ops.filter((op) => op.kind === ' ').length, lcs(a, b));
      }),
    );
  });

  it('shows a missing last line end, and nothing for equal texts', () => {
    assert.deepEqual(hunks('a\nb\n', 'a\nb\n'), []);
    assert.deepEqual(hunks('a\nb\n', 'a\nb'), ['@@', ' a', '-b', '+b', '\\ No newline at end of file']);
  });

  it('shows a renumbered file against its default, and lists the files not written', () => {
    const base = [
      { path: 'azure/07-cluster-00.json', content: 'one\ntwo\nthree\n' },
      { path: 'azure/09-gone.json', content: 'x\n' },
    ];
    const files = [
      { path: 'azure/08-cluster-00.json', content: 'one\ntwo\nthree\n' },
      { path: 'azure/14-cluster-01.json', content: 'one\n2\nthree\n' },
      { path: 'azure/new.json', content: 'z\n' },
    ];
    assert.equal(
      treeDiff(base, 'two', files),
      [
        '--- default/azure/07-cluster-00.json',
        '+++ two/azure/08-cluster-00.json',
        '@@ same content',
        '--- default/azure/07-cluster-00.json',
        '+++ two/azure/14-cluster-01.json',
        '@@',
        ' one',
        '-two',
        '+2',
        ' three',
        '--- /dev/null',
        '+++ two/azure/new.json',
        '@@',
        '+z',
        '--- default/azure/07-cluster-00.json',
        '+++ /dev/null',
        '@@ not written',
        '--- default/azure/09-gone.json',
        '+++ /dev/null',
        '@@ not written',
        '',
      ].join('\n'),
    );
  });
});
