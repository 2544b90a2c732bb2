/** Preflight evaluators of `baseplate deploy`: quota, zones, permissions, Kubernetes version, creation-only settings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesVersion, Permission, ResourceSku, Usage } from '../src/deploy/rest.js';
import type { ExistingCluster } from '../src/deploy/checks/creation-only.js';
import { creationOnlyProblems, existingNodeCounts } from '../src/deploy/checks/creation-only.js';
import type { KubernetesVersionInfo } from '../src/deploy/checks/kubernetes-version.js';
import {
  compareVersions,
  kubernetesVersionProblems,
  minorOf,
  notLower,
} from '../src/deploy/checks/kubernetes-version.js';
import type { PermissionInfo } from '../src/deploy/checks/permissions.js';
import {
  actionMatches,
  ASSIGN_IDENTITY,
  DEPLOY,
  isAllowed,
  permissionProblems,
  requiredActions,
  rolesText,
  WHAT_IF,
} from '../src/deploy/checks/permissions.js';
import { isExpression, literalString } from '../src/core/arm-values.js';
import type { UsageInfo } from '../src/deploy/checks/quota.js';
import {
  clusterResourceOf,
  poolSurge,
  poolsOf,
  quotaProblems,
  sharedQuotaProblems,
} from '../src/deploy/checks/quota.js';
import type { SkuInfo, SkuRestriction } from '../src/deploy/checks/zones.js';
import { zoneProblems } from '../src/deploy/checks/zones.js';
import type { Json } from './artifacts.js';
import { json, stage } from './artifacts.js';
import { planOk } from './helpers.js';

type Obj = Record<string, unknown>;

const { files } = planOk('{}');
const clusterFile = files.find((f) => /azure\/\d+-cluster-00\.json$/.test(f.path));
assert.ok(clusterFile, 'the plan writes the cluster stage');
const CLUSTER = clusterResourceOf(JSON.parse(clusterFile.content));
assert.ok(CLUSTER, 'the cluster stage has a managedClusters resource');

/** A copy of the generated managedClusters resource to change. */
const cluster = (): Obj => structuredClone(CLUSTER) as Obj;
const props = (resource: Obj): Obj => resource['properties'] as Obj;
const profiles = (resource: Obj): Obj[] => props(resource)['agentPoolProfiles'] as Obj[];
const poolOf = (resource: Obj, name: string): Obj => profiles(resource).find((p) => p['name'] === name)!;

/** The generated cluster plus a third pool in another VM family. */
function threePools(): Obj {
  const resource = cluster();
  const extra = { ...structuredClone(poolOf(resource, 'npuser01')), name: 'npuser02' };
  Object.assign(extra, { vmSize: 'Standard_D4ds_v5', maxCount: 3, upgradeSettings: { maxSurge: '1' } });
  profiles(resource).push(extra);
  return resource;
}

const REGION = 'eastus2';

function sku(name: string, family: string, vCpus: number, extra: Partial<SkuInfo> = {}): SkuInfo {
  return {
    resourceType: 'virtualMachines',
    name,
    family,
    locations: ['eastus2'],
    locationInfo: [{ location: 'eastus2', zones: ['1', '2', '3'] }],
    capabilities: [
      { name: 'MemoryGB', value: '28' },
      { name: 'vCPUs', value: String(vCpus) },
    ],
    restrictions: [],
    ...extra,
  };
}

const SKUS: readonly SkuInfo[] = [
  sku('Standard_DS2_v2', 'standardDSv2Family', 2),
  sku('Standard_DS4_v2', 'standardDSv2Family', 8),
  sku('Standard_D4ds_v5', 'standardDDSv5Family', 4),
  { resourceType: 'disks', name: 'Premium_LRS', locations: ['eastus2'] },
];

const usage = (value: string, currentValue: number, limit: number, localizedValue?: string): UsageInfo => ({
  name: localizedValue === undefined ? { value } : { value, localizedValue },
  currentValue,
  limit,
});

/** Room for everything unless a test says otherwise. */
function usages(overrides: Record<string, [number, number]> = {}): UsageInfo[] {
  const all: Record<string, [number, number]> = {
    cores: [0, 1000],
    standardDSv2Family: [0, 500],
    standardDDSv5Family: [0, 500],
    ...overrides,
  };
  return Object.entries(all).map(([name, [current, limit]]) => usage(name, current, limit));
}

describe('preflight: reading the generated cluster template', () => {
  it('finds the node pools at their largest, with their surge and zones', () => {
    assert.deepEqual(poolsOf(CLUSTER), [
      {
        name: 'npsystem',
        vmSize: 'Standard_DS2_v2',
        nodes: 4,
        maxSurge: '33%',
        availabilityZones: ['1', '2', '3'],
        spot: false,
      },
      {
        name: 'npuser01',
        vmSize: 'Standard_DS4_v2',
        nodes: 5,
        maxSurge: '33%',
        availabilityZones: ['1', '2', '3'],
        spot: false,
      },
    ]);
  });

  it('counts `count` without the autoscaler, and leaves expressions unknown', () => {
    const resource = cluster();
    Object.assign(poolOf(resource, 'npuser01'), {
      enableAutoScaling: false,
      count: 2,
      vmSize: "[parameters('size')]",
      availabilityZones: "[parameters('zones')]",
    });
    const [, user] = poolsOf(resource);
    assert.deepEqual(user, {
      name: 'npuser01',
      vmSize: undefined,
      nodes: 2,
      maxSurge: '33%',
      availabilityZones: undefined,
      spot: false,
    });
    assert.deepEqual(poolsOf(undefined), []);
    assert.equal(
      clusterResourceOf({ resources: [{ type: 'Microsoft.Network/virtualNetworks' }] }),
      undefined,
    );
  });

  it('treats "[…]" strings as expressions and "[[" as an escaped literal', () => {
    assert.ok(isExpression("[parameters('x')]"));
    assert.ok(!isExpression('[[literal]'));
    assert.equal(literalString('[[literal]'), '[literal]');
    assert.equal(literalString("[resourceId('a', 'b')]"), undefined);
  });
});

describe('preflight: vCPU quota (deploy.md §5.3)', () => {
  it('rounds a percentage surge up, takes a count as is, and defaults to 10%', () => {
    assert.equal(poolSurge(4, '33%'), 2);
    assert.equal(poolSurge(5, '33%'), 2);
    assert.equal(poolSurge(3, '33%'), 1);
    assert.equal(poolSurge(100, '33%'), 33);
    assert.equal(poolSurge(4, '1'), 1);
    assert.equal(poolSurge(4, '0'), 0);
    assert.equal(poolSurge(10, undefined), 1);
    assert.equal(poolSurge(11, undefined), 2);
    assert.equal(poolSurge(11, "[parameters('surge')]"), 2);
  });

  it('passes when every family and the regional total have room', () => {
    assert.deepEqual(quotaProblems(poolsOf(threePools()), SKUS, usages(), REGION), []);
  });

  it('names the family that is short, the pools and the numbers', () => {
    // DSv2: npsystem (4 + 2) × 2 + npuser01 (5 + 2) × 8 = 68 vCPUs; 62 free.
    const problems = quotaProblems(
      poolsOf(threePools()),
      SKUS,
      [...usages({ standardDSv2Family: [38, 100] }), usage('lowPriorityCores', 0, 10)].map((u) =>
        u.name.value === 'standardDSv2Family'
          ? usage('standardDSv2Family', 38, 100, 'Standard DSv2 Family vCPUs')
          : u,
      ),
      REGION,
    );
    assert.deepEqual(problems, [
      {
        check: 'quota',
        message:
          'The standardDSv2Family vCPU quota in eastus2 is 6 vCPUs short: the node pools need up to 68 ' +
          '(npsystem: 6 nodes × 2 vCPUs, npuser01: 7 nodes × 8 vCPUs; maxCount plus upgrade surge), ' +
          'but only 62 of the limit 100 are free (38 in use).',
        fix:
          'Request a quota increase of standardDSv2Family ("Standard DSv2 Family vCPUs") to at least 106 vCPUs ' +
          'in eastus2 (Azure portal → Quotas), or lower maxCount of npsystem and npuser01 (or upgrades.maxSurge).',
      },
    ]);
  });

  it('adds up the clusters that share a subscription and region, naming each pool with its cluster', () => {
    // Each cluster alone needs 68 DSv2 vCPUs of the 100 free; together they need 136.
    const clusterPools = (name: string, running: Record<string, number> = {}) => ({
      cluster: name,
      pools: poolsOf(threePools()).filter((p) => p.name !== 'npuser02'),
      existingNodes: running,
    });
    const quota = [usage('standardDSv2Family', 0, 100)];
    assert.deepEqual(sharedQuotaProblems([clusterPools('aks-a')], SKUS, quota, REGION), []);
    const problems = sharedQuotaProblems([clusterPools('aks-a'), clusterPools('aks-b')], SKUS, quota, REGION);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!.message,
      /is 36 vCPUs short: the node pools need up to 136 \(aks-a\/npsystem: 6 nodes × 2 vCPUs, aks-a\/npuser01: 7 nodes × 8 vCPUs, aks-b\/npsystem/,
    );
    // A running cluster's own nodes are in the usage already: credited back, per cluster.
    const running = sharedQuotaProblems(
      [clusterPools('aks-a', { npuser01: 5 }), clusterPools('aks-b')],
      SKUS,
      [usage('standardDSv2Family', 40, 100)],
      REGION,
    );
    assert.match(
      running[0]!.message,
      /only 100 of the limit 100 are free \(40 in use, 40 of them by the planned clusters' running nodes\)/,
    );
  });

  it('compares usage names case-insensitively', () => {
    const problems = quotaProblems(poolsOf(cluster()), SKUS, [usage('STANDARDDSV2FAMILY', 0, 60)], REGION);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^The STANDARDDSV2FAMILY vCPU quota in eastus2 is 8 vCPUs short/);
  });

  it('checks the total of all pools against the regional cores', () => {
    // 68 DSv2 + (3 + 1) × 4 DDSv5 = 84 vCPUs.
    const problems = quotaProblems(poolsOf(threePools()), SKUS, usages({ cores: [0, 80] }), REGION);
    assert.deepEqual(problems, [
      {
        check: 'quota',
        message:
          'The total regional vCPU quota (cores) in eastus2 is 4 vCPUs short: the node pools need up to 84 ' +
          '(npsystem: 6 nodes × 2 vCPUs, npuser01: 7 nodes × 8 vCPUs, npuser02: 4 nodes × 4 vCPUs; ' +
          'maxCount plus upgrade surge), but only 80 of the limit 80 are free (0 in use).',
        fix:
          'Request a quota increase of Total Regional vCPUs (cores) to at least 84 vCPUs in eastus2 ' +
          '(Azure portal → Quotas), or lower maxCount of npsystem, npuser01 and npuser02 (or upgrades.maxSurge).',
      },
    ]);
  });

  it("credits the running cluster's own nodes on a re-deploy", () => {
    const pools = poolsOf(threePools());
    const tight = usages({ standardDSv2Family: [38, 100] });
    assert.equal(quotaProblems(pools, SKUS, tight, REGION).length, 1);
    // Three DS2_v2 system nodes (6 vCPUs) are already in the 38: exactly 68 free.
    assert.deepEqual(quotaProblems(pools, SKUS, tight, REGION, { npsystem: 3 }), []);
    assert.deepEqual(quotaProblems(pools, SKUS, tight, REGION, { NPUSER01: 2 }), []);
    const [short] = quotaProblems(pools, SKUS, tight, REGION, { npsystem: 2, gone: 40 });
    assert.match(
      short!.message,
      /is 2 vCPUs short: .* only 66 of the limit 100 are free \(38 in use, 4 of them by the planned clusters' running nodes\)\.$/,
    );
    assert.match(short!.fix, /to at least 102 vCPUs/);
  });

  it('uses Baseplate’s VM size table when the SKU list lacks a size, and skips sizes it cannot know', () => {
    const withoutDs4 = SKUS.filter((s) => s.name !== 'Standard_DS4_v2');
    const tight = usages({ standardDSv2Family: [38, 100] });
    assert.deepEqual(
      quotaProblems(poolsOf(threePools()), withoutDs4, tight, REGION),
      quotaProblems(poolsOf(threePools()), SKUS, tight, REGION),
    );
    const unknown = cluster();
    poolOf(unknown, 'npuser01')['vmSize'] = 'Standard_Z99_v9';
    assert.deepEqual(
      quotaProblems(poolsOf(unknown), SKUS, usages({ standardDSv2Family: [0, 12] }), REGION),
      [],
    );
  });

  it('counts Spot pools against the regional Spot quota only', () => {
    const resource = threePools();
    poolOf(resource, 'npuser02')['scaleSetPriority'] = 'Spot';
    // Without npuser02: 68 DSv2 vCPUs fit the cores; npuser02's 16 go to lowPriorityCores.
    const room = usages({ cores: [0, 68], standardDDSv5Family: [0, 0] });
    assert.deepEqual(
      quotaProblems(poolsOf(resource), SKUS, [...room, usage('lowPriorityCores', 0, 16)], REGION),
      [],
    );
    assert.deepEqual(
      quotaProblems(poolsOf(resource), SKUS, [...room, usage('lowPriorityCores', 4, 16)], REGION).map(
        (p) => p.message,
      ),
      [
        'The regional Spot vCPU quota (lowPriorityCores) in eastus2 is 4 vCPUs short: the node pools need up to 16 ' +
          '(npuser02: 4 nodes × 4 vCPUs; maxCount plus upgrade surge), but only 12 of the limit 16 are free (4 in use).',
      ],
    );
  });

  it('counts a pool without the autoscaler at its count, and skips families without a usage', () => {
    const fixed = cluster();
    Object.assign(poolOf(fixed, 'npuser01'), { enableAutoScaling: false, count: 2 });
    // npsystem 6 × 2 + npuser01 (2 + 1) × 8 = 36.
    assert.deepEqual(
      quotaProblems(poolsOf(fixed), SKUS, usages({ standardDSv2Family: [0, 36] }), REGION),
      [],
    );
    assert.equal(
      quotaProblems(poolsOf(fixed), SKUS, usages({ standardDSv2Family: [0, 35] }), REGION).length,
      1,
    );
    assert.deepEqual(quotaProblems(poolsOf(fixed), SKUS, [], REGION), []);
  });
});

describe('preflight: VM sizes in the region and its zones (deploy.md §5.4)', () => {
  const restricted = (name: string, restriction: SkuRestriction): SkuInfo[] =>
    SKUS.map((s) => (s.name === name ? { ...s, restrictions: [restriction] } : s));

  it('passes when every size is offered in every zone its pool asks for', () => {
    assert.deepEqual(zoneProblems(poolsOf(threePools()), SKUS, REGION), []);
    assert.deepEqual(zoneProblems(poolsOf(cluster()), SKUS, 'East US 2'), []);
  });

  it('fails a pool in zones 1, 2, 3 when a zone restriction removes zone 3', () => {
    const skus = restricted('Standard_DS4_v2', {
      type: 'Zone',
      values: ['eastus2'],
      reasonCode: 'NotAvailableForSubscription',
      restrictionInfo: { locations: ['eastus2'], zones: ['3'] },
    });
    assert.deepEqual(zoneProblems(poolsOf(cluster()), skus, REGION), [
      {
        check: 'zones',
        message:
          'Node pool npuser01 asks for Standard_DS4_v2 in zones 1, 2 and 3 of eastus2, but zone 3 is restricted ' +
          'for this subscription (NotAvailableForSubscription); it is offered in zones 1 and 2.',
        fix:
          'Set the zones of node pool npuser01 (or the top-level zones) to 1 and 2, choose a VM size offered in ' +
          'zone 3, or deploy to another region.',
      },
    ]);
    // The same restriction in another region does not apply here.
    const elsewhere = restricted('Standard_DS4_v2', {
      type: 'Zone',
      values: ['westeurope'],
      restrictionInfo: { locations: ['westeurope'], zones: ['3'] },
    });
    assert.deepEqual(zoneProblems(poolsOf(cluster()), elsewhere, REGION), []);
  });

  it('fails a zone the size does not list, and accepts a pool within the usable zones', () => {
    const twoZones = SKUS.map((s) =>
      s.name === 'Standard_DS2_v2' ? { ...s, locationInfo: [{ location: 'EastUS2', zones: ['2', '1'] }] } : s,
    );
    const [problem, ...rest] = zoneProblems(poolsOf(cluster()), twoZones, REGION);
    assert.deepEqual(rest, []);
    assert.equal(
      problem!.message,
      'Node pool npsystem asks for Standard_DS2_v2 in zones 1, 2 and 3 of eastus2, but zone 3 is not among its zones there; it is offered in zones 1 and 2.',
    );
    const inside = cluster();
    poolOf(inside, 'npsystem')['availabilityZones'] = ['1', '2'];
    assert.deepEqual(zoneProblems(poolsOf(inside), twoZones, REGION), []);
  });

  it('fails a size with a Location restriction on the region', () => {
    const skus = restricted('Standard_DS4_v2', {
      type: 'Location',
      values: ['eastus2'],
      reasonCode: 'NotAvailableForSubscription',
      restrictionInfo: { locations: ['eastus2'] },
    });
    assert.deepEqual(zoneProblems(poolsOf(cluster()), skus, REGION), [
      {
        check: 'zones',
        message:
          'Node pool npuser01 uses Standard_DS4_v2, which eastus2 does not offer: it is restricted for this subscription (NotAvailableForSubscription).',
        fix:
          'Ask Azure support to enable Standard_DS4_v2 in eastus2 for the subscription (a quota request for its family), ' +
          'or choose a VM size that eastus2 offers (az vm list-skus --location eastus2 --resource-type virtualMachines --output table), ' +
          'or deploy to another region.',
      },
    ]);
    const offerType = restricted('Standard_DS4_v2', {
      type: 'Location',
      values: ['eastus2'],
      reasonCode: 'QuotaId',
    });
    assert.match(
      zoneProblems(poolsOf(cluster()), offerType, REGION)[0]!.fix,
      /^The subscription's offer type excludes Standard_DS4_v2/,
    );
  });

  it('fails a size absent from the SKU list, or listed only for other regions', () => {
    const withoutDs4 = SKUS.filter((s) => s.name !== 'Standard_DS4_v2');
    assert.deepEqual(
      zoneProblems(poolsOf(cluster()), withoutDs4, REGION).map((p) => p.message),
      [
        "Node pool npuser01 uses Standard_DS4_v2, which eastus2 does not offer: the region's list of VM sizes for this subscription has no Standard_DS4_v2.",
      ],
    );
    const otherRegion = SKUS.map((s) =>
      s.name === 'Standard_DS4_v2'
        ? { ...s, locations: ['westeurope'], locationInfo: [{ location: 'westeurope' }] }
        : s,
    );
    assert.equal(zoneProblems(poolsOf(cluster()), otherRegion, REGION).length, 1);
  });

  it('accepts a pool without zones on a regional size, and skips zones given as an expression', () => {
    const regional = SKUS.map((s) => ({ ...s, locationInfo: [{ location: 'eastus2', zones: [] }] }));
    const resource = cluster();
    poolOf(resource, 'npsystem')['availabilityZones'] = [];
    poolOf(resource, 'npuser01')['availabilityZones'] = "[parameters('zones')]";
    assert.deepEqual(zoneProblems(poolsOf(resource), regional, REGION), []);
    const zoned = cluster();
    assert.equal(
      zoneProblems(poolsOf(zoned), regional, REGION)[0]!.fix,
      'Choose a VM size that eastus2 offers in zones 1, 2 and 3, or give the pool no zones (zones: []).',
    );
  });
});

/** Built-in role definitions (Azure RBAC built-in roles), as the permissions list returns them. */
const OWNER: PermissionInfo = { actions: ['*'], notActions: [] };
const CONTRIBUTOR: PermissionInfo = {
  actions: ['*'],
  notActions: [
    'Microsoft.Authorization/*/Delete',
    'Microsoft.Authorization/*/Write',
    'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write',
    'Microsoft.Blueprint/blueprintAssignments/delete',
    'Microsoft.Compute/galleries/share/action',
  ],
};
const RBAC_ADMINISTRATOR: PermissionInfo = {
  actions: [
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
    '*/read',
    'Microsoft.Support/*',
  ],
  notActions: [],
};
const NETWORK_CONTRIBUTOR: PermissionInfo = {
  actions: [
    'Microsoft.Authorization/*/read',
    'Microsoft.Insights/alertRules/*',
    'Microsoft.Network/*',
    'Microsoft.ResourceHealth/availabilityStatuses/read',
    'Microsoft.Resources/deployments/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.Support/*',
  ],
};
const MANAGED_IDENTITY_OPERATOR: PermissionInfo = {
  actions: [
    'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
    'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
    'Microsoft.Authorization/*/read',
    'Microsoft.Insights/alertRules/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.Resources/deployments/*',
    'Microsoft.Support/*',
  ],
};
const MONITORING_CONTRIBUTOR: PermissionInfo = {
  actions: ['*/read', 'Microsoft.Insights/diagnosticSettings/*', 'Microsoft.Insights/metricAlerts/*'],
};

const stageTemplate = (name: string): Json => json(files, `azure/${stage(files, name).template}`);

describe('preflight: permissions (deploy.md §5.2)', () => {
  it('matches patterns case-insensitively, with * across slashes and inside a path', () => {
    assert.ok(actionMatches('*', 'Microsoft.Authorization/roleAssignments/write'));
    assert.ok(actionMatches('Microsoft.Network/*/read', 'Microsoft.Network/virtualNetworks/subnets/read'));
    assert.ok(!actionMatches('Microsoft.Network/*/read', 'Microsoft.Network/virtualNetworks/write'));
    assert.ok(
      actionMatches(
        'microsoft.network/VIRTUALNETWORKS/*',
        'Microsoft.Network/virtualNetworks/subnets/join/action',
      ),
    );
    assert.ok(
      !actionMatches('Microsoft.Network/*', 'MicrosoftXNetwork/virtualNetworks/write'),
      '. is literal',
    );
    assert.ok(
      !actionMatches('Microsoft.Network/virtualNetworks/write', 'Microsoft.Network/virtualNetworks/write/x'),
    );
    assert.ok(
      actionMatches('Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', ASSIGN_IDENTITY),
    );
  });

  it('lets Owner do anything and stops Contributor at role assignments', () => {
    for (const name of ['services-00', 'cluster-00']) {
      const required = requiredActions(stageTemplate(name));
      assert.deepEqual(permissionProblems(name, required, [OWNER], 'Owner'), []);
      assert.deepEqual(
        required.filter((a) => !isAllowed(a, [CONTRIBUTOR])),
        ['Microsoft.Authorization/roleAssignments/write'],
        name,
      );
    }
  });

  it("does not let one role's notActions take away another role's actions", () => {
    const required = requiredActions(stageTemplate('cluster-00'));
    assert.deepEqual(permissionProblems('cluster-00', required, [CONTRIBUTOR, RBAC_ADMINISTRATOR], 'x'), []);
    assert.ok(
      !isAllowed('Microsoft.Authorization/roleAssignments/write', [
        { actions: ['*'], notActions: ['*/write'] },
      ]),
    );
  });

  it("passes the ingress stage with exactly the plan's roles, and names what is missing without one", () => {
    const required = requiredActions(stageTemplate('ingress-00'));
    const roles = stage(files, 'ingress-00').roles;
    assert.deepEqual(
      roles.map((r) => r.role),
      ['Network Contributor', 'Managed Identity Operator', 'Monitoring Contributor'],
    );
    const hint = rolesText(roles);
    assert.equal(
      hint,
      'Network Contributor, Managed Identity Operator and Monitoring Contributor on resource group rg-bu0001a0008-00-prod-eus2',
    );
    assert.deepEqual(
      permissionProblems(
        'ingress-00',
        required,
        [NETWORK_CONTRIBUTOR, MANAGED_IDENTITY_OPERATOR, MONITORING_CONTRIBUTOR],
        hint,
      ),
      [],
    );
    assert.deepEqual(
      permissionProblems('ingress-00', required, [NETWORK_CONTRIBUTOR, MONITORING_CONTRIBUTOR], hint),
      [
        {
          check: 'permissions',
          stage: 'ingress-00',
          message: `The deploying identity lacks an action that stage ingress-00 needs: ${ASSIGN_IDENTITY}.`,
          fix:
            `Grant it ${hint} (the stage's roles in deployment-order.json), or a custom role with this action; ` +
            'role assignments can take a few minutes to apply.',
        },
      ],
    );
    const [none] = permissionProblems('ingress-00', [DEPLOY, WHAT_IF], [], hint);
    assert.equal(
      none!.message,
      `The deploying identity lacks 2 actions that stage ingress-00 needs: ${DEPLOY}, ${WHAT_IF}.`,
    );
  });

  it('derives the cluster and services stages’ actions from their generated templates', () => {
    const clusterActions = requiredActions(stageTemplate('cluster-00'));
    for (const action of [
      DEPLOY,
      'Microsoft.ContainerService/managedClusters/write',
      'Microsoft.ContainerService/managedClusters/maintenanceConfigurations/write',
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      ASSIGN_IDENTITY,
    ])
      assert.ok(clusterActions.includes(action), action);
    assert.ok(!clusterActions.includes(WHAT_IF));
    assert.ok(requiredActions(stageTemplate('cluster-00'), { whatIf: true }).includes(WHAT_IF));

    const services = requiredActions(stageTemplate('services-00'));
    for (const action of [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Network/privateEndpoints/write',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      'Microsoft.Network/privateDnsZones/join/action',
      'Microsoft.KeyVault/vaults/secrets/write',
    ])
      assert.ok(services.includes(action), action);
    assert.ok(
      requiredActions(stageTemplate('spoke-00')).includes('Microsoft.Network/virtualNetworks/peer/action'),
    );
    assert.ok(
      requiredActions(stageTemplate('resource-groups')).includes(
        'Microsoft.Resources/subscriptions/resourceGroups/write',
      ),
    );
  });

  it('walks nested child resources and inner deployments, without duplicates', () => {
    const template = {
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'vnet',
          resources: [{ type: 'subnets', name: 'a' }, { type: 'Microsoft.Network/virtualNetworks/subnets' }],
        },
        { type: 'microsoft.network/virtualnetworks', name: 'vnet2' },
        {
          type: 'Microsoft.Resources/deployments',
          properties: {
            template: {
              resources: [
                {
                  type: 'Microsoft.Web/sites',
                  identity: { type: 'UserAssigned', userAssignedIdentities: { "[resourceId('x')]": {} } },
                },
              ],
            },
          },
        },
        { type: "[parameters('type')]" },
      ],
    };
    assert.deepEqual(requiredActions(template), [
      ASSIGN_IDENTITY,
      'Microsoft.Network/virtualNetworks/subnets/write',
      'Microsoft.Network/virtualNetworks/write',
      DEPLOY,
      'Microsoft.Web/sites/write',
    ]);
    assert.deepEqual(requiredActions({}), [DEPLOY]);
  });

  it('groups roles by scope for the fix', () => {
    assert.equal(
      rolesText(stage(files, 'cluster-00').roles),
      'Contributor, Managed Identity Operator and Role Based Access Control Administrator on resource group rg-bu0001a0008-00-prod-eus2',
    );
    assert.equal(
      rolesText([
        { role: 'Contributor', scope: 'resource group a' },
        { role: 'Private DNS Zone Contributor', scope: 'resource group b' },
      ]),
      'Contributor on resource group a; Private DNS Zone Contributor on resource group b',
    );
  });
});

const VERSIONS: readonly KubernetesVersionInfo[] = [
  { version: '1.33' },
  { version: '1.34', patchVersions: { '1.34.1': {}, '1.34.2': {} } },
  { version: '1.35', isPreview: false },
  { version: '1.36', isPreview: false },
  { version: '1.37', isPreview: true },
];

describe('preflight: Kubernetes version (deploy.md §5.5)', () => {
  it('compares versions numerically: 1.9 is before 1.10', () => {
    assert.equal(compareVersions('1.9', '1.10'), -1);
    assert.equal(compareVersions('1.10.0', '1.10'), 0);
    assert.equal(compareVersions('1.36.2', '1.36.10'), -1);
    assert.equal(minorOf('1.36.2'), '1.36');
    assert.equal(minorOf('1'), undefined);
  });

  it('accepts a generally available minor, or a listed patch of one', () => {
    assert.deepEqual(kubernetesVersionProblems('1.36', VERSIONS, REGION), []);
    assert.deepEqual(kubernetesVersionProblems('1.34.2', VERSIONS, REGION), []);
    assert.deepEqual(
      kubernetesVersionProblems('1.35.4', VERSIONS, REGION),
      [],
      'patches not listed: not checked',
    );
  });

  it('refuses a minor that is not offered, or only in preview', () => {
    assert.deepEqual(kubernetesVersionProblems('1.37', VERSIONS, REGION), [
      {
        check: 'kubernetes-version',
        message: 'Kubernetes 1.37 is only in preview in eastus2; AKS there offers 1.33, 1.34, 1.35 and 1.36.',
        fix: 'Set cluster.kubernetesVersion (spokes[].cluster.kubernetesVersion) to one of 1.33, 1.34, 1.35 and 1.36.',
      },
    ]);
    assert.equal(
      kubernetesVersionProblems('1.32', VERSIONS, REGION)[0]!.message,
      'Kubernetes 1.32 is not offered in eastus2; AKS there offers 1.33, 1.34, 1.35 and 1.36.',
    );
    assert.deepEqual(kubernetesVersionProblems('1.34.9', VERSIONS, REGION), [
      {
        check: 'kubernetes-version',
        message: 'Kubernetes 1.34.9 is not offered in eastus2; its patches there are 1.34.1 and 1.34.2.',
        fix: 'Set cluster.kubernetesVersion to 1.34 (AKS picks its latest patch) or one of 1.34.1 and 1.34.2.',
      },
    ]);
  });

  it('refuses a lower minor than the cluster runs, comparing 1.9 and 1.10 as numbers', () => {
    const versions = [{ version: '1.9' }, { version: '1.10' }, { version: '1.11' }];
    const at110: ExistingCluster = { name: 'aks-a', properties: { currentKubernetesVersion: '1.10.3' } };
    assert.deepEqual(kubernetesVersionProblems('1.9', versions, REGION, at110), [
      {
        check: 'kubernetes-version',
        message: 'Cluster aks-a runs Kubernetes 1.10.3; the plan asks for 1.9, and AKS never downgrades.',
        fix: 'Set cluster.kubernetesVersion (spokes[].cluster.kubernetesVersion) to at least 1.10.',
      },
    ]);
    assert.deepEqual(kubernetesVersionProblems('1.10', versions, REGION, at110), []);
    assert.deepEqual(
      kubernetesVersionProblems('1.11', versions, REGION, { currentKubernetesVersion: '1.10.3' }),
      [],
    );
  });

  it('refuses skipping a minor from a supported version, not from an unsupported one', () => {
    assert.deepEqual(
      kubernetesVersionProblems('1.36', VERSIONS, REGION, { currentKubernetesVersion: '1.34.2' }),
      [
        {
          check: 'kubernetes-version',
          message:
            'The cluster runs Kubernetes 1.34.2; the plan asks for 1.36, but AKS upgrades one minor version at a time.',
          fix: 'Deploy with cluster.kubernetesVersion 1.35 first, then 1.36.',
        },
      ],
    );
    assert.deepEqual(
      kubernetesVersionProblems('1.36', VERSIONS, REGION, { properties: { kubernetesVersion: '1.33' } })[0]!
        .fix,
      'Deploy with cluster.kubernetesVersion 1.34 and 1.35 first, in turn, then 1.36.',
    );
    assert.deepEqual(
      kubernetesVersionProblems('1.34', VERSIONS, REGION, { currentKubernetesVersion: '1.31.9' }),
      [],
    );
  });

  it('sends a version no lower than the running one', () => {
    assert.equal(notLower('1.36', undefined), '1.36');
    assert.equal(notLower('1.36', '1.36.2'), '1.36');
    assert.equal(notLower('1.37', '1.36.2'), '1.37');
    assert.equal(notLower('1.35', '1.36.2'), '1.36');
    assert.equal(notLower('1.9', '1.10.1'), '1.10');
    assert.equal(notLower('1.36.1', '1.36.2'), '1.36.2');
    assert.equal(notLower('1.35.1', '1.36.2'), '1.36.2');
    assert.equal(notLower('1.36.3', '1.36.2'), '1.36.3');
  });
});

/** The running cluster as Azure reports the generated one: same values, real IDs. */
function runningCluster(): { properties: Obj & { agentPoolProfiles: Obj[]; networkProfile: Obj } } {
  const properties = structuredClone(props(cluster())) as Obj & {
    agentPoolProfiles: Obj[];
    networkProfile: Obj;
  };
  properties['currentKubernetesVersion'] = '1.36.2';
  properties['networkProfile'] = { ...properties.networkProfile, podCidrs: ['192.168.0.0/16'] };
  for (const pool of properties.agentPoolProfiles)
    pool['vnetSubnetID'] =
      '/subscriptions/1/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers/Microsoft.Network/virtualNetworks/vnet-bu0001a0008-00-prod-eus2/subnets/snet-nodes';
  return { properties };
}

const running = (change: (properties: Obj & { agentPoolProfiles: Obj[]; networkProfile: Obj }) => void) => {
  const existing = runningCluster();
  change(existing.properties);
  return existing as ExistingCluster;
};

describe('preflight: creation-only settings of an existing cluster (deploy.md §5.6)', () => {
  it('finds nothing when the running cluster matches the plan', () => {
    assert.deepEqual(creationOnlyProblems(CLUSTER, runningCluster() as ExistingCluster), []);
    // The SDK flattens the properties onto the cluster.
    assert.deepEqual(creationOnlyProblems(CLUSTER, runningCluster().properties as ExistingCluster), []);
  });

  it('catches each creation-only cluster setting that changed', () => {
    const cases: [string, (p: Obj & { networkProfile: Obj }) => void, string][] = [
      [
        'networkPlugin',
        (p) => (p.networkProfile['networkPlugin'] = 'kubenet'),
        'networkProfile.networkPlugin kubenet → azure',
      ],
      ['networkPluginMode', (p) => delete p.networkProfile['networkPluginMode'], ''],
      [
        'networkPluginMode',
        (p) => (p.networkProfile['networkPluginMode'] = 'none'),
        'networkProfile.networkPluginMode none → overlay',
      ],
      [
        'networkPolicy',
        (p) => (p.networkProfile['networkPolicy'] = 'calico'),
        'networkProfile.networkPolicy calico → azure',
      ],
      ['networkDataplane', (p) => (p.networkProfile['networkDataplane'] = 'cilium'), ''],
      [
        'podCidr',
        (p) => (p.networkProfile['podCidr'] = '10.244.0.0/16'),
        'networkProfile.podCidr 10.244.0.0/16 → 192.168.0.0/16',
      ],
      [
        'serviceCidr',
        (p) => (p.networkProfile['serviceCidr'] = '10.0.0.0/16'),
        'networkProfile.serviceCidr 10.0.0.0/16 → 172.16.0.0/16',
      ],
      [
        'dnsServiceIP',
        (p) => (p.networkProfile['dnsServiceIP'] = '172.16.0.53'),
        'networkProfile.dnsServiceIP 172.16.0.53 → 172.16.0.10',
      ],
      [
        'private',
        (p) => ((p['apiServerAccessProfile'] as Obj)['enablePrivateCluster'] = true),
        'apiServerAccessProfile.enablePrivateCluster true → false',
      ],
      [
        'nodeResourceGroup',
        (p) => (p['nodeResourceGroup'] = 'MC_rg_aks_eastus2'),
        'nodeResourceGroup MC_rg_aks_eastus2 → rg-bu0001a0008-00-prod-eus2-nodepools',
      ],
      ['dnsPrefix', (p) => (p['dnsPrefix'] = 'aks-old'), 'dnsPrefix aks-old → aks-bu0001a0008-00-prod-eus2'],
      // AKS changes these in place.
      ['outboundType', (p) => (p.networkProfile['outboundType'] = 'loadBalancer'), ''],
    ];
    for (const [label, change, expected] of cases) {
      const messages: string[] = creationOnlyProblems(CLUSTER, running(change)).map((p) => p.message);
      assert.deepEqual(
        messages,
        expected === ''
          ? []
          : [`Cluster aks-bu0001a0008-00-prod-eus2: ${expected} cannot change on an existing cluster.`],
        label,
      );
    }
  });

  it('reads the planned property names in any case, as ARM does (src/core/arm-values.ts)', () => {
    const planned = structuredClone(CLUSTER) as Obj & { properties: Obj };
    const { networkProfile, ...rest } = planned.properties;
    planned.properties = { ...rest, NetworkProfile: networkProfile };
    const existing = running((p) => (p.networkProfile['networkPolicy'] = 'calico'));
    assert.deepEqual(
      creationOnlyProblems(planned, existing).map((p) => p.message),
      [
        'Cluster aks-bu0001a0008-00-prod-eus2: networkProfile.networkPolicy calico → azure cannot change on an existing cluster.',
      ],
    );
  });

  it('tells how to recreate the cluster for a cluster setting', () => {
    const existing = running((p) => (p.networkProfile['networkPolicy'] = 'calico'));
    assert.deepEqual(creationOnlyProblems(CLUSTER, existing), [
      {
        check: 'creation-only',
        message:
          'Cluster aks-bu0001a0008-00-prod-eus2: networkProfile.networkPolicy calico → azure cannot change on an existing cluster.',
        fix:
          'To change it: deploy a new cluster beside this one (a new spoke or cluster name), move the workloads, ' +
          'then delete the old one; or keep calico in the configuration.',
      },
    ]);
  });

  it('catches each creation-only node pool setting that changed', () => {
    const user = (p: { agentPoolProfiles: Obj[] }) =>
      p.agentPoolProfiles.find((x) => x['name'] === 'npuser01')!;
    const cases: [(p: Obj & { agentPoolProfiles: Obj[] }) => void, string][] = [
      [(p) => (user(p)['vmSize'] = 'Standard_D8s_v5'), 'vmSize Standard_D8s_v5 → Standard_DS4_v2'],
      [(p) => (user(p)['osDiskSizeGB'] = 128), 'osDiskSizeGB 128 → 512'],
      [(p) => (user(p)['osDiskType'] = 'Ephemeral'), 'osDiskType Ephemeral → Managed'],
      [(p) => (user(p)['maxPods'] = 110), 'maxPods 110 → 30'],
      [(p) => (user(p)['availabilityZones'] = ['1']), 'availabilityZones 1 → 1, 2, 3'],
      [(p) => delete user(p)['availabilityZones'], 'availabilityZones no zones → 1, 2, 3'],
    ];
    for (const [change, expected] of cases)
      assert.deepEqual(
        creationOnlyProblems(CLUSTER, running(change)).map((p) => p.message),
        [
          `Node pool npuser01 of cluster aks-bu0001a0008-00-prod-eus2: ${expected} cannot change on an existing node pool.`,
        ],
        expected,
      );
    const [problem] = creationOnlyProblems(CLUSTER, running(cases[0]![0]));
    assert.equal(
      problem!.fix,
      'To change it: add a node pool under a new name with the new value, move the workloads to it, then delete ' +
        'the old pool (az aks nodepool delete); or keep Standard_D8s_v5 in the configuration.',
    );
  });

  it('ignores case, zone order, unchanged and unset values, and mutable settings', () => {
    const existing = running((p) => {
      p.networkProfile['networkPlugin'] = 'Azure';
      p.networkProfile['networkPolicy'] = undefined;
      p['nodeResourceGroup'] = 'RG-BU0001A0008-00-PROD-EUS2-NODEPOOLS';
      const user = p.agentPoolProfiles.find((x) => x['name'] === 'npuser01')!;
      Object.assign(user, { vmSize: 'standard_ds4_v2', availabilityZones: ['3', '1', '2'], osSKU: 'Ubuntu' });
      delete user['osDiskType'];
    });
    assert.deepEqual(creationOnlyProblems(CLUSTER, existing), []);
  });

  it('skips template expressions and compares literal subnet IDs case-insensitively', () => {
    const subnet = (resource: Obj, id: string) => {
      for (const pool of profiles(resource)) pool['vnetSubnetID'] = id;
    };
    const existing = runningCluster() as ExistingCluster;
    const id = runningCluster().properties.agentPoolProfiles[0]!['vnetSubnetID'] as string;
    const literalIds = cluster();
    subnet(literalIds, id.toUpperCase());
    assert.deepEqual(creationOnlyProblems(literalIds, existing), []);
    const otherSubnet = cluster();
    subnet(otherSubnet, id.replace('snet-nodes', 'snet-other'));
    assert.equal(creationOnlyProblems(otherSubnet, existing).length, 2);
    const expressions = cluster();
    props(expressions)['dnsPrefix'] = "[parameters('dnsPrefix')]";
    poolOf(expressions, 'npuser01')['vmSize'] = "[parameters('size')]";
    const changed = running((p) => {
      p['dnsPrefix'] = 'aks-old';
      p.agentPoolProfiles.find((x) => x['name'] === 'npuser01')!['vmSize'] = 'Standard_D8s_v5';
    });
    assert.deepEqual(creationOnlyProblems(expressions, changed), []);
  });

  it('lets a new node pool be created', () => {
    assert.deepEqual(creationOnlyProblems(threePools(), runningCluster() as ExistingCluster), []);
    assert.deepEqual(
      existingNodeCounts({ agentPoolProfiles: [{ name: 'npsystem', count: 3 }, { name: 'x' }] }),
      {
        npsystem: 3,
      },
    );
    assert.deepEqual(existingNodeCounts(runningCluster() as ExistingCluster), { npsystem: 3, npuser01: 2 });
  });
});

describe('preflight: inputs as Resource Manager sends them', () => {
  it('accepts the REST answers as rest.ts types them (checked by the compiler)', () => {
    const accept = (
      sku: ResourceSku,
      use: Usage,
      permission: Permission,
      version: KubernetesVersion,
    ): [SkuInfo, UsageInfo, PermissionInfo, KubernetesVersionInfo] => [sku, use, permission, version];
    assert.equal(typeof accept, 'function');
  });

  it("reads the specs' own example answers", () => {
    // ManagedClusters_ListKubernetesVersions, aks/stable/2025-10-01/examples/KubernetesVersions_List.json (abridged).
    const listed: { values: KubernetesVersion[] } = {
      values: [
        {
          version: '1.24',
          isDefault: true,
          patchVersions: { '1.24.6': { upgrades: ['1.24.9'] }, '1.24.9': {} },
        },
        { version: '1.25', patchVersions: { '1.25.4': { upgrades: ['1.25.5'] }, '1.25.5': {} } },
        { version: '1.26', isPreview: true, patchVersions: { '1.26.0': { upgrades: [] } } },
      ],
    };
    assert.deepEqual(kubernetesVersionProblems('1.25', listed.values, 'location1'), []);
    assert.deepEqual(kubernetesVersionProblems('1.24.9', listed.values, 'location1'), []);
    assert.match(
      kubernetesVersionProblems('1.26', listed.values, 'location1')[0]?.message ?? '',
      /only in preview/,
    );
    assert.match(
      kubernetesVersionProblems('1.25.9', listed.values, 'location1')[0]?.message ?? '',
      /1\.25\.4 and 1\.25\.5/,
    );
    // ManagedClusters_Get: the cluster's settings under `properties`, as creation-only reads them.
    const running: ExistingCluster = {
      name: 'aks-a',
      properties: { currentKubernetesVersion: '1.24.9', agentPoolProfiles: [{ name: 'npsystem', count: 3 }] },
    };
    assert.deepEqual(existingNodeCounts(running), { npsystem: 3 });
    assert.match(
      kubernetesVersionProblems('1.23', listed.values, 'location1', running)[1]?.message ?? '',
      /never downgrades/,
    );
  });
});
