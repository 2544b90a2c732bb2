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

function kube(inventory: Inventory, kind: string, name: string): Json {
  const found = inventory.kubernetes.find((o) => o.kind === kind && o.name === name);
  assert.ok(found, `${kind} ${name}`);
  return found.body;
}

const props = (body: Json) => body['properties'] as Json;
const cluster = (inv: Inventory) => props(azure(inv, 'Microsoft.ContainerService/managedClusters'));
const pool = (inv: Inventory, i: number) => (cluster(inv)['agentPoolProfiles'] as Json[])[i]!;
const podOf = (inv: Inventory, name: string) =>
  ((kube(inv, 'Deployment', name)['spec'] as Json)['template'] as Json)['spec'] as Json;
const containerOf = (inv: Inventory, name: string) => (podOf(inv, name)['containers'] as Json[])[0]!;

/** Takes out every resource that matches. */
function remove(inv: Inventory, match: (type: string, body: Json) => boolean): void {
  const list = inv.azure as unknown as Array<{ type: string; body: Json }>;
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i]!.type, list[i]!.body)) list.splice(i, 1);
}

function removeKube(inv: Inventory, kind: string): void {
  const list = inv.kubernetes as unknown as Array<{ kind: string }>;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.kind === kind) list.splice(i, 1);
}
const scopeOf = (body: Json) => String(body['scope'] ?? '');
/** The log categories of the cluster's diagnostic setting. */
function clusterLogs(inv: Inventory): Json[] {
  const setting = inv.azure.find(
    (r) => r.type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(r.body).includes('managedClusters'),
  );
  assert.ok(setting);
  return props(setting.body)['logs'] as Json[];
}

/** The rule of the firewall policy named `name`. */
function firewallRule(inv: Inventory, name: string): Json {
  const rules = inv.azure
    .filter((r) => r.type === 'Microsoft.Network/firewallPolicies/ruleCollectionGroups')
    .flatMap((g) => (props(g.body)['ruleCollections'] as Json[]).flatMap((c) => c['rules'] as Json[]));
  const found = rules.find((r) => r['name'] === name);
  assert.ok(found, name);
  return found;
}
/** Points the cluster's agents at the Prometheus collection endpoint for their configuration, as private link does. */
function associateConfigurationEndpoint(inv: Inventory): void {
  const list = inv.azure as unknown as Array<{ type: string; name: string; body: Json; source: string }>;
  const clusterId = azure(inv, 'Microsoft.ContainerService/managedClusters')['id'];
  list.push({
    type: 'Microsoft.Insights/dataCollectionRuleAssociations',
    name: 'configurationAccessEndpoint',
    source: 'azure/resources.json',
    body: {
      scope: clusterId,
      properties: {
        dataCollectionEndpointId: azure(inv, 'Microsoft.Insights/dataCollectionEndpoints')['id'],
      },
    },
  });
}

/** One or more single changes per rule, each of which the rule must catch. */
const MUTATIONS: Record<string, Array<[string, (inv: Inventory) => void]>> = {
  // The rules of the classes issue 26 found missed (test/verify-new-rules.test.ts has their case tables).
  'appgw/waf-sku': [
    [
      'a Standard_v2 gateway',
      (inv) =>
        (props(azure(inv, 'Microsoft.Network/applicationGateways'))['sku'] = {
          name: 'Standard_v2',
          tier: 'Standard_v2',
        }),
    ],
  ],
  'appgw/bot-protection': [
    [
      'no bot manager rule set',
      (inv) => {
        const rules = props(azure(inv, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies'))[
          'managedRules'
        ] as Json;
        rules['managedRuleSets'] = (rules['managedRuleSets'] as Json[]).filter(
          (set) => set['ruleSetType'] !== 'Microsoft_BotManagerRuleSet',
        );
      },
    ],
  ],
  'k8s/ingress-local-traffic': [
    [
      'externalTrafficPolicy Cluster',
      (inv) => ((kube(inv, 'Service', 'traefik')['spec'] as Json)['externalTrafficPolicy'] = 'Cluster'),
    ],
  ],
  'firewall/no-any-fqdn': [
    ['an application rule to *', (inv) => (firewallRule(inv, 'gitops-repository')['targetFqdns'] = ['*'])],
  ],
  'net/routed-spoke-peered': [
    [
      'the spoke routes to the firewall but is not peered',
      (inv) => remove(inv, (type) => type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings'),
    ],
  ],
  'k8s/host-namespaces': [['hostNetwork', (inv) => (podOf(inv, 'aspnetapp')['hostNetwork'] = true)]],
  'k8s/host-path': [
    [
      'the Docker socket mounted',
      (inv) =>
        (podOf(inv, 'aspnetapp')['volumes'] = [
          { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
        ]),
    ],
  ],
  'k8s/added-capabilities': [
    [
      'SYS_ADMIN added',
      (inv) =>
        (((containerOf(inv, 'aspnetapp')['securityContext'] as Json)['capabilities'] as Json)['add'] = [
          'SYS_ADMIN',
        ]),
    ],
  ],
  'k8s/seccomp-unconfined': [
    [
      'seccomp Unconfined',
      (inv) =>
        ((podOf(inv, 'aspnetapp')['securityContext'] as Json)['seccompProfile'] = { type: 'Unconfined' }),
    ],
  ],
  'k8s/env-secrets': [
    [
      'a literal password',
      (inv) => (containerOf(inv, 'aspnetapp')['env'] = [{ name: 'DB_PASSWORD', value: 'hunter2' }]),
    ],
  ],
  'k8s/approved-registries': [
    [
      'an image from Docker Hub',
      (inv) => (containerOf(inv, 'aspnetapp')['image'] = 'docker.io/library/nginx:1.27'),
    ],
  ],
  'aks/max-pods': [['ten pods per node', (inv) => (pool(inv, 1)['maxPods'] = 10)]],
  'aks/linux-os': [['a Windows system pool', (inv) => (pool(inv, 0)['osSKU'] = 'Windows2022')]],
  'aks/pod-ranges': [
    [
      'pods inside the spoke',
      (inv) => ((cluster(inv)['networkProfile'] as Json)['podCidr'] = '10.240.0.0/16'),
    ],
  ],
  'net/hub-spoke': [
    [
      'the spoke is not peered',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings' &&
            String(body['name']).startsWith('vnet-bu0001a0008-00-'),
        ),
    ],
  ],
  'net/subnet-egress': [
    [
      'a new subnet on the default route',
      (inv) => {
        const network = inv.azure.find(
          (r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name.includes('-00-'),
        );
        assert.ok(network);
        (props(network.body)['subnets'] as Json[]).push({
          name: 'snet-jumpbox',
          properties: { addressPrefix: '10.240.6.0/28' },
        });
      },
    ],
  ],
  'net/gateway-ports': [
    [
      'Application Gateway on 80',
      (inv) =>
        (props(azure(inv, 'Microsoft.Network/applicationGateways'))['frontendPorts'] as Json[]).push({
          name: 'http',
          properties: { port: 80 },
        }),
    ],
  ],
  'netpol/dns': [
    [
      'the DNS exception removed',
      (inv) => {
        const list = inv.kubernetes as unknown as Array<{ kind: string; name: string; namespace?: string }>;
        const i = list.findIndex(
          (o) => o.kind === 'NetworkPolicy' && o.name === 'allow-dns' && o.namespace === 'a0008',
        );
        list.splice(i, 1);
      },
    ],
  ],
  'netpol/local-dns': [
    [
      'no LocalDNS mode on the pools of a Kubernetes 1.37 cluster',
      (inv) => {
        cluster(inv)['kubernetesVersion'] = '1.37';
        for (const i of [0, 1]) delete pool(inv, i)['localDNSProfile'];
      },
    ],
    [
      'no LocalDNS mode, and the stable channel to take the cluster to 1.37',
      (inv) => {
        (cluster(inv)['autoUpgradeProfile'] as Json)['upgradeChannel'] = 'stable';
        delete pool(inv, 1)['localDNSProfile'];
      },
    ],
    ['LocalDNS Required on the user pool', (inv) => (pool(inv, 1)['localDNSProfile'] = { mode: 'Required' })],
  ],
  'netpol/ingress-path': [
    [
      'the workload admits nobody',
      (inv) => delete (kube(inv, 'NetworkPolicy', 'aspnetapp')['spec'] as Json)['ingress'],
    ],
  ],
  'netpol/workload-isolation': [
    [
      'the workload admits every pod',
      (inv) =>
        (((kube(inv, 'NetworkPolicy', 'aspnetapp')['spec'] as Json)['ingress'] as Json[])[0]!['from'] = []),
    ],
    [
      'no policy on the workload namespace at all',
      (inv) => {
        const list = inv.kubernetes as unknown as Array<{ kind: string; namespace?: string }>;
        for (let i = list.length - 1; i >= 0; i--)
          if (list[i]!.kind === 'NetworkPolicy' && (list[i]!.namespace ?? 'a0008') === 'a0008')
            list.splice(i, 1);
      },
    ],
  ],
  'monitoring/agent-configuration': [
    [
      'the collection endpoint associated as configurationAccessEndpoint, with no private link',
      associateConfigurationEndpoint,
    ],
    [
      "the region's handler endpoint left out of the firewall rules",
      (inv) => {
        const rule = firewallRule(inv, 'azure-monitor');
        rule['targetFqdns'] = (rule['targetFqdns'] as string[]).filter(
          (fqdn) => fqdn !== 'eastus2.handler.control.monitor.azure.com',
        );
      },
    ],
  ],
  'monitoring/control-plane-logs': [
    [
      'no control plane logs',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(body).includes('managedClusters'),
        ),
    ],
  ],
  'monitoring/kube-audit-twice': [
    [
      'kube-audit beside kube-audit-admin',
      (inv) => clusterLogs(inv).push({ category: 'kube-audit', enabled: true }),
    ],
    [
      'the audit group beside kube-audit-admin',
      (inv) => clusterLogs(inv).push({ categoryGroup: 'audit', enabled: true }),
    ],
  ],
  'monitoring/troubleshooting-logs': [
    ['kube-scheduler left on', (inv) => clusterLogs(inv).push({ category: 'kube-scheduler', enabled: true })],
  ],
  'monitoring/network-observability': [
    [
      'managed Prometheus off',
      (inv) => (cluster(inv)['azureMonitorProfile'] = { metrics: { enabled: false } }),
    ],
    [
      'Retina not scraped',
      (inv) => {
        const data = kube(inv, 'ConfigMap', 'ama-metrics-settings-configmap')['data'] as Record<
          string,
          string
        >;
        data['default-scrape-settings-enabled'] = (data['default-scrape-settings-enabled'] ?? '').replace(
          'networkobservabilityRetina = true',
          'networkobservabilityRetina = false',
        );
      },
    ],
  ],
  'monitoring/advanced-network-observability': [
    [
      'advanced networking on',
      (inv) =>
        ((cluster(inv)['networkProfile'] as Json)['advancedNetworking'] = {
          enabled: true,
          observability: { enabled: true },
        }),
    ],
  ],
  'aks/single-os': [
    [
      'a second user pool on Ubuntu',
      (inv) =>
        (cluster(inv)['agentPoolProfiles'] as Json[]).push({
          ...pool(inv, 1),
          name: 'npuser02',
          osSKU: 'Ubuntu',
        }),
    ],
  ],
  'aks/windows-pools': [
    [
      'a Windows pool',
      (inv) =>
        (cluster(inv)['agentPoolProfiles'] as Json[]).push({
          ...pool(inv, 1),
          name: 'npwin',
          osType: 'Windows',
          osSKU: 'Windows2022',
        }),
    ],
  ],
  'aks/user-pool-vm-size': [['a two-vCPU user pool', (inv) => (pool(inv, 1)['vmSize'] = 'Standard_B2s')]],
  'net/authorized-ranges-firewall': [
    [
      "ranges without the firewall's known addresses",
      (inv) => {
        let n = 0;
        for (const ip of inv.azure.filter(
          (r) => r.type === 'Microsoft.Network/publicIPAddresses' && r.name.startsWith('pip-afw-'),
        ))
          props(ip.body)['ipAddress'] = `20.0.0.${++n}`;
        (cluster(inv)['apiServerAccessProfile'] as Json)['authorizedIPRanges'] = [
          '203.0.113.0/24',
          '20.0.0.1/32',
        ];
      },
    ],
  ],
  'net/appgw-subnet-route': [
    [
      "the spoke's route table on the gateway's subnet",
      (inv) => {
        const spoke = props(azure(inv, 'Microsoft.Network/virtualNetworks', 1));
        const subnets = spoke['subnets'] as Json[];
        const nodes = subnets.find((s) => s['name'] === 'snet-nodes')!;
        props(subnets.find((s) => s['name'] === 'snet-appgw')!)['routeTable'] = props(nodes)['routeTable'];
      },
    ],
  ],
  'net/private-endpoint-network-policies': [
    [
      'network policies off on the private endpoint subnet',
      (inv) => {
        const spoke = props(azure(inv, 'Microsoft.Network/virtualNetworks', 1));
        delete props((spoke['subnets'] as Json[]).find((s) => s['name'] === 'snet-privatelink')!)[
          'privateEndpointNetworkPolicies'
        ];
      },
    ],
  ],
  'policy/no-direct-gatekeeper': [
    [
      'a ConstraintTemplate applied by Flux',
      (inv) =>
        (inv.kubernetes as unknown as Json[]).push({
          apiVersion: 'templates.gatekeeper.sh/v1',
          kind: 'ConstraintTemplate',
          name: 'k8srequiredlabels',
          source: 'gitops/x.yaml',
          body: {
            apiVersion: 'templates.gatekeeper.sh/v1',
            kind: 'ConstraintTemplate',
            metadata: { name: 'k8srequiredlabels' },
          },
        }),
    ],
  ],
  'policy/environment-parity': [
    [
      'preproduction without the Deny on allowed images',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Authorization/policyAssignments' &&
            String(props(body)['displayName']).startsWith('[aks-preprod]') &&
            String(props(body)['displayName']).includes('allowed images') &&
            !String(props(body)['displayName']).includes('audit'),
        ),
    ],
    [
      'a preproduction cluster with no policy at all',
      (inv) =>
        remove(
          inv,
          (type, body) =>
            type === 'Microsoft.Authorization/policyAssignments' &&
            String(props(body)['displayName']).startsWith('[aks-preprod]'),
        ),
    ],
    [
      'preproduction audits what production denies',
      (inv) => {
        for (const a of inv.azure.filter(
          (r) =>
            r.type === 'Microsoft.Authorization/policyAssignments' &&
            String(props(r.body)['displayName']).startsWith('[aks-preprod]'),
        ))
          if (String(at(a.body, 'properties.parameters.effect.value')) === 'Deny')
            ((props(a.body)['parameters'] as Json)['effect'] as Json)['value'] = 'Audit';
      },
    ],
  ],
  'k8s/backup': [['the backup schedule removed', (inv) => removeKube(inv, 'Schedule')]],
  'k8s/hpa-bounds': [
    [
      'an HPA down to one',
      (inv) => ((kube(inv, 'HorizontalPodAutoscaler', 'aspnetapp')['spec'] as Json)['minReplicas'] = 1),
    ],
  ],
  'k8s/hpa-owns-replicas': [
    [
      'the Deployment pins three replicas under its 3–6 autoscaler',
      (inv) => ((kube(inv, 'Deployment', 'aspnetapp')['spec'] as Json)['replicas'] = 3),
    ],
  ],
  'k8s/namespace-quota': [
    [
      'no quota in the workload namespace',
      (inv) => {
        const list = inv.kubernetes as unknown as Array<{ kind: string; namespace?: string }>;
        const i = list.findIndex((o) => o.kind === 'ResourceQuota' && o.namespace === 'a0008');
        list.splice(i, 1);
      },
    ],
  ],
  'k8s/no-pull-secrets': [
    ['a pull secret', (inv) => (podOf(inv, 'aspnetapp')['imagePullSecrets'] = [{ name: 'acr' }])],
  ],
  'net/nsg-internet-inbound': [
    [
      'an NSG admits the internet on SSH',
      (inv) =>
        (props(azure(inv, 'Microsoft.Network/networkSecurityGroups'))['securityRules'] as Json[]).push({
          name: 'ssh',
          properties: {
            direction: 'Inbound',
            access: 'Allow',
            sourceAddressPrefix: 'Internet',
            destinationPortRange: '22',
          },
        }),
    ],
  ],
  'net/node-route-to-firewall': [
    [
      'the node subnet loses its route table',
      (inv) => {
        for (const network of inv.azure.filter((r) => r.type === 'Microsoft.Network/virtualNetworks'))
          for (const subnet of (props(network.body)['subnets'] as Json[]) ?? [])
            if (subnet['name'] === 'snet-nodes') delete props(subnet)['routeTable'];
      },
    ],
    [
      'the default route goes to the internet',
      (inv) => {
        const spoke = inv.azure.findIndex(
          (r) => r.type === 'Microsoft.Network/routeTables' && !r.name.endsWith('-build-agents'),
        );
        const table = props(inv.azure[spoke]!.body);
        for (const route of table['routes'] as Json[]) props(route)['nextHopType'] = 'Internet';
      },
    ],
  ],
  'aks/system-pool-taint': [['the system pool loses its taint', (inv) => delete pool(inv, 0)['nodeTaints']]],
  'aks/system-pool-size': [['two system nodes', (inv) => (pool(inv, 0)['minCount'] = 2)]],
  'aks/user-pool-size': [['one user node', (inv) => (pool(inv, 1)['minCount'] = 1)]],
  'aks/pool-zones': [['a pool in one zone', (inv) => (pool(inv, 1)['availabilityZones'] = ['1'])]],
  'aks/user-pool-autoscaler': [
    ['no autoscaler on the user pool', (inv) => (pool(inv, 1)['enableAutoScaling'] = false)],
  ],
  'aks/node-public-ip': [['nodes with public IPs', (inv) => (pool(inv, 1)['enableNodePublicIP'] = true)]],
  'aks/local-accounts': [['local accounts enabled', (inv) => (cluster(inv)['disableLocalAccounts'] = false)]],
  'aks/entra-id': [['no Entra ID', (inv) => delete cluster(inv)['aadProfile']]],
  'aks/azure-rbac': [
    ['Kubernetes RBAC only', (inv) => ((cluster(inv)['aadProfile'] as Json)['enableAzureRBAC'] = false)],
  ],
  'aks/managed-identity': [
    [
      'a service principal',
      (inv) => delete azure(inv, 'Microsoft.ContainerService/managedClusters')['identity'],
    ],
  ],
  'aks/network-policy': [
    ['no network policy', (inv) => ((cluster(inv)['networkProfile'] as Json)['networkPolicy'] = 'none')],
  ],
  'aks/cni-overlay': [
    ['flat Azure CNI', (inv) => delete (cluster(inv)['networkProfile'] as Json)['networkPluginMode']],
  ],
  'aks/egress-through-firewall': [
    [
      'egress through the load balancer',
      (inv) => ((cluster(inv)['networkProfile'] as Json)['outboundType'] = 'loadBalancer'),
    ],
  ],
  'aks/api-server-access': [
    [
      'an API server open to all',
      (inv) => ((cluster(inv)['apiServerAccessProfile'] as Json)['authorizedIPRanges'] = []),
    ],
    [
      'an API server open to 0.0.0.0/0',
      (inv) => ((cluster(inv)['apiServerAccessProfile'] as Json)['authorizedIPRanges'] = ['0.0.0.0/0']),
    ],
  ],
  'aks/workload-identity': [
    ['no workload identity', (inv) => delete (cluster(inv)['securityProfile'] as Json)['workloadIdentity']],
  ],
  'aks/secrets-store-csi': [
    [
      'no secrets provider',
      (inv) => delete (cluster(inv)['addonProfiles'] as Json)['azureKeyvaultSecretsProvider'],
    ],
  ],
  'aks/azure-policy': [
    ['no Azure Policy add-on', (inv) => delete (cluster(inv)['addonProfiles'] as Json)['azurepolicy']],
  ],
  'aks/container-insights': [
    ['no container insights', (inv) => delete (cluster(inv)['addonProfiles'] as Json)['omsagent']],
  ],
  'aks/sla-tier': [
    [
      'the Free tier in production',
      (inv) => ((azure(inv, 'Microsoft.ContainerService/managedClusters')['sku'] as Json)['tier'] = 'Free'),
    ],
  ],
  'aks/node-os-upgrades': [
    [
      'unmanaged node OS',
      (inv) => ((cluster(inv)['autoUpgradeProfile'] as Json)['nodeOSUpgradeChannel'] = 'Unmanaged'),
    ],
    [
      'no node OS updates on a cluster updated in place',
      (inv) =>
        (cluster(inv)['autoUpgradeProfile'] = { nodeOSUpgradeChannel: 'None', upgradeChannel: 'patch' }),
    ],
  ],
  'k8s/probes': [['no liveness probe', (inv) => delete containerOf(inv, 'aspnetapp')['livenessProbe']]],
  'k8s/resources': [
    ['no limits', (inv) => delete (containerOf(inv, 'traefik')['resources'] as Json)['limits']],
  ],
  'k8s/image-tag': [
    ['latest', (inv) => (containerOf(inv, 'aspnetapp')['image'] = 'aspnetapp:latest')],
    ['no tag', (inv) => (containerOf(inv, 'traefik')['image'] = 'traefik')],
    [
      'an init container on latest',
      (inv) => (podOf(inv, 'aspnetapp')['initContainers'] = [{ name: 'init', image: 'busybox:latest' }]),
    ],
  ],
  'k8s/replicas': [
    ['one replica', (inv) => ((kube(inv, 'Deployment', 'aspnetapp')['spec'] as Json)['replicas'] = 1)],
    [
      'no replicas stated, and no autoscaler',
      (inv) => {
        delete (kube(inv, 'Deployment', 'aspnetapp')['spec'] as Json)['replicas'];
        removeKube(inv, 'HorizontalPodAutoscaler');
      },
    ],
  ],
  'k8s/spread': [
    [
      'no spread',
      (inv) => {
        delete podOf(inv, 'traefik')['topologySpreadConstraints'];
        delete podOf(inv, 'traefik')['affinity'];
      },
    ],
  ],
  'k8s/restricted-security-context': [
    [
      'privilege escalation',
      (inv) =>
        ((containerOf(inv, 'aspnetapp')['securityContext'] as Json)['allowPrivilegeEscalation'] = true),
    ],
    [
      'capabilities kept',
      (inv) => delete (containerOf(inv, 'traefik')['securityContext'] as Json)['capabilities'],
    ],
    [
      'a privileged init container',
      (inv) =>
        (podOf(inv, 'aspnetapp')['initContainers'] = [
          { name: 'init', image: 'busybox:1.37', securityContext: { privileged: true } },
        ]),
    ],
    [
      "the container's runAsNonRoot false overrides the pod's true",
      (inv) => {
        podOf(inv, 'aspnetapp')['securityContext'] = { runAsNonRoot: true };
        (containerOf(inv, 'aspnetapp')['securityContext'] as Json)['runAsNonRoot'] = false;
      },
    ],
  ],
  'k8s/user-pools': [
    [
      'the workload tolerates the system taint',
      (inv) => (podOf(inv, 'aspnetapp')['tolerations'] = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }]),
    ],
    [
      'the workload tolerates every taint',
      (inv) => (podOf(inv, 'aspnetapp')['tolerations'] = [{ operator: 'Exists' }]),
    ],
  ],
  'k8s/pdb-allows-drain': [
    [
      'a budget that blocks drains',
      (inv) => ((kube(inv, 'PodDisruptionBudget', 'aspnetapp')['spec'] as Json)['maxUnavailable'] = 0),
    ],
    [
      'as many pods must stay as the autoscaler may leave',
      (inv) => {
        const spec = kube(inv, 'PodDisruptionBudget', 'aspnetapp')['spec'] as Json;
        delete spec['maxUnavailable'];
        spec['minAvailable'] = 2;
        (kube(inv, 'HorizontalPodAutoscaler', 'aspnetapp')['spec'] as Json)['minReplicas'] = 2;
      },
    ],
    [
      'as many pods must stay as there are replicas',
      (inv) => {
        const spec = kube(inv, 'PodDisruptionBudget', 'aspnetapp')['spec'] as Json;
        delete spec['maxUnavailable'];
        spec['minAvailable'] = 3;
      },
    ],
  ],
  'k8s/internal-load-balancer': [
    [
      'a public load balancer',
      (inv) =>
        delete ((kube(inv, 'Service', 'traefik')['metadata'] as Json)['annotations'] as Json)[
          'service.beta.kubernetes.io/azure-load-balancer-internal'
        ],
    ],
  ],
  'k8s/https-ingress': [
    ['plain HTTP', (inv) => delete (kube(inv, 'Ingress', 'aspnetapp')['spec'] as Json)['tls']],
  ],
  'k8s/no-secrets-in-manifests': [
    [
      'a secret in Git',
      (inv) =>
        (inv.kubernetes as unknown as Json[]).push({
          apiVersion: 'v1',
          kind: 'Secret',
          name: 'db',
          namespace: 'a0008',
          source: 'gitops/x.yaml',
          body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } },
        }),
    ],
  ],
  'k8s/default-deny': [
    [
      'no default deny in the workload namespace',
      (inv) => {
        const deny = inv.kubernetes.find(
          (o) => o.kind === 'NetworkPolicy' && o.name === 'default-deny' && o.namespace === 'a0008',
        );
        assert.ok(deny);
        ((deny.body['spec'] as Json)['podSelector'] as Json)['matchLabels'] = { app: 'x' };
      },
    ],
  ],
};

/** Rules with nothing to look at in the default plan get a passing fixture of their own. */
const PASSING: Record<string, (inv: Inventory) => void> = {
  // A preproduction cluster beside production, with the same assignments.
  'policy/environment-parity': (inv) => {
    const list = inv.azure as unknown as Json[];
    const production = azure(inv, 'Microsoft.ContainerService/managedClusters');
    list.push({
      type: 'Microsoft.ContainerService/managedClusters',
      name: 'aks-preprod',
      source: 'preprod.json',
      body: { ...production, name: 'aks-preprod', tags: { environment: 'preprod' } },
    });
    for (const a of inv.azure.filter((r) => r.type === 'Microsoft.Authorization/policyAssignments')) {
      const body = structuredClone(a.body);
      props(body)['displayName'] = String(props(body)['displayName']).replace(/^\[[^\]]+\]/, '[aks-preprod]');
      list.push({ type: a.type, name: `preprod-${a.name}`, source: 'preprod.json', body });
    }
  },
  // A StatefulSet with persistent volumes, and Velero backing them up.
  'k8s/backup': (inv) => {
    const list = inv.kubernetes as unknown as Json[];
    const object = (apiVersion: string, kind: string, name: string, spec: Json) => ({
      apiVersion,
      kind,
      name,
      namespace: 'a0008',
      source: 'gitops/state.yaml',
      body: { apiVersion, kind, metadata: { name, namespace: 'a0008' }, spec },
    });
    list.push(
      object('apps/v1', 'StatefulSet', 'db', {
        template: { spec: { containers: [{ name: 'db', image: 'db:1' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
      }),
      object('velero.io/v1', 'Schedule', 'nightly', { schedule: '0 1 * * *' }),
    );
  },
  'k8s/no-secrets-in-manifests': (inv) =>
    (inv.kubernetes as unknown as Json[]).push({
      apiVersion: 'v1',
      kind: 'Secret',
      name: 'token',
      namespace: 'a0008',
      source: 'gitops/x.yaml',
      body: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'token', annotations: { 'kubernetes.io/service-account.name': 'app' } },
        type: 'kubernetes.io/service-account-token',
      },
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
  const profile = (inv: Inventory) => cluster(inv)['networkProfile'] as Json;
  const clusterSetting = (inv: Inventory) =>
    inv.azure.find(
      (r) =>
        r.type === 'Microsoft.Insights/diagnosticSettings' && scopeOf(r.body).includes('managedClusters'),
    )!.body;
  const noHandler = (inv: Inventory) => {
    const rule = firewallRule(inv, 'azure-monitor');
    rule['targetFqdns'] = (rule['targetFqdns'] as string[]).filter(
      (fqdn) => fqdn !== 'eastus2.handler.control.monitor.azure.com',
    );
    return rule;
  };
  const CASES: Array<[id: string, what: string, mutate: (inv: Inventory) => void, expect: string[]]> = [
    [
      'aks/system-pool-taint',
      'a taint from an expression',
      (inv) => (pool(inv, 0)['nodeTaints'] = [UNKNOWN]),
      ['unknown'],
    ],
    [
      'aks/system-pool-taint',
      'another taint only',
      (inv) => (pool(inv, 0)['nodeTaints'] = ['a=b:NoSchedule']),
      ['fail'],
    ],
    [
      'aks/system-pool-taint',
      'an untainted pool whose mode is an expression',
      (inv) => {
        pool(inv, 0)['mode'] = UNKNOWN;
        delete pool(inv, 0)['nodeTaints'];
      },
      ['unknown'],
    ],
    [
      'aks/user-pool-vm-size',
      'the small system pool, its mode an expression',
      (inv) => (pool(inv, 0)['mode'] = UNKNOWN),
      ['unknown', 'pass'],
    ],
    [
      'aks/user-pool-vm-size',
      'a small pool, its mode left to the default (User)',
      (inv) => delete pool(inv, 0)['mode'],
      ['fail', 'pass'],
    ],
    [
      'aks/cni-overlay',
      'the plugin from an expression',
      (inv) => (profile(inv)['networkPlugin'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'aks/cni-overlay',
      'the plugin from an expression, without overlay',
      (inv) => {
        profile(inv)['networkPlugin'] = UNKNOWN;
        delete profile(inv)['networkPluginMode'];
      },
      ['fail'],
    ],
    [
      'aks/workload-identity',
      'the OIDC issuer from an expression',
      (inv) => (cluster(inv)['oidcIssuerProfile'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'aks/workload-identity',
      'the OIDC issuer from an expression, workload identity off',
      (inv) => {
        cluster(inv)['oidcIssuerProfile'] = UNKNOWN;
        ((cluster(inv)['securityProfile'] as Json)['workloadIdentity'] as Json)['enabled'] = false;
      },
      ['fail'],
    ],
    [
      'aks/user-pool',
      'a pool given as an expression beside the system pool',
      (inv) => ((cluster(inv)['agentPoolProfiles'] as unknown[])[1] = UNKNOWN),
      ['unknown'],
    ],
    ['aks/user-pool', 'a second system pool', (inv) => (pool(inv, 1)['mode'] = 'System'), ['fail']],
    [
      'monitoring/control-plane-logs',
      "the cluster setting's scope from an expression",
      (inv) => (clusterSetting(inv)['scope'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'monitoring/control-plane-logs',
      'a category from an expression',
      (inv) => (clusterLogs(inv)[0]!['category'] = UNKNOWN),
      ['unknown'],
    ],
    [
      'monitoring/control-plane-logs',
      "the cluster setting's scope computed for a vault",
      (inv) => (clusterSetting(inv)['scope'] = "[resourceId('Microsoft.KeyVault/vaults', 'kv')]"),
      ['fail'],
    ],
    [
      'monitoring/kube-audit-twice',
      'kube-audit beside kube-audit-admin, turned on by an expression',
      (inv) => clusterLogs(inv).push({ category: 'kube-audit', enabled: UNKNOWN }),
      ['pass'],
    ],
    [
      'monitoring/agent-configuration',
      "the region's handler endpoint from an expression",
      (inv) => (noHandler(inv)['targetFqdns'] as string[]).push(UNKNOWN),
      ['unknown'],
    ],
    [
      'monitoring/agent-configuration',
      'a rule collection whose action is an expression',
      (inv) => {
        noHandler(inv);
        const group = inv.azure.find(
          (r) => r.type === 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
        )!;
        (props(group.body)['ruleCollections'] as Json[]).push({
          name: 'more',
          action: { type: UNKNOWN },
          rules: [],
        });
      },
      ['unknown'],
    ],
    [
      'monitoring/agent-configuration',
      "the region's handler endpoint left out, the port of a rule to other hosts from an expression",
      (inv) => {
        noHandler(inv);
        firewallRule(inv, 'api-server')['destinationPorts'] = [UNKNOWN];
      },
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
  const yaml = (name: string, ...documents: string[]) =>
    inventoryFrom([{ name, text: documents.join('\n---\n') }]);
  const deployment = (extra: string, pod = '') =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web, namespace: a }',
      `spec: { ${extra} template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, image: "x:1" }] ${pod} } } }`,
    ].join('\n');

  it('a system pool on CBLMariner or Mariner runs Azure Linux', () => {
    for (const sku of ['CBLMariner', 'Mariner', 'AzureLinux']) {
      const inventory = fresh();
      pool(inventory, 0)['osSKU'] = sku;
      assert.deepEqual(statuses(ruleOf('aks/linux-os'), inventory), ['pass'], sku);
    }
  });

  it('a Deployment without replicas keeps its autoscaler minimum', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web, namespace: a }\nspec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }, minReplicas: 3, maxReplicas: 6 }';
    assert.deepEqual(statuses(ruleOf('k8s/replicas'), yaml('w.yaml', deployment(''), hpa)), ['pass']);
    assert.deepEqual(statuses(ruleOf('k8s/replicas'), yaml('w.yaml', deployment(''))), ['fail']);
  });

  it('replicas are judged only where an autoscaler of the same kind, name and namespace scales them', () => {
    const hpa = (kind: string, namespace = 'a') =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web, namespace: ${namespace} }\nspec: { scaleTargetRef: { apiVersion: apps/v1, kind: ${kind}, name: web }, minReplicas: 2, maxReplicas: 4 }`;
    const rule = ruleOf('k8s/hpa-owns-replicas');
    assert.deepEqual(statuses(rule, yaml('w.yaml', deployment('replicas: 2,'), hpa('Deployment'))), ['fail']);
    assert.deepEqual(statuses(rule, yaml('w.yaml', deployment(''), hpa('Deployment'))), ['pass']);
    // Pinned replicas with no autoscaler, or one for another kind or namespace, are not its business.
    assert.deepEqual(statuses(rule, yaml('w.yaml', deployment('replicas: 2,'))), []);
    assert.deepEqual(statuses(rule, yaml('w.yaml', deployment('replicas: 2,'), hpa('StatefulSet'))), []);
    assert.deepEqual(statuses(rule, yaml('w.yaml', deployment('replicas: 2,'), hpa('Deployment', 'b'))), []);
    const statefulSet = deployment('replicas: 2,').replace('kind: Deployment', 'kind: StatefulSet');
    assert.deepEqual(statuses(rule, yaml('s.yaml', statefulSet, hpa('StatefulSet'))), ['fail']);
  });

  it("monitoring agents read their configuration through their endpoint's private link, or where the firewall allows", () => {
    const rule = ruleOf('monitoring/agent-configuration');
    const linked = fresh();
    associateConfigurationEndpoint(linked);
    (linked.azure as unknown as Json[]).push({
      type: 'Microsoft.Insights/privateLinkScopes/scopedResources',
      name: 'ampls-monitoring/dce-prometheus',
      source: 'ampls.json',
      body: {
        properties: { linkedResourceId: azure(linked, 'Microsoft.Insights/dataCollectionEndpoints')['id'] },
      },
    });
    assert.deepEqual(statuses(rule, linked), ['pass']);
    const wildcard = fresh();
    associateConfigurationEndpoint(wildcard);
    firewallRule(wildcard, 'azure-monitor')['targetFqdns'] = ['*.handler.control.monitor.azure.com'];
    assert.deepEqual(statuses(rule, wildcard), ['pass']);
    // The documented alternative to the names: the AzureMonitor service tag on TCP 443.
    const tag = fresh();
    const network = firewallRule(tag, 'api-server');
    network['destinationAddresses'] = ['AzureMonitor'];
    firewallRule(tag, 'azure-monitor')['targetFqdns'] = ['*.ods.opinsights.azure.com'];
    assert.deepEqual(statuses(rule, tag), ['pass']);
    // Egress that does not go through the firewall is not limited by its rules.
    const direct = fresh();
    firewallRule(direct, 'azure-monitor')['targetFqdns'] = ['*.ods.opinsights.azure.com'];
    (cluster(direct)['networkProfile'] as Json)['outboundType'] = 'loadBalancer';
    assert.deepEqual(statuses(rule, direct), ['pass']);
  });

  it('LocalDNS on, where the policies admit its node addresses on 53, or a version before the default', () => {
    const rule = ruleOf('netpol/local-dns');
    const allowed = fresh();
    pool(allowed, 1)['localDNSProfile'] = { mode: 'Required' };
    const list = allowed.kubernetes as unknown as Json[];
    for (const namespace of ['traefik', 'a0008'])
      list.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        name: 'allow-local-dns',
        namespace,
        source: 'gitops/local-dns.yaml',
        body: {
          metadata: { name: 'allow-local-dns', namespace },
          spec: {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [
              {
                to: [{ ipBlock: { cidr: '169.254.10.0/24' } }],
                ports: [
                  { protocol: 'UDP', port: 53 },
                  { protocol: 'TCP', port: 53 },
                ],
              },
            ],
          },
        },
      });
    assert.deepEqual(statuses(rule, allowed), ['pass', 'pass']);
    const before = fresh();
    cluster(before)['kubernetesVersion'] = '1.36.4';
    for (const i of [0, 1]) delete pool(before, i)['localDNSProfile'];
    assert.deepEqual(statuses(rule, before), ['pass', 'pass']);
    // A cluster template audited alone: no pods to judge.
    const alone = inventoryFrom(
      files
        .filter((f) => f.path === 'azure/07-cluster-00.json')
        .map((f) => ({ name: f.path, text: f.content })),
    );
    const [system] = at(
      alone.azure.find((r) => r.type === 'Microsoft.ContainerService/managedClusters')?.body,
      'properties.agentPoolProfiles',
    ) as Json[];
    system!['localDNSProfile'] = { mode: 'Required' };
    assert.deepEqual(statuses(rule, alone), ['unknown', 'pass']);
  });

  it('a toleration of a named taint, such as spot nodes, keeps the workload off the system pool', () => {
    const spot = deployment(
      '',
      ', tolerations: [{ key: kubernetes.azure.com/scalesetpriority, operator: Exists, effect: NoSchedule }]',
    );
    assert.deepEqual(statuses(ruleOf('k8s/user-pools'), yaml('w.yaml', spot)), ['pass']);
  });

  it('Jobs and CronJobs are not judged for probes, spread or replicas, but are for images', () => {
    const cronJob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: { name: report, namespace: a }',
      'spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: c, image: "x:latest" }] } } } } }',
    ].join('\n');
    const inventory = yaml('j.yaml', cronJob);
    for (const id of ['k8s/probes', 'k8s/spread', 'k8s/replicas'])
      assert.deepEqual(statuses(ruleOf(id), inventory), [], id);
    assert.deepEqual(statuses(ruleOf('k8s/image-tag'), inventory), ['fail']);
  });

  it("a container's runAsNonRoot true holds even when the pod says false", () => {
    const inventory = fresh();
    podOf(inventory, 'aspnetapp')['securityContext'] = { runAsNonRoot: false };
    (containerOf(inventory, 'aspnetapp')['securityContext'] as Json)['runAsNonRoot'] = true;
    const rule = ruleOf('k8s/restricted-security-context');
    assert.ok(
      rule.check(inventory).some((o) => o.target.includes('aspnetapp') && o.status === 'pass'),
      JSON.stringify(rule.check(inventory)),
    );
  });

  it('default deny in any of its spellings: empty ingress list, no policyTypes, empty matchLabels', () => {
    for (const spec of [
      '{ podSelector: {}, ingress: [] }',
      '{ podSelector: { matchLabels: {} }, policyTypes: [Ingress, Egress] }',
      '{ podSelector: {} }',
    ]) {
      const inventory = yaml(
        'p.yaml',
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }',
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: a }\nspec: ${spec}`,
      );
      assert.deepEqual(statuses(ruleOf('k8s/default-deny'), inventory), ['pass'], spec);
    }
  });

  it('an Ingress with only a default backend has its path checked', () => {
    const inventory = fresh();
    const ingress = kube(inventory, 'Ingress', 'aspnetapp');
    const spec = ingress['spec'] as Json;
    const service = (spec['rules'] as Json[])[0]!['http'] as Json;
    const backend = ((service['paths'] as Json[])[0]!['backend'] as Json)['service'];
    delete spec['rules'];
    spec['defaultBackend'] = { service: backend };
    assert.deepEqual(statuses(ruleOf('netpol/ingress-path'), inventory), ['pass']);
    delete (kube(inventory, 'NetworkPolicy', 'aspnetapp')['spec'] as Json)['ingress'];
    assert.deepEqual(statuses(ruleOf('netpol/ingress-path'), inventory), ['fail']);
  });

  it('the workload audited without its ingress controller: the path is unknown, not failed', () => {
    const workloadOnly = inventoryFrom(
      files
        .filter((f) => f.path.startsWith('gitops/workloads/') && f.path.endsWith('.yaml'))
        .map((f) => ({ name: f.path, text: f.content })),
    );
    assert.deepEqual(statuses(ruleOf('netpol/ingress-path'), workloadOnly), ['unknown']);
  });

  it('an immutable cluster updates its nodes as the spec asks', () => {
    // Nothing in the resource says whether a cluster without updates is replaced instead: unknown.
    const immutable = fresh();
    cluster(immutable)['autoUpgradeProfile'] = { nodeOSUpgradeChannel: 'None', upgradeChannel: 'none' };
    assert.deepEqual(statuses(ruleOf('aks/node-os-upgrades'), immutable), ['unknown']);
  });

  it("authorized ranges that hold the firewall's known addresses in a wider block pass", () => {
    const inventory = fresh();
    let n = 0;
    for (const ip of inventory.azure.filter(
      (r) => r.type === 'Microsoft.Network/publicIPAddresses' && r.name.startsWith('pip-afw-'),
    ))
      props(ip.body)['ipAddress'] = `20.0.0.${++n}`;
    (cluster(inventory)['apiServerAccessProfile'] as Json)['authorizedIPRanges'] = ['20.0.0.0/24'];
    assert.deepEqual(statuses(ruleOf('net/authorized-ranges-firewall'), inventory), ['pass']);
  });

  it('a cluster with API server VNet integration needs no firewall address in its ranges', () => {
    const inventory = fresh();
    let n = 0;
    for (const ip of inventory.azure.filter(
      (r) => r.type === 'Microsoft.Network/publicIPAddresses' && r.name.startsWith('pip-afw-'),
    ))
      props(ip.body)['ipAddress'] = `20.0.0.${++n}`;
    const access = cluster(inventory)['apiServerAccessProfile'] as Json;
    access['authorizedIPRanges'] = ['203.0.113.0/24'];
    access['enableVnetIntegration'] = true;
    assert.deepEqual(statuses(ruleOf('net/authorized-ranges-firewall'), inventory), []);
  });

  it('log category groups are read in any case', () => {
    const inventory = fresh();
    clusterLogs(inventory).splice(0, Infinity, { categoryGroup: 'AllLogs', enabled: true });
    assert.deepEqual(statuses(ruleOf('monitoring/control-plane-logs'), inventory), ['pass']);
    assert.deepEqual(statuses(ruleOf('monitoring/kube-audit-twice'), inventory), ['fail']);
  });

  it("a route table named by a template's resourceId() expression is found", () => {
    const inventory = fresh();
    const spoke = props(azure(inventory, 'Microsoft.Network/virtualNetworks', 1));
    const table = inventory.azure.find((r) => r.type === 'Microsoft.Network/routeTables');
    assert.ok(table);
    props((spoke['subnets'] as Json[]).find((s) => s['name'] === 'snet-appgw')!)['routeTable'] = {
      id: `[resourceId('Microsoft.Network/routeTables', '${table.name}')]`,
    };
    assert.deepEqual(statuses(ruleOf('net/appgw-subnet-route'), inventory), ['fail']);
  });

  it('a PersistentVolumeClaim backed up by the AKS backup extension passes', () => {
    const inventory = yaml(
      'pvc.yaml',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: data, namespace: a }\nspec: { accessModes: [ReadWriteOnce] }',
    );
    assert.deepEqual(statuses(ruleOf('k8s/backup'), inventory), ['fail']);
    const backedUp = {
      ...inventory,
      azure: [
        {
          type: 'Microsoft.KubernetesConfiguration/extensions',
          name: 'azure-aks-backup',
          source: 'backup.json',
          body: { properties: { extensionType: 'microsoft.dataprotection.kubernetes' } },
        },
      ],
    };
    assert.deepEqual(statuses(ruleOf('k8s/backup'), backedUp), ['pass']);
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

  it('a policy with a selector operator the API server rejects makes its reachability unknown', () => {
    const inventory = fresh();
    const spec = kube(inventory, 'NetworkPolicy', 'aspnetapp')['spec'] as Json;
    spec['podSelector'] = { matchExpressions: [{ key: 'app', operator: 'Equal', values: ['aspnetapp'] }] };
    const outcomes = ruleOf('netpol/workload-isolation').check(inventory);
    assert.ok(outcomes.length > 0);
    assert.ok(outcomes.every((o) => o.status === 'unknown'));
    assert.match(String(outcomes[0]?.detail), /operator Equal, which the API server rejects/);
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
 * The network rules on a value only deployment knows: written as an expression
 * the value makes the rule unknown (it depends on the expression, and fails
 * nothing); a bad literal in the same place fails. Each case sets `value` where
 * it matters, in the default plan.
 */
describe('network rules on a value only deployment knows', () => {
  const COMPUTED = "[reference('elsewhere').properties.value]";
  const NODE_SUBNET_ELSEWHERE =
    '/subscriptions/<subscription-id>/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-elsewhere/subnets/snet-nodes';
  const OTHER_SUBNET =
    '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers/Microsoft.Network/virtualNetworks/vnet-bu0001a0008-00-prod-eus2/subnets/snet-other';
  const network = (inv: Inventory, part: string) => {
    const found = inv.azure.find(
      (r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name.includes(part),
    );
    assert.ok(found, part);
    return props(found.body);
  };
  /** The default route of the route table whose name ends in `suffix`. */
  const defaultRoute = (inv: Inventory, suffix: string) => {
    const table = inv.azure.find(
      (r) => r.type === 'Microsoft.Network/routeTables' && r.name.endsWith(suffix),
    );
    assert.ok(table, suffix);
    return props((props(table.body)['routes'] as Json[])[0]!);
  };
  /** An NSG rule admitting the internet on `port`, in `direction`. */
  const internetRule = (inv: Inventory, port: unknown, direction: unknown) =>
    (props(azure(inv, 'Microsoft.Network/networkSecurityGroups'))['securityRules'] as Json[]).push({
      name: 'from-internet',
      properties: { direction, access: 'Allow', sourceAddressPrefix: 'Internet', destinationPortRange: port },
    });
  const frontendPorts = (inv: Inventory) =>
    props(azure(inv, 'Microsoft.Network/applicationGateways'))['frontendPorts'] as Json[];
  const CASES: Array<[string, string, (inv: Inventory, value: unknown) => void, unknown]> = [
    ['net/gateway-ports', 'a frontend port', (inv, v) => (props(frontendPorts(inv)[0]!)['port'] = v), 80],
    [
      'net/gateway-ports',
      'a frontend port item',
      (inv, v) => frontendPorts(inv).push(v as Json),
      { name: 'http', properties: { port: 80 } },
    ],
    [
      'net/gateway-ports',
      'the frontend port list',
      (inv, v) => (props(azure(inv, 'Microsoft.Network/applicationGateways'))['frontendPorts'] = v),
      [{ name: 'http', properties: { port: 80 } }],
    ],
    [
      'net/hub-spoke',
      "the name of the hub's firewall subnet",
      (inv, v) => ((network(inv, '-hub-')['subnets'] as Json[])[0]!['name'] = v),
      'snet-other',
    ],
    [
      'net/hub-spoke',
      "the hub's subnet list",
      (inv, v) => (network(inv, '-hub-')['subnets'] = v),
      [{ name: 'snet-other', properties: {} }],
    ],
    [
      'net/hub-spoke',
      "the system pool's subnet",
      (inv, v) => (pool(inv, 0)['vnetSubnetID'] = v),
      NODE_SUBNET_ELSEWHERE,
    ],
    [
      'net/node-route-to-firewall',
      "the default route's prefix",
      (inv, v) => (defaultRoute(inv, '-00-prod-eus2')['addressPrefix'] = v),
      '10.0.0.0/8',
    ],
    [
      'net/node-route-to-firewall',
      "the default route's next hop",
      (inv, v) => (defaultRoute(inv, '-00-prod-eus2')['nextHopType'] = v),
      'Internet',
    ],
    [
      'net/nsg-internet-inbound',
      'the port the internet reaches',
      (inv, v) => internetRule(inv, v, 'Inbound'),
      '22',
    ],
    [
      'net/nsg-internet-inbound',
      'the direction of a rule admitting the internet on SSH',
      (inv, v) => internetRule(inv, '22', v),
      'Inbound',
    ],
    [
      'net/subnet-egress',
      "Application Gateway's subnet",
      (inv, v) =>
        ((
          props(azure(inv, 'Microsoft.Network/applicationGateways'))['gatewayIPConfigurations'] as Json[]
        )[0]!['properties'] = { subnet: { id: v } }),
      OTHER_SUBNET,
    ],
    [
      'net/subnet-egress',
      "the build agents' default route prefix",
      (inv, v) => (defaultRoute(inv, '-build-agents')['addressPrefix'] = v),
      '10.0.0.0/8',
    ],
    [
      'net/subnet-egress',
      'the name of a subnet without a route table',
      (inv, v) =>
        (network(inv, '-hub-')['subnets'] as Json[]).push({
          name: v,
          properties: { addressPrefix: '10.200.0.128/28' },
        }),
      'snet-jumpbox',
    ],
    [
      'net/appgw-subnet-route',
      "the next hop of the default route on the gateway's subnet",
      (inv, v) => {
        const subnets = network(inv, '-00-')['subnets'] as Json[];
        const nodes = subnets.find((s) => s['name'] === 'snet-nodes')!;
        props(subnets.find((s) => s['name'] === 'snet-appgw')!)['routeTable'] = props(nodes)['routeTable'];
        defaultRoute(inv, '-00-prod-eus2')['nextHopType'] = v;
      },
      'VirtualAppliance',
    ],
  ];

  for (const [id, what, set, bad] of CASES)
    it(`${id}: ${what} from an expression is unknown, a bad literal fails`, () => {
      const rule = RULES.find((r) => r.id === id)!;
      const computed = fresh();
      set(computed, COMPUTED);
      const outcomes = rule.check(computed);
      assert.ok(!outcomes.some((o) => o.status === 'fail'), JSON.stringify(outcomes));
      const unknown = outcomes.filter((o) => o.status === 'unknown');
      assert.ok(unknown.length > 0, JSON.stringify(outcomes));
      for (const o of unknown) {
        assert.equal(o.detail, `depends on ${COMPUTED}`);
        assert.ok(o.target, 'an unknown names what it looked at');
      }
      const broken = fresh();
      set(broken, bad);
      assert.ok(statuses(rule, broken).includes('fail'), JSON.stringify(rule.check(broken)));
    });
});
