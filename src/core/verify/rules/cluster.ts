/** Rules on the AKS cluster resource: compute, identity, networking, add-ons, tier, upgrades. */
import type { Outcome, Rule } from '../rule.js';
import { overlaps, parseCidr } from '../../cidr.js';
import { at, isUnresolved } from '../../arm-values.js';
import { findVmSize } from '../../data/vm-sizes.js';
import type { AzureResource, Inventory, Json } from '../inventory.js';
import { holdsWholeDeployment } from './completeness.js';
import type { Pool, LegacyBase } from './select.js';
import {
  isProduction,
  label,
  lastSegment,
  ofType,
  outcome,
  poolRule,
  poolValue,
  pools,
  propertiesRule,
  propertyRule,
  valuesIn,
} from './select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
type Mode = 'System' | 'User';
/** Only a pool that names the System mode is a system pool; one naming no mode is judged as a user pool. */
const isMode = (pool: Json, mode: Mode) => (pool['mode'] === 'System') === (mode === 'System');
/** Node counts are production advice: a preproduction pool (environment tag) may save on nodes. */
const inProduction = (pool: Record<string, unknown>) => {
  const environment = at(pool, 'tags.environment');
  return typeof environment !== 'string' || environment === 'prod' || environment === 'production';
};
const COMPUTE = 'Configure compute for the base cluster';

/** Whether any maintenance configuration (`<cluster>/<configuration>`) among the inputs is the cluster's. */
function maintained(inventory: Inventory, cluster: AzureResource): boolean {
  const prefix = `${lastSegment(cluster.name).toLowerCase()}/`;
  return ofType(inventory, `${AKS}/maintenanceConfigurations`).some((m) =>
    m.name.toLowerCase().startsWith(prefix),
  );
}

/**
 * A rule on the pools of one mode. A pool whose mode only deployment knows may
 * be one: it is judged too, and its fail is only unknown (the rule may not
 * apply to it at all).
 */
function modeRule(
  base: LegacyBase,
  mode: Mode,
  applies: (pool: Json) => boolean,
  judgePool: (pool: Pool) => Outcome,
): Rule {
  return {
    ...base,
    check: (inventory) =>
      pools(inventory)
        .filter((pool) => applies(pool.body))
        .flatMap((pool) => {
          const named = pool.body['mode'];
          if (!isUnresolved(named)) return isMode(pool.body, mode) ? [judgePool(pool)] : [];
          const found = judgePool(pool);
          return [
            found.status === 'fail'
              ? { ...found, status: 'unknown', detail: `depends on ${String(named)}` }
              : found,
          ];
        }),
  };
}

const TAINT = 'CriticalAddonsOnly=true:NoSchedule';

export const CLUSTER_RULES: readonly Rule[] = [
  modeRule(
    {
      id: 'aks/system-pool-taint',
      title: 'The system node pool is tainted CriticalAddonsOnly',
      severity: 'error',
      area: 'cluster',
      spec: {
        section: 'Cluster nodes',
        quote: 'Ensure that your system node pool is tainted with the CriticalAddonsOnly taint.',
      },
      why: 'Without the taint, workload pods land on the nodes that run CoreDNS and the other critical add-ons and compete with them.',
      fix: 'Add the taint CriticalAddonsOnly=true:NoSchedule to the system pool.',
    },
    'System',
    () => true,
    (pool) => {
      const taints = at(pool.body, 'nodeTaints');
      if (Array.isArray(taints) && taints.includes(TAINT))
        return outcome('pass', pool.target, undefined, pool.source);
      // A taint deployment computes may be the one.
      const hidden = isUnresolved(taints) ? taints : valuesIn(taints).find(isUnresolved);
      return hidden === undefined
        ? outcome('fail', pool.target, `taints: ${JSON.stringify(taints ?? [])}`, pool.source)
        : outcome('unknown', pool.target, `depends on ${String(hidden)}`, pool.source);
    },
  ),
  modeRule(
    {
      id: 'aks/system-pool-size',
      title: 'The system node pool has at least three nodes',
      severity: 'error',
      area: 'reliability',
      spec: { section: 'Cluster nodes', quote: 'we recommend three nodes for the system node pool' },
      why: 'Two system nodes cannot lose one to an upgrade or a zone outage and keep the add-ons highly available.',
      fix: 'Set the system pool minimum (minCount, or count without autoscaling) to 3.',
    },
    'System',
    inProduction,
    poolValue(
      'minCount',
      (min, pool) => Number(min ?? pool['count']) >= 3,
      (min) => `at least ${String(min)} node(s)`,
    ),
  ),
  modeRule(
    {
      id: 'aks/user-pool-size',
      title: 'Every user node pool starts with at least two nodes',
      severity: 'warning',
      area: 'reliability',
      spec: {
        section: 'Cluster nodes',
        quote: 'For the user node pool, start with no fewer than two nodes.',
      },
      why: 'With one node, the workload is down whenever that node is upgraded or fails.',
      fix: 'Set the user pool minimum to 2 or more.',
    },
    'User',
    inProduction,
    poolValue(
      'minCount',
      (min, pool) => Number(min ?? pool['count']) >= 2,
      (min) => `at least ${String(min)} node(s)`,
    ),
  ),
  modeRule(
    {
      id: 'aks/user-pool-vm-size',
      title: 'User node pools use VMs of at least the DS3_v2 class (4 vCPUs, 14 GiB)',
      severity: 'warning',
      area: 'cluster',
      spec: {
        section: COMPUTE,
        quote: 'To lower costs, you can drop the size to DS3_v2, which is the minimum recommendation.',
      },
      why: 'On smaller nodes the daemon sets and the 20% AKS reserves take most of the node, and few workload pods fit.',
      fix: 'Choose a user pool size with 4 vCPUs and 14 GiB or more (Standard_DS3_v2, Standard_D4ds_v5 …).',
    },
    'User',
    inProduction,
    (pool) => {
      const name = pool.body['vmSize'];
      if (typeof name !== 'string' || isUnresolved(name))
        return outcome('unknown', pool.target, `vmSize ${String(name)}`, pool.source);
      const size = findVmSize(name);
      if (!size)
        return outcome('unknown', pool.target, `${name} is not among the sizes Baseplate knows`, pool.source);
      return size.vCpus >= 4 && size.memoryGiB >= 14
        ? outcome('pass', pool.target, undefined, pool.source)
        : outcome('fail', pool.target, `${name}: ${size.vCpus} vCPUs, ${size.memoryGiB} GiB`, pool.source);
    },
  ),
  poolRule(
    {
      id: 'aks/pool-zones',
      title: 'Every node pool spans availability zones',
      severity: 'error',
      area: 'reliability',
      spec: {
        section: 'Availability zones and multi-region support',
        quote: 'node pools that span availability zones one, two, and three',
      },
      why: 'A pool in one zone goes down with that zone.',
      fix: 'Give every pool availabilityZones ["1","2","3"] in a region with zones.',
    },
    () => true,
    'availabilityZones',
    (zones) => Array.isArray(zones) && zones.length >= 2,
    (zones) => `zones: ${JSON.stringify(zones ?? [])}`,
  ),
  modeRule(
    {
      id: 'aks/user-pool-autoscaler',
      title: 'User node pools autoscale',
      severity: 'warning',
      area: 'scaling',
      spec: {
        section: 'Cluster autoscaler',
        quote: 'You need a separate cluster autoscaler for each user node pool.',
      },
      why: 'Without the autoscaler, pending pods wait for someone to add nodes by hand.',
      fix: 'Set enableAutoScaling with minCount and maxCount on the user pools.',
    },
    'User',
    () => true,
    poolValue(
      'enableAutoScaling',
      (on) => on === true,
      () => 'autoscaling is off',
    ),
  ),
  poolRule(
    {
      id: 'aks/node-public-ip',
      title: 'Nodes have no public IP addresses',
      severity: 'error',
      area: 'egress',
      spec: {
        section: 'Egress traffic flow',
        quote: 'all egress traffic from the cluster moves through Firewall',
      },
      why: 'A node with its own public address bypasses the firewall and is reachable from the internet.',
      fix: 'Set enableNodePublicIP to false.',
    },
    () => true,
    'enableNodePublicIP',
    (on) => on !== true,
    () => 'enableNodePublicIP is true',
  ),
  propertyRule(
    {
      id: 'aks/local-accounts',
      title: 'Local accounts are disabled',
      severity: 'error',
      area: 'identity',
      spec: {
        section: 'Local accounts',
        quote: 'configure your cluster to explicitly disable local account access',
      },
      why: 'Local certificates bypass Entra ID: no central control, no audit, no revocation.',
      fix: 'Set disableLocalAccounts to true.',
    },
    AKS,
    'properties.disableLocalAccounts',
    (off) => off === true,
    () => 'local accounts are enabled',
  ),
  propertyRule(
    {
      id: 'aks/entra-id',
      title: 'The cluster uses Microsoft Entra ID',
      severity: 'error',
      area: 'identity',
      spec: {
        section: 'Local accounts',
        quote: 'Always manage access to your cluster by using Microsoft Entra ID',
      },
      why: 'Without Entra ID, people sign in with shared certificates.',
      fix: 'Set aadProfile.managed to true.',
    },
    AKS,
    'properties.aadProfile.managed',
    (on) => on === true,
    () => 'Entra ID integration is off',
  ),
  propertyRule(
    {
      id: 'aks/azure-rbac',
      title: 'Azure RBAC authorizes Kubernetes access',
      severity: 'warning',
      area: 'identity',
      spec: {
        section: 'Use Azure RBAC for Kubernetes authorization',
        quote: 'we recommend that you use Azure RBAC and Azure role assignments',
      },
      why: 'Azure role assignments give one place to grant and audit access to the cluster and to Azure.',
      fix: 'Set aadProfile.enableAzureRBAC to true, and grant the AKS RBAC roles to Entra groups.',
    },
    AKS,
    'properties.aadProfile.enableAzureRBAC',
    (on) => on === true,
    () => 'Kubernetes RBAC only',
  ),
  propertyRule(
    {
      id: 'aks/managed-identity',
      title: 'The cluster uses a managed identity, not a service principal secret',
      severity: 'error',
      area: 'identity',
      spec: { section: 'AKS access to Azure', quote: 'we recommend managed identities' },
      why: 'A service principal secret has to be stored and rotated by someone; a managed identity does not.',
      fix: 'Give the cluster a system- or user-assigned identity and remove servicePrincipalProfile.',
    },
    AKS,
    'identity.type',
    (type) => typeof type === 'string' && /assigned/i.test(type),
    (type) => `identity: ${String(type ?? 'none')}`,
  ),
  propertyRule(
    {
      id: 'aks/network-policy',
      title: 'Network policy is enabled',
      severity: 'error',
      area: 'network',
      spec: {
        section: 'Pod-to-pod traffic',
        quote: "Enable network policy when you provision the cluster because you can't add it later.",
      },
      why: 'Without an engine, NetworkPolicy objects are accepted and ignored: every pod reaches every other.',
      fix: 'Set networkProfile.networkPolicy to azure (or cilium, calico).',
    },
    AKS,
    'properties.networkProfile.networkPolicy',
    (policy) => typeof policy === 'string' && policy !== 'none',
    (policy) => `networkPolicy: ${String(policy ?? 'none')}`,
  ),
  propertiesRule(
    {
      id: 'aks/cni-overlay',
      title: 'The cluster uses Azure CNI Overlay',
      severity: 'warning',
      area: 'network',
      spec: { section: 'Plan the IP addresses', quote: 'Azure CNI Overlay' },
      why: 'Overlay takes pod addresses from a private range, not from the virtual network, which keeps subnets small.',
      fix: 'Set networkProfile.networkPlugin azure with networkPluginMode overlay.',
    },
    AKS,
    [
      ['properties.networkProfile.networkPlugin', (plugin) => plugin === 'azure'],
      ['properties.networkProfile.networkPluginMode', (mode) => mode === 'overlay'],
    ],
    (cluster) =>
      `${String(at(cluster, 'properties.networkProfile.networkPlugin'))}/${String(at(cluster, 'properties.networkProfile.networkPluginMode') ?? 'flat')}`,
  ),
  propertyRule(
    {
      id: 'aks/egress-through-firewall',
      title: 'Egress leaves through user-defined routes (the firewall)',
      severity: 'error',
      area: 'egress',
      spec: {
        section: 'Egress traffic flow',
        quote: 'You can implement this configuration with user-defined routes (UDRs).',
      },
      why: 'A load balancer or NAT gateway outbound sends traffic to the internet uninspected.',
      fix: 'Set networkProfile.outboundType to userDefinedRouting, with a route 0.0.0.0/0 to the firewall.',
    },
    AKS,
    'properties.networkProfile.outboundType',
    (type) => type === 'userDefinedRouting',
    (type) => `outboundType: ${String(type ?? 'loadBalancer')}`,
  ),
  {
    id: 'aks/api-server-access',
    title: 'The API server is private or limited to authorized IP ranges',
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Management traffic',
      quote: 'use the AKS-authorized IP ranges feature to only allow traffic from your authorized IP ranges',
    },
    why: 'An API server open to the world is one credential leak away from the cluster.',
    fix: 'Make the cluster private, or set apiServerAccessProfile.authorizedIPRanges (never 0.0.0.0/0).',
    check: (inventory) =>
      ofType(inventory, AKS).map((cluster) => {
        const target = label(cluster);
        const profile = at(cluster.body, 'properties.apiServerAccessProfile');
        if (at(profile, 'enablePrivateCluster') === true)
          return outcome('pass', target, undefined, cluster.source);
        const ranges = at(profile, 'authorizedIPRanges');
        if (isUnresolved(ranges))
          return outcome('unknown', target, `ranges from ${String(ranges)}`, cluster.source);
        const open = !Array.isArray(ranges) || ranges.length === 0 || ranges.includes('0.0.0.0/0');
        return open
          ? outcome('fail', target, 'public API server open to every address', cluster.source)
          : outcome('pass', target, undefined, cluster.source);
      }),
  },
  propertiesRule(
    {
      id: 'aks/workload-identity',
      title: 'Workload identity is enabled',
      severity: 'warning',
      area: 'secrets',
      spec: {
        section: 'Integrate Microsoft Entra ID for the workload',
        quote: 'Microsoft Entra Workload ID on AKS provides the managed identities for pods',
      },
      why: 'Without it, pods reach Azure with stored secrets.',
      fix: 'Enable oidcIssuerProfile and securityProfile.workloadIdentity.',
    },
    AKS,
    [
      ['properties.oidcIssuerProfile.enabled', (on) => on === true],
      ['properties.securityProfile.workloadIdentity.enabled', (on) => on === true],
    ],
    () => 'OIDC issuer or workload identity is off',
  ),
  propertyRule(
    {
      id: 'aks/secrets-store-csi',
      title: 'The Key Vault secrets provider add-on is enabled',
      severity: 'warning',
      area: 'secrets',
      spec: {
        section: 'Access cluster secrets',
        quote: 'This implementation uses the Key Vault with secrets store CSI driver.',
      },
      why: 'Without it, secrets end up in Kubernetes Secrets or images.',
      fix: 'Enable addonProfiles.azureKeyvaultSecretsProvider (with rotation).',
    },
    AKS,
    'properties.addonProfiles.azureKeyvaultSecretsProvider.enabled',
    (on) => on === true,
    () => 'the add-on is off',
  ),
  propertyRule(
    {
      id: 'aks/azure-policy',
      title: 'The Azure Policy add-on is enabled',
      severity: 'error',
      area: 'policy',
      spec: {
        section: 'Policy management',
        quote: 'This reference implementation enables Azure Policy when the AKS cluster is created.',
      },
      why: 'Without the add-on, the Kubernetes policies assigned to the cluster are never evaluated.',
      fix: 'Enable addonProfiles.azurepolicy.',
    },
    AKS,
    'properties.addonProfiles.azurepolicy.enabled',
    (on) => on === true,
    () => 'the add-on is off',
  ),
  propertyRule(
    {
      id: 'aks/container-insights',
      title: 'Container insights is enabled',
      severity: 'warning',
      area: 'monitoring',
      spec: {
        section: 'Monitor and collect logs and metrics',
        quote: 'We recommend Azure Monitor container insights',
      },
      why: 'Without it, container logs and cluster events are lost with the pods.',
      fix: 'Enable addonProfiles.omsagent with a Log Analytics workspace.',
    },
    AKS,
    'properties.addonProfiles.omsagent.enabled',
    (on) => on === true,
    () => 'the monitoring add-on is off',
  ),
  propertyRule(
    {
      id: 'aks/sla-tier',
      title: 'The control plane has an uptime SLA (Standard tier or above)',
      severity: 'warning',
      area: 'reliability',
      spec: {
        section: 'Kubernetes API server SLA',
        quote: 'We recommend all production clusters use the Standard tier.',
      },
      why: 'The Free tier has no financially backed SLA; reserve it for preproduction (environment tag other than prod).',
      fix: 'Set sku.tier to Standard (Premium for mission-critical workloads).',
    },
    AKS,
    'sku.tier',
    (tier) => tier === 'Standard' || tier === 'Premium',
    (tier) => `tier: ${String(tier ?? 'Free')}`,
    isProduction,
  ),
  {
    id: 'aks/node-os-upgrades',
    title: 'Node images are updated automatically, unless the cluster is immutable',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades for nodes',
      quote:
        'Most clusters that do in-place upgrades should avoid the None and Unmanaged node image upgrade channel options.',
    },
    why: 'Without a channel, nodes run images with known vulnerabilities until someone upgrades them.',
    fix: 'Set autoUpgradeProfile.nodeOSUpgradeChannel to NodeImage (or SecurityPatch); None only for an immutable cluster, whose upgradeChannel is none too and which is replaced instead of updated.',
    check: (inventory) =>
      ofType(inventory, AKS).map((cluster) => {
        const profile = at(cluster.body, 'properties.autoUpgradeProfile');
        // NodeImage is what the API sets when a template names no channel.
        const node = at(profile, 'nodeOSUpgradeChannel') ?? 'NodeImage';
        const clusterChannel = at(profile, 'upgradeChannel') ?? 'none';
        if (isUnresolved(node) || isUnresolved(clusterChannel))
          return outcome('unknown', label(cluster), `depends on ${String(node)}`, cluster.source);
        // Immutable infrastructure updates neither layer in place (spec "Immutable infrastructure"); nothing in
        // the resource says whether the cluster is replaced rather than updated, so None there cannot be judged
        // by itself. Inputs that deploy the whole cluster with no maintenance window either plan no update at
        // all: that is a finding, which an immutable cluster suppresses with its reason.
        if (
          node === 'None' &&
          clusterChannel === 'none' &&
          holdsWholeDeployment(inventory) &&
          !maintained(inventory, cluster)
        )
          return outcome(
            'fail',
            label(cluster),
            'nodeOSUpgradeChannel None with upgradeChannel none and no maintenance window: nothing updates the nodes (suppress with the reason if the cluster is immutable, replaced rather than updated)',
            cluster.source,
          );
        if (node === 'None' && clusterChannel === 'none')
          return outcome(
            'unknown',
            label(cluster),
            'no node OS updates: right only for an immutable cluster, replaced rather than updated',
            cluster.source,
          );
        return node === 'NodeImage' || node === 'SecurityPatch'
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : outcome(
              'fail',
              label(cluster),
              `nodeOSUpgradeChannel: ${String(node)}${node === 'None' ? ` with upgradeChannel ${String(clusterChannel)}` : ''}`,
              cluster.source,
            );
      }),
  },
  poolRule(
    {
      id: 'aks/max-pods',
      title: 'Node pools allow a reasonable number of pods per node (30 to 250)',
      severity: 'warning',
      area: 'cluster',
      spec: {
        section: 'Configure compute for the base cluster',
        quote: 'Set the maximum pods per node based on your capacity planning.',
      },
      why: 'Too few pods per node wastes nodes; more than 250 is refused by AKS.',
      fix: 'Set maxPods between 30 (the reference) and 250.',
    },
    () => true,
    'maxPods',
    (pods) => Number(pods ?? 110) >= 30 && Number(pods ?? 110) <= 250,
    (pods) => `maxPods: ${String(pods)}`,
  ),
  modeRule(
    {
      id: 'aks/linux-os',
      title: 'System pools run a supported Linux: Azure Linux or Ubuntu',
      severity: 'warning',
      area: 'cluster',
      spec: {
        section: 'Select an operating system',
        quote:
          'In this reference implementation, we use Azure Linux, which is a lightweight, hardened Linux distribution that has been tuned for Azure.',
      },
      why: 'System pools must run Linux; Azure Linux has a smaller attack surface and faster node image updates.',
      fix: 'Set osSKU to AzureLinux (or Ubuntu).',
    },
    'System',
    () => true,
    poolValue(
      'osSKU',
      // CBLMariner and Mariner are Azure Linux under its former names.
      (sku) =>
        sku === undefined ||
        /^(AzureLinux|AzureLinux3|CBLMariner|Mariner|Ubuntu|Ubuntu2204|Ubuntu2404)$/i.test(String(sku)),
      (sku) => `osSKU: ${String(sku)}`,
    ),
  ),
  {
    id: 'aks/pod-ranges',
    title: "Pod and service ranges overlap no network's address space",
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Pod IP address space',
      quote:
        "Use an IP address space that doesn't overlap with your virtual network or any peered virtual networks.",
    },
    why: 'An overlap makes the addresses of the overlapping network unreachable from the pods.',
    fix: 'Choose podCidr and serviceCidr outside every virtual network and connected network.',
    check: (inventory) => {
      const spaces = ofType(inventory, 'Microsoft.Network/virtualNetworks').flatMap((n) =>
        valuesIn(at(n.body, 'properties.addressSpace.addressPrefixes')).map((p) => ({
          network: label(n),
          prefix: String(p),
          parsed: parseCidr(String(p)),
        })),
      );
      // Clusters share their ranges more often than not: each range is compared with the spaces once.
      const found = new Map<string, string[]>();
      const clashesOf = (range: string): string[] => {
        const known = found.get(range);
        if (known) return known;
        const parsed = parseCidr(range);
        const clashes = !parsed.ok
          ? []
          : spaces
              .filter((s) => s.parsed.ok && overlaps(s.parsed.cidr, parsed.cidr))
              .map((s) => `${range} overlaps ${s.prefix} of ${s.network}`);
        found.set(range, clashes);
        return clashes;
      };
      return ofType(inventory, AKS).map((cluster) => {
        const ranges = ['podCidr', 'serviceCidr']
          .map((key) => String(at(cluster.body, `properties.networkProfile.${key}`) ?? ''))
          .filter((r) => r !== '');
        const clashes = ranges.flatMap((range) => clashesOf(range));
        return clashes.length > 0
          ? outcome('fail', label(cluster), clashes.join('; '), cluster.source)
          : outcome('pass', label(cluster), undefined, cluster.source);
      });
    },
  },
];
