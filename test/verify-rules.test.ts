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
import { at } from '../src/core/arm-values.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { RULE_IDS } from '../src/core/verify/rules/ids.js';
import { verify } from '../src/core/verify/verify.js';
import { planOk } from './helpers.js';

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
const pool = (inv: Inventory, i: number) => (cluster(inv)['agentPoolProfiles'] as Json[])[i]!;

/** Takes out every resource that matches. */
function remove(inv: Inventory, match: (type: string, body: Json) => boolean): void {
  const list = inv.azure as unknown as Array<{ type: string; body: Json }>;
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i]!.type, list[i]!.body)) list.splice(i, 1);
}

const scopeOf = (body: Json) => String(body['scope'] ?? '');
/** The maintenance window of node OS updates. */
function nodeWindow(inv: Inventory): Json {
  const window = inv.azure.find((r) => r.name.endsWith('/aksManagedNodeOSUpgradeSchedule'));
  assert.ok(window);
  return props(window.body)['maintenanceWindow'] as Json;
}

/** One or more single changes per rule, each of which the rule must catch. */
const MUTATIONS: Record<string, Array<[string, (inv: Inventory) => void]>> = {
  // Advice rather than breakage: the default plan has no budget (its amount is the user's), so it notes one.
  'cost/budget': [['no budget', (inv) => remove(inv, (type) => type === 'Microsoft.Consumption/budgets')]],
  // The rules of the classes issue 26 found missed (test/verify-new-rules.test.ts has their case tables).
  'arm/preview-api': [
    [
      'a preview API version',
      (inv) =>
        (azure(inv, 'Microsoft.ContainerService/managedClusters')['apiVersion'] = '2026-06-02-preview'),
    ],
  ],
  'appgw/waf-prevention': [
    [
      'the WAF in Detection mode',
      (inv) =>
        ((
          props(azure(inv, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies'))[
            'policySettings'
          ] as Json
        )['mode'] = 'Detection'),
    ],
  ],
  'appgw/tls-policy': [
    [
      'TLS 1.0 allowed',
      (inv) =>
        (props(azure(inv, 'Microsoft.Network/applicationGateways'))['sslPolicy'] = {
          policyType: 'Predefined',
          policyName: 'AppGwSslPolicy20150501',
        }),
    ],
  ],
  'appgw/https-only': [
    [
      'an HTTP listener',
      (inv) =>
        (props((props(azure(inv, 'Microsoft.Network/applicationGateways'))['httpListeners'] as Json[])[0]!)[
          'protocol'
        ] = 'Http'),
    ],
  ],
  'appgw/unique-host-names': [
    [
      "a second spoke's gateway serving bicycle.contoso.com",
      (inv) => {
        const list = inv.azure as unknown as Array<{
          type: string;
          name: string;
          body: Json;
          source: string;
        }>;
        const body = structuredClone(azure(inv, 'Microsoft.Network/applicationGateways'));
        body['name'] = 'agw-bu0001a0008-01-preprod-eus2';
        list.push({
          type: 'Microsoft.Network/applicationGateways',
          name: String(body['name']),
          body,
          source: 'azure/resources.json',
        });
      },
    ],
  ],
  'appgw/zones': [
    [
      'a gateway in one zone',
      (inv) => (azure(inv, 'Microsoft.Network/applicationGateways')['zones'] = ['1']),
    ],
  ],
  'firewall/threat-intel': [
    [
      'threat intelligence only alerts',
      (inv) => {
        for (const p of inv.azure.filter((r) => r.type === 'Microsoft.Network/firewallPolicies'))
          props(p.body)['threatIntelMode'] = 'Alert';
      },
    ],
  ],
  'firewall/dns-proxy': [
    [
      'no DNS proxy',
      (inv) => {
        for (const p of inv.azure.filter((r) => r.type === 'Microsoft.Network/firewallPolicies'))
          delete props(p.body)['dnsSettings'];
      },
    ],
  ],
  'net/public-ips': [
    [
      'a stray public IP',
      (inv) =>
        (inv.azure as unknown as Json[]).push({
          type: 'Microsoft.Network/publicIPAddresses',
          name: 'pip-jumpbox',
          id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-jumpbox',
          body: { type: 'Microsoft.Network/publicIPAddresses', name: 'pip-jumpbox', properties: {} },
          source: 'x.json',
        }),
    ],
  ],
  'net/private-endpoints': [
    [
      'no endpoint for the vault',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Network/privateEndpoints' && JSON.stringify(body).includes('vaults/'),
        ),
    ],
  ],
  'monitoring/firewall-logs': [
    [
      'no firewall logs',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(body).includes('azureFirewalls'),
        ),
    ],
  ],
  'monitoring/gateway-logs': [
    [
      'no gateway logs',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(body).includes('applicationGateways'),
        ),
    ],
  ],
  'monitoring/key-vault-logs': [
    [
      'no vault audit log',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(body).includes('vaults'),
        ),
    ],
  ],
  'monitoring/registry-logs': [
    [
      'no registry logs',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(body).includes('registries'),
        ),
    ],
  ],
  'upgrades/maintenance-frequency': [
    [
      'a window every other week',
      (inv) => ((nodeWindow(inv)['schedule'] as Json)['weekly'] = { dayOfWeek: 'Tuesday', intervalWeeks: 2 }),
    ],
    [
      'SecurityPatch with a weekly window',
      (inv) => ((cluster(inv)['autoUpgradeProfile'] as Json)['nodeOSUpgradeChannel'] = 'SecurityPatch'),
    ],
  ],
  'upgrades/maintenance-window': [
    [
      'the node OS window belongs to another cluster',
      (inv) => {
        for (const m of inv.azure.filter(
          (r) => r.type === 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
        ))
          (m as { name: string }).name = `aks-other/${m.name.split('/').at(-1) ?? ''}`;
      },
    ],
  ],
  'upgrades/new-versions': [
    [
      'the Event Grid topic watches another resource',
      (inv) => {
        const topic = azure(inv, 'Microsoft.EventGrid/systemTopics');
        props(topic)['source'] =
          '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other';
        topic['id'] = 'x';
      },
    ],
  ],
  'upgrades/supported-version': [['Kubernetes 1.31', (inv) => (cluster(inv)['kubernetesVersion'] = '1.31')]],
  'aks/image-cleaner': [
    ['no image cleaner', (inv) => delete (cluster(inv)['securityProfile'] as Json)['imageCleaner']],
  ],
  'cost/cost-analysis': [['no cost analysis', (inv) => delete cluster(inv)['metricsProfile']]],
  'cost/tags': [['an untagged vault', (inv) => delete azure(inv, 'Microsoft.KeyVault/vaults')['tags']]],
  'policy/pod-security': [
    [
      'no pod security initiative',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Authorization/policyAssignments' &&
            String(props(body)['policyDefinitionId']).includes('policySetDefinitions'),
        ),
    ],
  ],
  'acr/anonymous-pull': [
    [
      'anonymous pull',
      (inv) => (props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['anonymousPullEnabled'] = true),
    ],
  ],
  'acr/zone-redundancy': [
    [
      'one zone',
      (inv) => (props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['zoneRedundancy'] = 'Disabled'),
    ],
  ],
  'identity/kubelet-acr-pull': [
    [
      'no AcrPull',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Authorization/roleAssignments' &&
            String(props(body)['roleDefinitionId']).endsWith('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
        ),
    ],
    [
      'the permissions mode left to the registry default',
      (inv) => delete props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['roleAssignmentMode'],
    ],
    [
      'ABAC repository permissions, which ignore AcrPull',
      (inv) =>
        (props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['roleAssignmentMode'] =
          'AbacRepositoryPermissions'),
    ],
  ],
  'acr/private': [
    [
      'a public registry',
      (inv) =>
        (props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['publicNetworkAccess'] = 'Enabled'),
    ],
  ],
  'acr/admin-user': [
    [
      'the admin user',
      (inv) => (props(azure(inv, 'Microsoft.ContainerRegistry/registries'))['adminUserEnabled'] = true),
    ],
  ],
  'acr/geo-replication': [
    [
      'a Standard registry',
      (inv) => ((azure(inv, 'Microsoft.ContainerRegistry/registries')['sku'] as Json)['name'] = 'Standard'),
    ],
  ],
  'kv/rbac-and-purge-protection': [
    [
      'no purge protection',
      (inv) => delete props(azure(inv, 'Microsoft.KeyVault/vaults'))['enablePurgeProtection'],
    ],
    [
      'access policies',
      (inv) => (props(azure(inv, 'Microsoft.KeyVault/vaults'))['enableRbacAuthorization'] = false),
    ],
  ],
  'kv/private': [
    [
      'a public vault',
      (inv) => (props(azure(inv, 'Microsoft.KeyVault/vaults'))['publicNetworkAccess'] = 'Enabled'),
    ],
  ],
};

/** Rules with nothing to look at in the default plan get a passing fixture of their own. */
const PASSING: Record<string, (inv: Inventory) => void> = {
  'cost/budget': (inv) =>
    (inv.azure as unknown as Json[]).push({
      type: 'Microsoft.Consumption/budgets',
      name: 'budget',
      body: { type: 'Microsoft.Consumption/budgets', name: 'budget', properties: { amount: 1000 } },
      source: 'x.json',
    }),
};

function statuses(rule: Rule, inventory: Inventory) {
  return rule.check(inventory).map((o) => o.status);
}

describe('verification rules', () => {
  it('every rule has an ID, a title, a spec quote, why and how to fix, and at least one mutation', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'IDs are unique');
    for (const rule of RULES) {
      assert.ok(rule.title && rule.spec.section && rule.spec.quote && rule.why && rule.fix, rule.id);
      // A rule module of its own has its failing cases in its table (test/rule-cases.test.ts).
      if (!rule.messages) assert.ok(MUTATIONS[rule.id]?.length, `${rule.id} has a failing fixture`);
    }
  });

  for (const rule of RULES.filter((r) => MUTATIONS[r.id])) {
    it(`${rule.id}: passes on the default plan and catches ${(MUTATIONS[rule.id] ?? []).map(([what]) => what).join('; ')}`, () => {
      const base = fresh();
      PASSING[rule.id]?.(base);
      // A mutation applies to the passing state.
      const passing = statuses(rule, base);
      assert.ok(passing.length > 0, 'it looks at something in the default plan');
      assert.ok(
        passing.every((s) => s === 'pass'),
        JSON.stringify(rule.check(base).filter((o) => o.status !== 'pass')),
      );
      for (const [what, mutate] of MUTATIONS[rule.id] ?? []) {
        const inventory = fresh();
        PASSING[rule.id]?.(inventory);
        mutate(inventory);
        assert.ok(statuses(rule, inventory).includes('fail'), `${rule.id} misses: ${what}`);
      }
    });
  }

  it('catches every mutation of the catalog (the catch rate is 100%)', () => {
    // Notes are advice; the catalog is of changes that break a recommendation, caught as errors or warnings.
    const advisory = new Set(RULES.filter((r) => r.severity === 'info').map((r) => r.id));
    const catalog = Object.entries(MUTATIONS)
      .filter(([id]) => !advisory.has(id))
      .flatMap(([id, list]) => list.map(([, mutate]) => [id, mutate] as const));
    let caught = 0;
    for (const [id, mutate] of catalog) {
      const inventory = fresh();
      PASSING[id]?.(inventory);
      mutate(inventory);
      const { diagnostics } = verify(inventory);
      if (diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')) caught += 1;
    }
    process.stdout.write(`# mutation catch rate: ${caught}/${catalog.length}\n`);
    assert.ok(catalog.length > 0, `${catalog.length} mutations`);
    assert.equal(caught, catalog.length);
  });

  it('every finding of the catalog names the file that holds what it judged', () => {
    const unplaced = new Set<string>();
    for (const [id, list] of Object.entries(MUTATIONS))
      for (const [, mutate] of list) {
        const inventory = fresh();
        PASSING[id]?.(inventory);
        mutate(inventory);
        for (const d of verify(inventory).diagnostics) if (!d.file) unplaced.add(`${d.code}: ${d.message}`);
      }
    assert.deepEqual([...unplaced], []);
  });

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
      planOk('{}').diagnostics.filter((d) => d.severity !== 'info'),
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
    const dismissed = sarif.runs[0]!.results.find((r) => r['ruleId'] === RULE_IDS['aks/user-pool-size']!.id);
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
describe('a value only deployment knows, in the cluster, monitoring, registry and vault rules', () => {
  const UNKNOWN = "[reference('elsewhere').properties.value]";
  const vault = (inv: Inventory) => props(azure(inv, 'Microsoft.KeyVault/vaults'));
  const acrPull = (inv: Inventory) =>
    inv.azure.find(
      (r) =>
        r.type === 'Microsoft.Authorization/roleAssignments' &&
        String(props(r.body)['roleDefinitionId']).endsWith('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
    )!.body;
  const CASES: Array<[id: string, what: string, mutate: (inv: Inventory) => void, expect: string[]]> = [
    [
      'aks/user-pool',
      'a pool given as an expression beside the system pool',
      (inv) => ((cluster(inv)['agentPoolProfiles'] as unknown[])[1] = UNKNOWN),
      ['unknown'],
    ],
    ['aks/user-pool', 'a second system pool', (inv) => (pool(inv, 1)['mode'] = 'System'), ['fail']],
    [
      'acr/geo-replication',
      'the SKU from an expression',
      (inv) => ((azure(inv, 'Microsoft.ContainerRegistry/registries')['sku'] as Json)['name'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'acr/geo-replication',
      'the SKU from an expression, no replica',
      (inv) => {
        (azure(inv, 'Microsoft.ContainerRegistry/registries')['sku'] as Json)['name'] = UNKNOWN;
        remove(inv, (type) => type === 'Microsoft.ContainerRegistry/registries/replications');
      },
      ['fail'],
    ],
    [
      'kv/rbac-and-purge-protection',
      'purge protection from an expression',
      (inv) => (vault(inv)['enablePurgeProtection'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'kv/rbac-and-purge-protection',
      'purge protection from an expression, with access policies',
      (inv) => {
        vault(inv)['enablePurgeProtection'] = UNKNOWN;
        vault(inv)['enableRbacAuthorization'] = false;
      },
      ['fail'],
    ],
    [
      'identity/kubelet-acr-pull',
      "the AcrPull assignment's role from an expression",
      (inv) => (props(acrPull(inv))['roleDefinitionId'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'identity/kubelet-acr-pull',
      "the AcrPull assignment's scope computed for a vault",
      (inv) => (acrPull(inv)['scope'] = "[resourceId('Microsoft.KeyVault/vaults', 'kv')]"),
      ['fail'],
    ],
  ];

  for (const [id, what, mutate, expect] of CASES)
    it(`${id}: ${what} → ${expect.join(', ')}`, () => {
      const inventory = fresh();
      mutate(inventory);
      const rule = RULES.find((r) => r.id === id)!;
      assert.deepEqual(statuses(rule, inventory), expect, JSON.stringify(rule.check(inventory)));
      for (const o of rule.check(inventory).filter((o) => o.status === 'unknown'))
        assert.match(o.detail ?? '', /depends on|computed at deployment/);
    });
});

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

  it('host names: one gateway may serve a name on two listeners; a wildcard or a name in other case on another may not', () => {
    const rule = ruleOf('appgw/unique-host-names');
    const gateway = (name: string, listeners: Json[]) => ({
      type: 'Microsoft.Network/applicationGateways',
      name,
      properties: { httpListeners: listeners.map((properties, i) => ({ name: `l${i}`, properties })) },
    });
    const inventory = (...gateways: Json[]) =>
      inventoryFrom([{ name: 'gateways.json', text: JSON.stringify({ resources: gateways }) }]);
    const redirect = gateway('agw-a', [
      { protocol: 'Http', hostName: 'shop.contoso.com' },
      { protocol: 'Https', hostNames: ['shop.contoso.com'] },
    ]);
    assert.deepEqual(
      statuses(rule, inventory(redirect, gateway('agw-b', [{ hostNames: ['www.contoso.com'] }]))),
      ['pass', 'pass'],
    );
    assert.deepEqual(
      statuses(rule, inventory(redirect, gateway('agw-b', [{ hostNames: ['*.contoso.com'] }]))),
      ['fail', 'fail'],
    );
    assert.deepEqual(
      statuses(rule, inventory(redirect, gateway('agw-b', [{ hostName: 'SHOP.contoso.com' }]))),
      ['fail', 'fail'],
    );
    assert.deepEqual(
      statuses(rule, inventory(redirect, gateway('agw-b', [{ hostNames: "[parameters('hostNames')]" }]))),
      ['unknown', 'unknown'],
    );
  });

  it('SecurityPatch with a window every other day updates the nodes as the spec asks', () => {
    const patched = fresh();
    (cluster(patched)['autoUpgradeProfile'] as Json)['nodeOSUpgradeChannel'] = 'SecurityPatch';
    nodeWindow(patched)['schedule'] = { daily: { intervalDays: 2 } };
    assert.deepEqual(statuses(ruleOf('upgrades/maintenance-frequency'), patched), ['pass']);
    const unresolved = fresh();
    nodeWindow(unresolved)['schedule'] = {
      weekly: { dayOfWeek: 'Sunday', intervalWeeks: "[parameters('weeks')]" },
    };
    assert.deepEqual(statuses(ruleOf('upgrades/maintenance-frequency'), unresolved), ['unknown']);
  });

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

/**
 * Platform rules on a value only deployment knows: unknown where the answer
 * depends on it, and still a fail where a known value already breaks the rule.
 */
describe('platform rules on a value only deployment knows', () => {
  const UNKNOWN = "[reference('elsewhere').properties.value]";
  const ruleOf = (id: string) => RULES.find((r) => r.id === id)!;
  const changed = (change: (inv: Inventory) => void): Inventory => {
    const inventory = fresh();
    change(inventory);
    return inventory;
  };
  const waf = (inv: Inventory) =>
    props(azure(inv, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies'))[
      'policySettings'
    ] as Json;
  const gateway = (inv: Inventory) => props(azure(inv, 'Microsoft.Network/applicationGateways'));
  const listeners = (inv: Inventory) => gateway(inv)['httpListeners'] as Json[];
  const upgrades = (inv: Inventory) => cluster(inv)['autoUpgradeProfile'] as Json;
  const settingOf = (inv: Inventory, type: string) => {
    const found = inv.azure.find(
      (r) => r.type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(r.body).includes(type),
    );
    assert.ok(found, type);
    return found.body;
  };

  it('appgw/waf-prevention: an unknown mode is unknown; a known Disabled state fails whatever the mode', () => {
    const rule = ruleOf('appgw/waf-prevention');
    const unknownMode = changed((inv) => (waf(inv)['mode'] = UNKNOWN));
    assert.deepEqual(
      rule.check(unknownMode).map((o) => [o.status, o.detail]),
      [['unknown', `depends on ${UNKNOWN}`]],
    );
    const disabled = changed((inv) => Object.assign(waf(inv), { mode: UNKNOWN, state: 'Disabled' }));
    assert.deepEqual(statuses(rule, disabled), ['fail']);
  });

  it('appgw/tls-policy: an unknown policy name is unknown, unless a known minimum version settles it', () => {
    const rule = ruleOf('appgw/tls-policy');
    const unknownName = changed((inv) => ((gateway(inv)['sslPolicy'] as Json)['policyName'] = UNKNOWN));
    assert.deepEqual(statuses(rule, unknownName), ['unknown']);
    const customTls12 = changed(
      (inv) =>
        (gateway(inv)['sslPolicy'] = {
          policyType: 'Custom',
          policyName: UNKNOWN,
          minProtocolVersion: 'TLSv1_2',
        }),
    );
    assert.deepEqual(statuses(rule, customTls12), ['pass']);
    const customTls10 = changed(
      (inv) => (gateway(inv)['sslPolicy'] = { policyType: 'Custom', minProtocolVersion: 'TLSv1_0' }),
    );
    assert.deepEqual(statuses(rule, customTls10), ['fail']);
  });

  it('appgw/https-only: a listener of unknown protocol is unknown; a known HTTP one beside it fails', () => {
    const rule = ruleOf('appgw/https-only');
    const unknownProtocol = changed((inv) => (props(listeners(inv)[0]!)['protocol'] = UNKNOWN));
    assert.deepEqual(statuses(rule, unknownProtocol), ['unknown']);
    const withHttp = changed((inv) => {
      props(listeners(inv)[0]!)['protocol'] = UNKNOWN;
      listeners(inv).push({ name: 'plain', properties: { protocol: 'Http' } });
    });
    assert.deepEqual(statuses(rule, withHttp), ['fail']);
    assert.deepEqual(
      statuses(
        rule,
        changed((inv) => (gateway(inv)['httpListeners'] = UNKNOWN)),
      ),
      ['unknown'],
    );
  });

  it('cost/cost-analysis: unknown when it is off on a tier that may be Free, or when whether it is on is unknown', () => {
    const rule = ruleOf('cost/cost-analysis');
    const unknownOn = changed(
      (inv) => (cluster(inv)['metricsProfile'] = { costAnalysis: { enabled: UNKNOWN } }),
    );
    assert.deepEqual(statuses(rule, unknownOn), ['unknown']);
    const unknownTier = changed((inv) => {
      delete cluster(inv)['metricsProfile'];
      (azure(inv, 'Microsoft.ContainerService/managedClusters')['sku'] as Json)['tier'] = UNKNOWN;
    });
    assert.deepEqual(statuses(rule, unknownTier), ['unknown']);
    const free = changed((inv) => {
      delete cluster(inv)['metricsProfile'];
      (azure(inv, 'Microsoft.ContainerService/managedClusters')['sku'] as Json)['tier'] = 'Free';
    });
    assert.deepEqual(statuses(rule, free), []);
  });

  it('monitoring logs: a diagnostic setting whose scope is unknown may be the one; a setting on another resource is not', () => {
    const rule = ruleOf('monitoring/firewall-logs');
    const unknownScope = changed((inv) => (settingOf(inv, 'azureFirewalls')['scope'] = UNKNOWN));
    assert.deepEqual(
      rule.check(unknownScope).map((o) => [o.status, o.detail]),
      [['unknown', `depends on ${UNKNOWN}`]],
    );
    // A placeholder in an ID Baseplate writes leaves its names readable: that setting is on the gateway.
    const elsewhere = changed(
      (inv) => (settingOf(inv, 'azureFirewalls')['scope'] = scopeOf(settingOf(inv, 'applicationGateways'))),
    );
    assert.deepEqual(statuses(rule, elsewhere), ['fail']);
    for (const id of ['monitoring/gateway-logs', 'monitoring/key-vault-logs', 'monitoring/registry-logs'])
      assert.deepEqual(statuses(ruleOf(id), unknownScope), ['pass'], id);
    // An expression naming another type of resource is that resource, whatever its name.
    const vaultOnly = changed(
      (inv) =>
        (settingOf(inv, 'azureFirewalls')['scope'] =
          "[resourceId('Microsoft.KeyVault/vaults', parameters('vault'))]"),
    );
    assert.deepEqual(statuses(rule, vaultOnly), ['fail']);
    const bicep = changed(
      (inv) =>
        (settingOf(inv, 'azureFirewalls')['scope'] =
          "[format('Microsoft.Network/azureFirewalls/{0}', parameters('firewall'))]"),
    );
    assert.deepEqual(statuses(rule, bicep), ['unknown']);
  });

  it('policy/pod-security: an assignment of an unknown definition may be the initiative; a known other one is not', () => {
    const rule = ruleOf('policy/pod-security');
    const initiative = (inv: Inventory) =>
      props(
        inv.azure.find((r) =>
          String(at(r.body, 'properties.policyDefinitionId')).includes('policySetDefinitions'),
        )!.body,
      );
    const unknownDefinition = changed((inv) => (initiative(inv)['policyDefinitionId'] = UNKNOWN));
    assert.deepEqual(statuses(rule, unknownDefinition), ['unknown']);
    const other = changed(
      (inv) =>
        (initiative(inv)['policyDefinitionId'] =
          '/providers/Microsoft.Authorization/policySetDefinitions/00000000-0000-0000-0000-000000000000'),
    );
    assert.deepEqual(statuses(rule, other), ['fail']);
  });

  it('upgrades/maintenance-window: a channel of unknown value may ask for a window; a known one that does fails without it', () => {
    const rule = ruleOf('upgrades/maintenance-window');
    const unknownChannel = changed((inv) => (upgrades(inv)['upgradeChannel'] = UNKNOWN));
    assert.deepEqual(statuses(rule, unknownChannel), ['unknown']);
    // The node OS window the known NodeImage channel asks for is gone: a fail, whatever the other channel.
    const noNodeWindow = changed((inv) => {
      upgrades(inv)['upgradeChannel'] = UNKNOWN;
      remove(inv, (type) => type === 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations');
      // Another cluster's window keeps the type among the inputs.
      (inv.azure as unknown as Array<{ type: string; name: string; body: Json; source: string }>).push({
        type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
        name: 'aks-other/aksManagedNodeOSUpgradeSchedule',
        body: {},
        source: 'azure/resources.json',
      });
    });
    assert.deepEqual(statuses(rule, noNodeWindow), ['fail']);
  });

  it('upgrades/maintenance-frequency: an unknown schedule, or a weekly one with an unknown channel, is unknown', () => {
    const rule = ruleOf('upgrades/maintenance-frequency');
    assert.deepEqual(
      statuses(
        rule,
        changed((inv) => (nodeWindow(inv)['schedule'] = UNKNOWN)),
      ),
      ['unknown'],
    );
    const unknownChannel = changed((inv) => (upgrades(inv)['nodeOSUpgradeChannel'] = UNKNOWN));
    assert.deepEqual(statuses(rule, unknownChannel), ['unknown']);
    // Every other week is too rare for either channel.
    const rare = changed((inv) => {
      upgrades(inv)['nodeOSUpgradeChannel'] = UNKNOWN;
      (nodeWindow(inv)['schedule'] as Json)['weekly'] = { dayOfWeek: 'Tuesday', intervalWeeks: 2 };
    });
    assert.deepEqual(statuses(rule, rare), ['fail']);
  });
});
