/**
 * PSRule for Azure's rules for the resource types Baseplate deploys, each with
 * Baseplate's decision: met by the design, a departure the spec backs (declared
 * in azure/ps-rule.yaml as a suppression with its reason), a gap (another part
 * of the design closes it; never suppressed), or not applicable to templates.
 * A departure names the resources that depart, read from azure/resources.json,
 * so that a configuration meeting the rule (a Standard tier, three user nodes)
 * suppresses nothing.
 *
 * Rule names, properties and defaults are PSRule for Azure's, from its rule
 * reference (repository Azure/PSRule.Rules.Azure, docs/en/rules/<name>.md) and
 * its rule definitions (src/PSRule.Rules.Azure/rules/Azure.<area>.Rule.yaml
 * and .ps1, whose `release` tag says GA or preview).
 */
import type { ResolvedResource } from '../formats/resources.js';

export type PsRuleDecision =
  /** The design meets it: the rule passes on the plan's templates. */
  | 'met'
  /** The spec decides otherwise: suppressed for the resources that depart, with the reason. */
  | 'departure'
  /** A gap another part of the design closes: left to fail until then, never suppressed. */
  | 'gap'
  /** The rule reads a running resource (its images, its usage), not a template. */
  | 'not applicable';

export interface PsRuleEntry {
  /** The rule's name in PSRule for Azure. */
  readonly rule: string;
  readonly decision: PsRuleDecision;
  /** Why, in one line: what the design sets, or what the spec decides instead. */
  readonly reason: string;
  /** The heading of docs/spec/aks-baseline-architecture.txt that decides it. */
  readonly section: string;
  /** The rule's documentation in Azure/PSRule.Rules.Azure. */
  readonly source: string;
  /** For a departure: the resources of azure/resources.json that depart from the rule. */
  readonly departs?: (resource: ResolvedResource, all: readonly ResolvedResource[]) => boolean;
}

const CLUSTER = 'Microsoft.ContainerService/managedClusters';
const doc = (rule: string) => `Azure/PSRule.Rules.Azure docs/en/rules/${rule}.md`;

type Pool = Readonly<Record<string, unknown>>;
function pools(r: ResolvedResource): readonly Pool[] {
  if (r.type !== CLUSTER) return [];
  const list = r.properties?.['agentPoolProfiles'];
  return Array.isArray(list) ? (list as Pool[]) : [];
}
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
function property(r: ResolvedResource, path: string): unknown {
  let value: unknown = r.properties;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The decisions, by rule name. */
export const PSRULE_DECISIONS: readonly PsRuleEntry[] = [
  // Azure Kubernetes Service
  {
    rule: 'Azure.AKS.AuditAdmin',
    decision: 'met',
    reason: 'the cluster sends kube-audit-admin to Log Analytics (not kube-audit, as the spec advises)',
    section: 'Monitor and collect logs and metrics',
    source: doc('Azure.AKS.AuditAdmin'),
  },
  {
    rule: 'Azure.AKS.AuditLogs',
    decision: 'met',
    reason: 'the cluster diagnostic setting sends kube-audit-admin',
    section: 'Monitor and collect logs and metrics',
    source: doc('Azure.AKS.AuditLogs'),
  },
  {
    rule: 'Azure.AKS.AuthorizedIPs',
    decision: 'met',
    reason:
      'a public API server is reached only from its authorized IP ranges (the firewall and the operators)',
    section: 'Management traffic',
    source: doc('Azure.AKS.AuthorizedIPs'),
  },
  {
    rule: 'Azure.AKS.AutoScaling',
    decision: 'met',
    reason: 'every node pool has the cluster autoscaler on',
    section: 'Cluster autoscaler',
    source: doc('Azure.AKS.AutoScaling'),
  },
  {
    rule: 'Azure.AKS.AutoUpgrade',
    decision: 'departure',
    reason:
      'no cluster auto-upgrade channel: the spec advises against automatic cluster upgrades when first deploying, and a manual, preproduction-tested upgrade instead (upgrades.clusterChannel turns it on)',
    section: 'In-place updates to the cluster',
    source: doc('Azure.AKS.AutoUpgrade'),
    departs: (r) =>
      r.type === CLUSTER &&
      [undefined, 'none'].includes(property(r, 'autoUpgradeProfile.upgradeChannel') as string),
  },
  {
    rule: 'Azure.AKS.AvailabilityZone',
    decision: 'met',
    reason: 'every node pool spans the configured availability zones',
    section: 'Availability zones and multi-region support',
    source: doc('Azure.AKS.AvailabilityZone'),
  },
  {
    rule: 'Azure.AKS.AzureCNI',
    decision: 'met',
    reason: 'Azure CNI (Overlay)',
    section: 'Select a networking model',
    source: doc('Azure.AKS.AzureCNI'),
  },
  {
    rule: 'Azure.AKS.AzurePolicyAddOn',
    decision: 'met',
    reason: 'the Azure Policy add-on is on',
    section: 'Policy management',
    source: doc('Azure.AKS.AzurePolicyAddOn'),
  },
  {
    rule: 'Azure.AKS.AzureRBAC',
    decision: 'met',
    reason: 'Azure RBAC for Kubernetes authorization is on',
    section: 'Use Azure RBAC for Kubernetes authorization',
    source: doc('Azure.AKS.AzureRBAC'),
  },
  {
    rule: 'Azure.AKS.CNISubnetSize',
    decision: 'met',
    reason: 'the IP plan sizes the node subnet for every node at maximum scale, with headroom',
    section: 'Plan the IP addresses',
    source: doc('Azure.AKS.CNISubnetSize'),
  },
  {
    rule: 'Azure.AKS.ContainerInsights',
    decision: 'met',
    reason: 'Container insights (the monitoring add-on) is on',
    section: 'Monitor and collect logs and metrics',
    source: doc('Azure.AKS.ContainerInsights'),
  },
  {
    rule: 'Azure.AKS.DNSPrefix',
    decision: 'met',
    reason: 'the DNS prefix is the cluster name, which meets the naming rules',
    section: 'Configure compute for the base cluster',
    source: doc('Azure.AKS.DNSPrefix'),
  },
  {
    rule: 'Azure.AKS.DefenderProfile',
    decision: 'gap',
    reason: 'Defender for Containers: closed by the hardening part of issue 23',
    section: 'Security monitoring',
    source: doc('Azure.AKS.DefenderProfile'),
  },
  {
    rule: 'Azure.AKS.EphemeralOSDisk',
    decision: 'departure',
    reason:
      'managed OS disks: the spec gives the system pool DS2_v2 nodes with a 512 GB OS disk, which does not fit the VM cache an ephemeral disk needs',
    section: 'Configure compute for the base cluster',
    source: doc('Azure.AKS.EphemeralOSDisk'),
    departs: (r) => pools(r).some((p) => p['osDiskType'] !== 'Ephemeral'),
  },
  {
    rule: 'Azure.AKS.HttpAppRouting',
    decision: 'met',
    reason: 'the HTTP application routing add-on is never enabled',
    section: 'Deploy ingress resources',
    source: doc('Azure.AKS.HttpAppRouting'),
  },
  {
    rule: 'Azure.AKS.LocalAccounts',
    decision: 'met',
    reason: 'local accounts are disabled',
    section: 'Local accounts',
    source: doc('Azure.AKS.LocalAccounts'),
  },
  {
    rule: 'Azure.AKS.MaintenanceWindow',
    decision: 'met',
    reason: 'a planned maintenance window is deployed with the cluster',
    section: 'In-place upgrades for nodes',
    source: doc('Azure.AKS.MaintenanceWindow'),
  },
  {
    rule: 'Azure.AKS.ManagedAAD',
    decision: 'met',
    reason: 'AKS-managed Microsoft Entra integration',
    section: 'Integrate Microsoft Entra ID for the cluster',
    source: doc('Azure.AKS.ManagedAAD'),
  },
  {
    rule: 'Azure.AKS.ManagedIdentity',
    decision: 'met',
    reason: 'the control plane uses a user-assigned managed identity',
    section: 'AKS access to Azure',
    source: doc('Azure.AKS.ManagedIdentity'),
  },
  {
    rule: 'Azure.AKS.MinNodeCount',
    decision: 'met',
    reason: 'the system pool has three nodes',
    section: 'Cluster nodes',
    source: doc('Azure.AKS.MinNodeCount'),
  },
  {
    rule: 'Azure.AKS.MinUserPoolNodes',
    decision: 'departure',
    reason:
      'the spec starts the user node pool with no fewer than two nodes (the rule wants three); the autoscaler adds more',
    section: 'Cluster nodes',
    source: doc('Azure.AKS.MinUserPoolNodes'),
    // The rule reads minCount of an autoscaled pool, count otherwise, and skips Spot pools.
    departs: (r) =>
      pools(r).some(
        (p) =>
          p['mode'] === 'User' &&
          p['scaleSetPriority'] !== 'Spot' &&
          (num(p[p['enableAutoScaling'] === true ? 'minCount' : 'count']) ?? 3) < 3,
      ),
  },
  {
    rule: 'Azure.AKS.Name',
    decision: 'met',
    reason: 'cluster names follow the naming rules (checked when the plan names them)',
    section: 'Configure compute for the base cluster',
    source: doc('Azure.AKS.Name'),
  },
  {
    rule: 'Azure.AKS.NetworkPolicy',
    decision: 'met',
    reason: 'a network policy engine is set',
    section: 'Pod-to-pod traffic',
    source: doc('Azure.AKS.NetworkPolicy'),
  },
  {
    rule: 'Azure.AKS.NodeAutoUpgrade',
    decision: 'met',
    reason: 'the node OS upgrade channel is NodeImage (or SecurityPatch)',
    section: 'In-place upgrades for nodes',
    source: doc('Azure.AKS.NodeAutoUpgrade'),
  },
  {
    rule: 'Azure.AKS.NodeMinPods',
    decision: 'departure',
    reason:
      'maximum pods per node 30: the spec starts a capacity baseline at 30 (the rule wants 50), and the IP plan is sized for it',
    section: 'Configure compute for the base cluster',
    source: doc('Azure.AKS.NodeMinPods'),
    departs: (r) => pools(r).some((p) => (num(p['maxPods']) ?? 50) < 50),
  },
  {
    rule: 'Azure.AKS.PlatformLogs',
    decision: 'departure',
    reason:
      'only the control plane log categories the spec names are collected (kube-audit-admin, guard, the autoscaler, the controller manager): the others cost ingestion the spec advises against keeping on',
    section: 'Monitor and collect logs and metrics',
    source: doc('Azure.AKS.PlatformLogs'),
    departs: (r) => r.type === CLUSTER,
  },
  {
    rule: 'Azure.AKS.PoolScaleSet',
    decision: 'met',
    reason: 'every node pool is a virtual machine scale set',
    section: 'Configure compute for the base cluster',
    source: doc('Azure.AKS.PoolScaleSet'),
  },
  {
    rule: 'Azure.AKS.PoolVersion',
    decision: 'met',
    reason: 'node pools run the cluster version',
    section: 'In-place updates to the cluster',
    source: doc('Azure.AKS.PoolVersion'),
  },
  {
    rule: 'Azure.AKS.SecretStore',
    decision: 'met',
    reason: 'the Secrets Store CSI Driver with the Key Vault provider is on',
    section: 'Add secret management',
    source: doc('Azure.AKS.SecretStore'),
  },
  {
    rule: 'Azure.AKS.SecretStoreRotation',
    decision: 'met',
    reason: 'secret rotation is on',
    section: 'Add secret management',
    source: doc('Azure.AKS.SecretStoreRotation'),
  },
  {
    rule: 'Azure.AKS.StandardLB',
    decision: 'met',
    reason: 'Standard load balancer',
    section: 'Select a networking model',
    source: doc('Azure.AKS.StandardLB'),
  },
  {
    rule: 'Azure.AKS.UptimeSLA',
    decision: 'departure',
    reason:
      'a preproduction cluster (the dev preset) uses the Free tier, as the spec reserves it for preproduction; production uses Standard',
    section: 'Kubernetes API server SLA',
    source: doc('Azure.AKS.UptimeSLA'),
    departs: (r) => r.type === CLUSTER && r.sku?.['tier'] === 'Free',
  },
  {
    rule: 'Azure.AKS.UseRBAC',
    decision: 'gap',
    reason: 'enableRBAC written explicitly: closed by the hardening part of issue 23',
    section: 'Associate Kubernetes RBAC with Microsoft Entra ID',
    source: doc('Azure.AKS.UseRBAC'),
  },
  {
    rule: 'Azure.AKS.Version',
    decision: 'met',
    reason: 'a supported Kubernetes version (the plan refuses others)',
    section: 'In-place updates to the cluster',
    source: doc('Azure.AKS.Version'),
  },
  // Azure Container Registry
  {
    rule: 'Azure.ACR.AdminUser',
    decision: 'met',
    reason: 'the admin user is disabled',
    section: 'Container image reference',
    source: doc('Azure.ACR.AdminUser'),
  },
  {
    rule: 'Azure.ACR.ContainerScan',
    decision: 'gap',
    reason: 'Microsoft Defender for Containers scans the registry: closed by the hardening part of issue 23',
    section: 'Security monitoring',
    source: doc('Azure.ACR.ContainerScan'),
  },
  {
    rule: 'Azure.ACR.GeoReplica',
    decision: 'departure',
    reason:
      'a registry without a replica (the dev preset): geo-replication is the Premium cost the spec weighs against availability; the baseline replicates',
    section: 'Cost management',
    source: doc('Azure.ACR.GeoReplica'),
    departs: (r, all) =>
      r.type === 'Microsoft.ContainerRegistry/registries' &&
      !all.some(
        (x) =>
          x.type === 'Microsoft.ContainerRegistry/registries/replications' && x.name.startsWith(`${r.name}/`),
      ),
  },
  {
    rule: 'Azure.ACR.ImageHealth',
    decision: 'not applicable',
    reason: 'reads the vulnerability assessments of a running registry',
    section: 'Security monitoring',
    source: doc('Azure.ACR.ImageHealth'),
  },
  {
    rule: 'Azure.ACR.MinSku',
    decision: 'met',
    reason: 'Premium registries (Private Link and replication need it)',
    section: 'Container image reference',
    source: doc('Azure.ACR.MinSku'),
  },
  {
    rule: 'Azure.ACR.Name',
    decision: 'met',
    reason: 'registry names follow the naming rules (checked when the plan names them)',
    section: 'Container image reference',
    source: doc('Azure.ACR.Name'),
  },
  {
    rule: 'Azure.ACR.Usage',
    decision: 'not applicable',
    reason: 'reads the storage usage of a running registry',
    section: 'Container image reference',
    source: doc('Azure.ACR.Usage'),
  },
  // Virtual Network
  {
    rule: 'Azure.VNET.SingleDNS',
    decision: 'departure',
    reason:
      "the spoke's one DNS server is the hub firewall's DNS proxy, so that the firewall resolves the FQDNs of its egress rules as the nodes do; the firewall is zone-redundant",
    section: 'Egress traffic flow',
    source: doc('Azure.VNET.SingleDNS'),
    departs: (r) => {
      if (r.type !== 'Microsoft.Network/virtualNetworks') return false;
      const servers = property(r, 'dhcpOptions.dnsServers');
      return Array.isArray(servers) && servers.length === 1;
    },
  },
];
