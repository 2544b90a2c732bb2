/**
 * The rules of the classes issue 26 found verify missed, each with a table of
 * cases written as foreign input (templates and manifests Baseplate did not
 * write): a pass, a fail, a shape the rule does not apply to (no outcome), and
 * where the input can hold an expression or a substitution, unknown. Then the
 * absence semantics: a missing diagnostic setting, policy assignment or
 * maintenance window is a finding only where the inputs are a whole deployment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import type { Status } from '../src/core/verify/rule.js';
import { holdsWholeDeployment } from '../src/core/verify/rules/completeness.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { registryOf } from '../src/core/verify/rules/image-sources.js';
import { namesSecret } from '../src/core/verify/rules/pod-hardening.js';

/** A template deploying `resources`. */
function arm(...resources: Json[]): Inventory {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  };
  return inventoryFrom([{ name: 'main.json', text: JSON.stringify(template) }]);
}

/** Kubernetes manifests, one document each. */
function kube(...documents: Json[]): Inventory {
  return inventoryFrom([
    { name: 'apps/app.yaml', text: documents.map((d) => JSON.stringify(d)).join('\n---\n') },
  ]);
}

function statuses(id: string, inventory: Inventory): Status[] {
  const rule = RULES.find((r) => r.id === id);
  assert.ok(rule, id);
  return rule.check(inventory).map((o) => o.status);
}

interface Case {
  readonly name: string;
  readonly input: () => Inventory;
  readonly expect: readonly Status[];
}

/** A Deployment whose pod spec and first container carry `pod` and `container`. */
function deployment(pod: Json = {}, container: Json = {}, namespace = 'shop'): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'contoso.azurecr.io/web:1.0', ...container }], ...pod },
      },
    },
  };
}

const gateway = (sku: unknown): Json => ({
  type: 'Microsoft.Network/applicationGateways',
  apiVersion: '2024-05-01',
  name: 'agw',
  properties: { sku },
});
const wafPolicy = (managedRuleSets: unknown): Json => ({
  type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  apiVersion: '2024-05-01',
  name: 'waf',
  properties: { managedRules: { managedRuleSets } },
});
const service = (spec: Json): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'ingress', namespace: 'ingress' },
  spec,
});
const cluster = (properties: Json, name = 'aks'): Json => ({
  type: 'Microsoft.ContainerService/managedClusters',
  apiVersion: '2025-05-01',
  name,
  properties,
});
const ruleGroup = (ruleCollections: unknown): Json => ({
  type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
  apiVersion: '2024-05-01',
  name: 'policy/egress',
  properties: { ruleCollections },
});
const allow = (...rules: Json[]): Json => ({
  ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
  name: 'allow',
  action: { type: 'Allow' },
  rules,
});
const appRule = (targetFqdns: unknown): Json => ({ ruleType: 'ApplicationRule', name: 'web', targetFqdns });
const network = (name: string, prefix: string, subnets: Json[], extra: Json = {}): Json => ({
  type: 'Microsoft.Network/virtualNetworks',
  apiVersion: '2024-05-01',
  name,
  properties: { addressSpace: { addressPrefixes: [prefix] }, subnets, ...extra },
});
const routeTable = (nextHopIpAddress: unknown): Json => ({
  type: 'Microsoft.Network/routeTables',
  apiVersion: '2024-05-01',
  name: 'rt-spoke',
  properties: {
    routes: [
      {
        name: 'to-firewall',
        properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress },
      },
    ],
  },
});
const routedSpoke = network('vnet-spoke', '10.240.0.0/16', [
  {
    name: 'snet-nodes',
    properties: { routeTable: { id: "[resourceId('Microsoft.Network/routeTables', 'rt-spoke')]" } },
  },
]);
const hub = network('vnet-hub', '10.200.0.0/24', [{ name: 'AzureFirewallSubnet', properties: {} }]);
const peering = (remote: unknown): Json => ({
  type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
  apiVersion: '2024-05-01',
  name: 'vnet-spoke/to-hub',
  properties: { remoteVirtualNetwork: { id: remote } },
});

const TABLES: Record<string, readonly Case[]> = {
  'appgw/waf-sku': [
    { name: 'WAF_v2', input: () => arm(gateway({ name: 'WAF_v2', tier: 'WAF_v2' })), expect: ['pass'] },
    {
      name: 'Standard_v2',
      input: () => arm(gateway({ name: 'Standard_v2', tier: 'Standard_v2' })),
      expect: ['fail'],
    },
    { name: 'no gateway', input: () => arm(wafPolicy([])), expect: [] },
    {
      name: 'a tier from a parameter',
      input: () => arm(gateway("[parameters('sku')]")),
      expect: ['unknown'],
    },
    {
      name: 'a WAF_v2 name with its tier from a reference',
      input: () => arm(gateway({ name: 'WAF_v2', tier: "[reference('sku').tier]" })),
      expect: ['unknown'],
    },
    {
      name: 'a Standard_v2 tier with its name from a parameter',
      input: () => arm(gateway({ name: "[parameters('sku')]", tier: 'Standard_v2' })),
      expect: ['fail'],
    },
  ],
  'appgw/bot-protection': [
    {
      name: 'default and bot rule sets',
      input: () =>
        arm(
          wafPolicy([
            { ruleSetType: 'OWASP' },
            { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
          ]),
        ),
      expect: ['pass'],
    },
    {
      name: 'the default rule set only',
      input: () => arm(wafPolicy([{ ruleSetType: 'OWASP' }])),
      expect: ['fail'],
    },
    { name: 'no WAF policy', input: () => arm(gateway({ tier: 'WAF_v2' })), expect: [] },
    {
      name: 'rule sets from a variable',
      input: () => arm(wafPolicy("[variables('sets')]")),
      expect: ['unknown'],
    },
  ],
  'k8s/ingress-local-traffic': [
    {
      name: 'Local',
      input: () => kube(service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' })),
      expect: ['pass'],
    },
    {
      name: 'Cluster',
      input: () => kube(service({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' })),
      expect: ['fail'],
    },
    { name: 'the default (Cluster)', input: () => kube(service({ type: 'LoadBalancer' })), expect: ['fail'] },
    { name: 'a ClusterIP service', input: () => kube(service({ type: 'ClusterIP' })), expect: [] },
    {
      name: 'a Flux substitution',
      input: () => kube(service({ type: 'LoadBalancer', externalTrafficPolicy: '${TRAFFIC_POLICY}' })),
      expect: ['unknown'],
    },
  ],
  'firewall/no-any-fqdn': [
    {
      name: 'named FQDNs',
      input: () => arm(ruleGroup([allow(appRule(['github.com', '*.github.com']))])),
      expect: ['pass'],
    },
    { name: 'every FQDN', input: () => arm(ruleGroup([allow(appRule(['*']))])), expect: ['fail'] },
    {
      name: 'a whole top-level domain',
      input: () => arm(ruleGroup([allow(appRule(['*.com']))])),
      expect: ['fail'],
    },
    {
      name: 'a deny collection to *',
      input: () => arm(ruleGroup([{ ...allow(appRule(['*'])), action: { type: 'Deny' } }])),
      expect: ['pass'],
    },
    {
      name: 'a classic firewall rule to *',
      input: () =>
        arm({
          type: 'Microsoft.Network/azureFirewalls',
          apiVersion: '2024-05-01',
          name: 'fw',
          properties: {
            applicationRuleCollections: [
              {
                name: 'all',
                properties: { action: { type: 'Allow' }, rules: [{ name: 'any', targetFqdns: ['*'] }] },
              },
            ],
          },
        }),
      expect: ['fail'],
    },
    { name: 'no firewall', input: () => arm(cluster({})), expect: [] },
    {
      name: 'collections as an expression',
      input: () => arm(ruleGroup("[concat(variables('a'), variables('b'))]")),
      expect: ['unknown'],
    },
    {
      name: 'targets from a parameter',
      input: () => arm(ruleGroup([allow(appRule("[parameters('fqdns')]"))])),
      expect: ['unknown'],
    },
  ],
  'net/routed-spoke-peered': [
    {
      name: 'routed to the hub and peered',
      input: () =>
        arm(
          hub,
          routedSpoke,
          routeTable('10.200.0.4'),
          peering("[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]"),
        ),
      expect: ['pass'],
    },
    {
      name: 'peered inside the network',
      input: () =>
        arm(
          hub,
          {
            ...routedSpoke,
            properties: {
              ...(routedSpoke['properties'] as Json),
              virtualNetworkPeerings: [
                {
                  name: 'to-hub',
                  properties: {
                    remoteVirtualNetwork: {
                      id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-hub',
                    },
                  },
                },
              ],
            },
          },
          routeTable('10.200.0.4'),
        ),
      expect: ['pass'],
    },
    {
      name: 'routed to the hub, not peered, the cluster on the spoke',
      input: () => arm(hub, routedSpoke, routeTable('10.200.0.4'), onSpoke({ name: 'sys', mode: 'System' })),
      expect: ['fail'],
    },
    {
      name: 'routed to the hub, no peering among networks alone (it may be deployed apart)',
      input: () => arm(hub, routedSpoke, routeTable('10.200.0.4')),
      expect: ['unknown'],
    },
    {
      name: 'a hub not among the inputs',
      input: () => arm(routedSpoke, routeTable('10.200.0.4')),
      expect: [],
    },
    {
      name: 'the next hop from a parameter',
      input: () => arm(hub, routedSpoke, routeTable("[parameters('firewallIp')]")),
      expect: ['unknown'],
    },
    {
      name: 'a peering to a network computed at deployment',
      input: () => arm(hub, routedSpoke, routeTable('10.200.0.4'), peering("[parameters('hubId')]")),
      expect: ['unknown'],
    },
  ],
  'k8s/host-namespaces': [
    { name: 'none shared', input: () => kube(deployment()), expect: ['pass'] },
    { name: 'hostNetwork', input: () => kube(deployment({ hostNetwork: true })), expect: ['fail'] },
    {
      name: 'hostPID and hostIPC',
      input: () => kube(deployment({ hostPID: true, hostIPC: true })),
      expect: ['fail'],
    },
    {
      name: 'in kube-system',
      input: () => kube(deployment({ hostNetwork: true }, {}, 'kube-system')),
      expect: [],
    },
    {
      name: 'a substitution',
      input: () => kube(deployment({ hostNetwork: '${HOST_NETWORK}' })),
      expect: ['unknown'],
    },
  ],
  'k8s/host-path': [
    {
      name: 'an emptyDir',
      input: () => kube(deployment({ volumes: [{ name: 'tmp', emptyDir: {} }] })),
      expect: ['pass'],
    },
    {
      name: 'the Docker socket',
      input: () =>
        kube(deployment({ volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] })),
      expect: ['fail'],
    },
    {
      name: 'a ConfigMap, no workload',
      input: () => kube({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
      expect: [],
    },
    {
      name: 'volumes substituted',
      input: () => kube(deployment({ volumes: '${VOLUMES}' })),
      expect: ['unknown'],
    },
  ],
  'k8s/added-capabilities': [
    {
      name: 'NET_BIND_SERVICE',
      input: () => kube(deployment({}, { securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } })),
      expect: ['pass'],
    },
    {
      name: 'SYS_ADMIN',
      input: () => kube(deployment({}, { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } })),
      expect: ['fail'],
    },
    {
      name: 'CAP_NET_ADMIN in an init container',
      input: () =>
        kube(
          deployment({
            initContainers: [
              {
                name: 'init',
                image: 'contoso.azurecr.io/i:1',
                securityContext: { capabilities: { add: ['CAP_NET_ADMIN'] } },
              },
            ],
          }),
        ),
      expect: ['fail'],
    },
    {
      name: 'in flux-system',
      input: () =>
        kube(deployment({}, { securityContext: { capabilities: { add: ['ALL'] } } }, 'flux-system')),
      expect: [],
    },
    {
      name: 'a substitution',
      input: () => kube(deployment({}, { securityContext: { capabilities: { add: ['${EXTRA_CAP}'] } } })),
      expect: ['unknown'],
    },
  ],
  'k8s/seccomp-unconfined': [
    {
      name: 'RuntimeDefault',
      input: () => kube(deployment({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })),
      expect: ['pass'],
    },
    {
      name: 'Unconfined on the pod',
      input: () => kube(deployment({ securityContext: { seccompProfile: { type: 'Unconfined' } } })),
      expect: ['fail'],
    },
    {
      name: 'Unconfined on a container under a RuntimeDefault pod',
      input: () =>
        kube(
          deployment(
            { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
            { securityContext: { seccompProfile: { type: 'Unconfined' } } },
          ),
        ),
      expect: ['fail'],
    },
    { name: 'no workload', input: () => kube(service({ type: 'ClusterIP' })), expect: [] },
    {
      name: 'a substitution',
      input: () => kube(deployment({ securityContext: { seccompProfile: { type: '${SECCOMP}' } } })),
      expect: ['unknown'],
    },
  ],
  'k8s/env-secrets': [
    {
      name: 'a secret from valueFrom, a vault name as value',
      input: () =>
        kube(
          deployment(
            {},
            {
              env: [
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                { name: 'KEY_VAULT_NAME', value: 'kv-shop' },
                { name: 'TOKEN_PATH', value: '/var/run/token' },
              ],
            },
          ),
        ),
      expect: ['pass'],
    },
    {
      name: 'a literal password',
      input: () => kube(deployment({}, { env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] })),
      expect: ['fail'],
    },
    {
      name: 'a camelCase API key',
      input: () => kube(deployment({}, { env: [{ name: 'stripeApiKey', value: 'sk_live_x' }] })),
      expect: ['fail'],
    },
    { name: 'no workload', input: () => kube(service({ type: 'ClusterIP' })), expect: [] },
    {
      name: 'a substitution',
      input: () => kube(deployment({}, { env: [{ name: 'GITHUB_TOKEN', value: '${GITHUB_TOKEN}' }] })),
      expect: ['unknown'],
    },
  ],
};

/** The registry of the manifests' images, as a resource of a template beside them. */
const registry = (name: string): Json => ({
  type: 'Microsoft.ContainerRegistry/registries',
  apiVersion: '2023-07-01',
  name,
  sku: { name: 'Premium' },
  properties: {},
});
function withRegistry(registryName: unknown, ...documents: Json[]): Inventory {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [registry(String(registryName))],
  };
  return inventoryFrom([
    { name: 'infra/main.json', text: JSON.stringify(template) },
    { name: 'repo/apps/app.yaml', text: documents.map((d) => JSON.stringify(d)).join('\n---\n') },
  ]);
}

TABLES['k8s/approved-registries'] = [
  { name: "the deployment's registry", input: () => withRegistry('contoso', deployment()), expect: ['pass'] },
  {
    name: 'Docker Hub',
    input: () => withRegistry('contoso', deployment({}, { image: 'nginx:1.27' })),
    expect: ['fail'],
  },
  {
    name: 'Docker Hub renamed to the registry by the Flux Kustomization',
    input: () =>
      withRegistry('contoso', deployment({}, { image: 'nginx:1.27' }), {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'apps', namespace: 'flux-system' },
        spec: { path: './apps', images: [{ name: 'nginx', newName: 'contoso.azurecr.io/nginx' }] },
      }),
    expect: ['pass'],
  },
  {
    name: 'in kube-system',
    input: () => withRegistry('contoso', deployment({}, { image: 'nginx:1.27' }, 'kube-system')),
    expect: [],
  },
  {
    name: 'no registry among the inputs',
    input: () => kube(deployment({}, { image: 'nginx:1.27' })),
    expect: ['unknown'],
  },
  {
    name: 'a registry named by an expression',
    input: () => withRegistry("[variables('acr')]", deployment({}, { image: 'nginx:1.27' })),
    expect: ['unknown'],
  },
  {
    name: 'an image substituted',
    input: () => withRegistry('contoso', deployment({}, { image: '${REGISTRY}/web:1.0' })),
    expect: ['unknown'],
  },
];

describe('rules of the classes verify missed', () => {
  for (const [id, cases] of Object.entries(TABLES))
    describe(id, () => {
      it('covers a pass, a fail, a shape it does not judge and, from an expression, unknown', () => {
        const seen = new Set<string>(
          cases.flatMap((c) => (c.expect.length === 0 ? ['none'] : [...c.expect])),
        );
        for (const wanted of ['pass', 'fail', 'none', 'unknown'])
          assert.ok(seen.has(wanted), `${id} has no ${wanted} case`);
      });
      for (const c of cases)
        it(`${c.name}: ${c.expect.join(', ') || 'no outcome'}`, () =>
          assert.deepEqual(statuses(id, c.input()), c.expect));
    });

  it('reads image references as the container runtime does', () => {
    assert.equal(registryOf('nginx:1.27'), 'docker.io');
    assert.equal(registryOf('library/nginx'), 'docker.io');
    assert.equal(registryOf('ghcr.io/org/app:1'), 'ghcr.io');
    assert.equal(registryOf('localhost:5000/app'), 'localhost:5000');
    assert.equal(registryOf('Contoso.azurecr.io/app@sha256:00'), 'contoso.azurecr.io');
  });

  it('judges a secret by the last word of its name', () => {
    for (const name of ['DB_PASSWORD', 'clientSecret', 'api-key', 'GITHUB_TOKEN', 'SQL_CONNECTION_STRING'])
      assert.ok(namesSecret(name), name);
    for (const name of ['KEY_VAULT_NAME', 'TOKEN_PATH', 'PASSWORD_FILE', 'AZURE_CLIENT_ID', 'SECRETS_DIR'])
      assert.ok(!namesSecret(name), name);
  });
});

const SUBNET = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]";
/** The spoke network holding SUBNET: with a cluster on it, the inputs are a whole deployment. */
const spoke = network('vnet-spoke', '10.240.0.0/16', [{ name: 'snet-nodes', properties: {} }]);

/** A cluster whose pools are on SUBNET. */
function onSpoke(...agentPoolProfiles: Json[]): Json {
  return cluster({ agentPoolProfiles: agentPoolProfiles.map((pool) => ({ ...pool, vnetSubnetID: SUBNET })) });
}

/** A cluster with a system pool on SUBNET, and `properties`. */
function spokeCluster(properties: Json = {}): Json {
  const base = onSpoke({ name: 'sys', mode: 'System' });
  return { ...base, properties: { ...(base['properties'] as Json), ...properties } };
}

describe('absence semantics', () => {
  it('a cluster with its network is a whole deployment; a cluster alone, on a managed network or on a computed subnet is not', () => {
    assert.ok(holdsWholeDeployment(arm(spokeCluster(), spoke)));
    assert.ok(!holdsWholeDeployment(arm(spokeCluster())));
    assert.ok(
      !holdsWholeDeployment(arm(cluster({ agentPoolProfiles: [{ name: 'sys', mode: 'System' }] }), spoke)),
    );
    assert.ok(
      !holdsWholeDeployment(
        arm(
          cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID: "[variables('subnetId')]" }] }),
          spoke,
        ),
      ),
    );
    // The network is there, but not the subnet the nodes are on.
    assert.ok(
      !holdsWholeDeployment(arm(spokeCluster(), network('vnet-spoke', '10.240.0.0/16', [{ name: 'other' }]))),
    );
  });

  it('reads a subnet ID with placeholders by its names, in linear time on a long run of `<`', () => {
    const withPlaceholders = (prefix: string) =>
      arm(
        cluster({
          agentPoolProfiles: [
            { name: 'sys', vnetSubnetID: `${prefix}/virtualNetworks/vnet-spoke/subnets/snet-nodes` },
          ],
        }),
        spoke,
      );
    assert.ok(holdsWholeDeployment(withPlaceholders('/subscriptions/<subscription-id>/resourceGroups/<rg>')));
    // Stripping placeholders with /<[^>]+>/ took minutes here.
    const long = withPlaceholders('<'.repeat(100_000));
    const started = performance.now();
    assert.ok(holdsWholeDeployment(long));
    assert.ok(performance.now() - started < 2000);
  });

  const absent: Array<[string, Json]> = [['monitoring/control-plane-logs', {}]];
  for (const [id, properties] of absent) {
    it(`${id}: missing from a whole deployment is a fail; from a template of the cluster alone, unknown`, () => {
      assert.deepEqual(statuses(id, arm(spokeCluster(properties), spoke)), ['fail']);
      assert.deepEqual(statuses(id, arm(spokeCluster(properties))), ['unknown']);
    });
  }

  it('node OS upgrades off with no maintenance window fail in a whole deployment; with a window, or alone, stay unknown', () => {
    const off = { autoUpgradeProfile: { nodeOSUpgradeChannel: 'None', upgradeChannel: 'none' } };
    const window = {
      type: 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
      apiVersion: '2025-05-01',
      name: 'aks/default',
      properties: {},
    };
    assert.deepEqual(statuses('aks/node-os-upgrades', arm(spokeCluster(off), spoke)), ['fail']);
    assert.deepEqual(statuses('aks/node-os-upgrades', arm(spokeCluster(off), spoke, window)), ['unknown']);
    assert.deepEqual(statuses('aks/node-os-upgrades', arm(spokeCluster(off))), ['unknown']);
  });
});
