/**
 * Every rule passes on the default plan's artifacts and fails on a fixture that
 * breaks what it checks: a single change to those artifacts. Together the
 * fixtures are a mutation catalog, and every mutation must be caught.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import type { Rule } from '../src/core/verify/rule.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { verify } from '../src/core/verify/verify.js';
import { planOk, refOf } from './helpers.js';

const { files } = planOk('{}');
const sources = files
  .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
  .map((f) => ({ name: f.path, text: f.content }));

function fresh(): Inventory {
  return inventoryFrom(sources);
}

function azure(inventory: Inventory, type: string, index = 0): Json {
  const found = inventory.azure.filter((r) => r.type === type)[index];
  assert.ok(found, type);
  return found.body;
}

const props = (body: Json) => body['properties'] as Json;
const cluster = (inv: Inventory) => props(azure(inv, 'Microsoft.ContainerService/managedClusters'));

function statuses(rule: Rule, inventory: Inventory) {
  return rule.check(inventory).map((o) => o.status);
}

// Each rule's own cases are in its table beside it (src/core/verify/rules/<name>.cases.ts, run by
// test/rule-cases.test.ts); these are of verification as a whole.
describe('verification rules', () => {
  it('reports a value only deployment knows as unknown, never a pass or a fail', () => {
    const inventory = fresh();
    cluster(inventory)['disableLocalAccounts'] = "[parameters('localAccounts')]";
    const rule = RULES.find((r) => r.id === 'aks/local-accounts')!;
    assert.deepEqual(statuses(rule, inventory), ['unknown']);
    const { diagnostics } = verify(inventory);
    const note = diagnostics.find((d) => d.code === 'aks/local-accounts');
    assert.equal(note?.severity, 'info');
    assert.match(String(note?.message), /cannot tell/);
  });

  it('the default plan has no error or warning findings (a note asks for a budget)', () => {
    assert.deepEqual(
      // Bar the prices the built-in table lacks (prices/missing, cost.test.ts).
      planOk('{}').diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'prices/missing'),
      [],
    );
  });
});

describe('suppressions', () => {
  const config = `
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    cluster:
      userPools: [{ name: npbatch, minCount: 0, maxCount: 3 }]
verify:
  suppress:
    - rule: aks/user-pool-size
      target: npbatch
      reason: the batch pool scales to zero between runs
`;

  it('takes an accepted finding out of the findings, and keeps it in the report with its reason', () => {
    const { diagnostics, files, findings: report } = planOk(config);
    assert.ok(!diagnostics.some((d) => d.code === 'aks/user-pool-size'));
    assert.deepEqual(
      report.suppressed.map((s) => [s.finding.code, s.reason]),
      [['aks/user-pool-size', 'the batch pool scales to zero between runs']],
    );
    assert.match(report.suppressed[0]!.finding.message, /npbatch/);
    const sarif = JSON.parse(files.find((f) => f.path === 'report/findings.sarif')!.content) as {
      runs: Array<{ results: Json[] }>;
    };
    const dismissed = sarif.runs[0]!.results.find((r) => r['ruleId'] === refOf('aks/user-pool-size'));
    assert.deepEqual(dismissed?.['suppressions'], [
      { kind: 'external', justification: 'the batch pool scales to zero between runs' },
    ]);
  });

  it('suppresses only the targets it names', () => {
    const narrow = config.replace('target: npbatch', 'target: npother');
    assert.ok(planOk(narrow).diagnostics.some((d) => d.code === 'aks/user-pool-size'));
  });
});

describe('connectivity', () => {
  it("lists what the plan's policies allow, with the cluster's values: Application Gateway to Traefik, Traefik to the workload", () => {
    const { connectivity } = verify(fresh());
    assert.deepEqual(connectivity.map((c) => `${c.from} -> ${c.to} ${JSON.stringify(c.ports)}`).sort(), [
      '10.240.5.0/24 -> traefik/traefik ["TCP/8443"]',
      'traefik/traefik -> 0.0.0.0/0 ["TCP/443"]',
      'traefik/traefik -> 10.240.5.0/24 ["TCP/443"]',
      'traefik/traefik -> a0008/aspnetapp ["TCP/8080"]',
    ]);
  });
});

describe('Azure reachability', () => {
  const { azure: reach } = verify(fresh());

  it('says where each subnet sends internet traffic', () => {
    const egress = Object.fromEntries(reach.subnets.map((s) => [s.subnet, s.egress]));
    assert.equal(egress['vnet-bu0001a0008-00-prod-eus2/snet-nodes'], 'firewall');
    assert.equal(egress['vnet-bu0001a0008-00-prod-eus2/snet-ingress'], 'firewall');
    assert.equal(egress['vnet-bu0001a0008-00-prod-eus2/snet-appgw'], 'none needed');
    assert.equal(egress['vnet-bu0001a0008-00-prod-eus2/snet-privatelink'], 'none needed');
    assert.equal(egress['vnet-bu0001a0008-hub-prod-eus2/AzureFirewallSubnet'], 'none needed');
    assert.ok(
      reach.subnets.every((s) => s.egress !== 'direct'),
      JSON.stringify(reach.subnets),
    );
  });

  it('lists what the internet reaches: Application Gateway on 443, Bastion, and the firewall with nothing forwarded', () => {
    const kinds = reach.exposed.map((e) => `${e.kind} ${e.ports.join(',')}`).sort();
    assert.deepEqual(kinds, [
      'application gateway TCP/443',
      'bastion TCP/443',
      'firewall ',
      'firewall ',
      'firewall ',
    ]);
  });

  it('lists what the firewall lets the nodes reach, and how each API server is reached', () => {
    const aks = reach.firewallAllows.find((a) => a.destinations.includes('tag:AzureKubernetesService'));
    assert.deepEqual(aks?.sources, ['ipg-bu0001a0008-00-prod-eus2-nodes']);
    assert.deepEqual(aks?.ports, ['Https/443']);
    assert.ok(reach.firewallAllows.some((a) => a.destinations.includes('login.microsoftonline.com')));
    assert.deepEqual(
      reach.apiServers.map((a) => a.access),
      ['authorized ranges'],
    );
  });
});

/**
 * A value only deployment knows where a rule reads a list, a scope or several values at once:
 * unknown where the value decides, and still a fail where a known value already breaks the rule.
 */
describe('partial inputs', () => {
  it('reports a rule that needs resources the inputs lack as unknown, never as a fail', () => {
    const clusterOnly = inventoryFrom(
      files
        .filter((f) => f.path === 'azure/07-cluster-00.json')
        .map((f) => ({ name: f.path, text: f.content })),
    );
    const byId = new Map(
      verify(clusterOnly).results.map((r) => [r.rule.id, r.outcomes.map((o) => o.status)]),
    );
    for (const id of [
      'net/hub-spoke',
      'monitoring/control-plane-logs',
      'policy/pod-security',
      'upgrades/new-versions',
    ])
      assert.ok(!byId.get(id)?.includes('fail'), `${id}: ${JSON.stringify(byId.get(id))}`);
    assert.deepEqual(byId.get('policy/pod-security'), ['unknown']);
  });
});

/** Shapes of valid input that once drew a wrong finding: each must pass, or be unknown, never fail. */
describe('no false findings', () => {
  const ruleOf = (id: string) => RULES.find((r) => r.id === id)!;

  it('a plan with a production and a preproduction spoke gives both the same policies', () => {
    const { files: twoEnvironments } = planOk(`
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] }, environment: preprod }
`);
    const inventory = inventoryFrom(
      twoEnvironments
        .filter((f) => f.path === 'azure/resources.json')
        .map((f) => ({ name: f.path, text: f.content })),
    );
    const outcomes = ruleOf('policy/environment-parity').check(inventory);
    assert.deepEqual(
      outcomes.map((o) => [o.target, o.status]),
      [['aks-bu0001a0008-01-preprod-eus2', 'pass']],
    );
  });
});

describe('child resources declared on their own', () => {
  /** The same network, with every subnet and route a resource of its own, as many templates write it. */
  function separated(): Inventory {
    const inventory = fresh();
    const list = inventory.azure as unknown as Array<{
      type: string;
      name: string;
      body: Json;
      source: string;
    }>;
    for (const resource of [...list]) {
      const type = resource.type.toLowerCase();
      const [collection, childType] =
        type === 'microsoft.network/virtualnetworks'
          ? ['subnets', 'Microsoft.Network/virtualNetworks/subnets']
          : type === 'microsoft.network/routetables'
            ? ['routes', 'Microsoft.Network/routeTables/routes']
            : [];
      if (!collection || !childType) continue;
      const { [collection]: inline, ...rest } = props(resource.body);
      const children = (inline ?? []) as Json[];
      resource.body['properties'] = rest;
      for (const child of children)
        list.push({
          type: childType,
          name: `${resource.name}/${String(child['name'])}`,
          body: { ...child, type: childType, name: `${resource.name}/${String(child['name'])}` },
          source: resource.source,
        });
    }
    return inventory;
  }

  it('reads subnets and routes declared as resources of their own', () => {
    const inventory = separated();
    assert.ok(!inventory.azure.some((r) => Array.isArray(props(r.body)['subnets'])), 'no subnet left inline');
    for (const id of ['net/node-route-to-firewall', 'net/subnet-egress', 'net/hub-spoke']) {
      const rule = RULES.find((r) => r.id === id)!;
      const found = statuses(rule, inventory);
      assert.ok(found.length > 0 && found.every((s) => s === 'pass'), `${id}: ${JSON.stringify(found)}`);
    }
  });

  it('still catches a missing default route among separate routes', () => {
    const inventory = separated();
    const list = inventory.azure as unknown as Array<{ type: string; body: Json }>;
    for (let i = list.length - 1; i >= 0; i--)
      if (list[i]!.type === 'Microsoft.Network/routeTables/routes') list.splice(i, 1);
    const rule = RULES.find((r) => r.id === 'net/node-route-to-firewall')!;
    assert.ok(statuses(rule, inventory).includes('fail'));
  });
});
