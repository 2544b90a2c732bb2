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
 * reference (Azure/PSRule.Rules.Azure/docs/en/rules/<name>.md) and its rule
 * definitions (Azure/PSRule.Rules.Azure/src/PSRule.Rules.Azure/rules/, the files
 * Azure.<area>.Rule.yaml and .ps1, whose `release` tag says GA or preview). The rules listed are the
 * GA ones for these resource types and for template files: every one of them
 * is in the baseline Azure.GA_2026_03 (Azure/PSRule.Rules.Azure/docs/en/baselines/Azure.GA_2026_03.md,
 * module v1.48.0), which holds GA rules only. Azure.AKS.AzureCNI is not: it is
 * the former name of Azure.AKS.CNISubnetSize, now a selector.
 *
 * A departure is declared in one of PSRule's three ways ("Suppression and
 * excluding rules", azure.github.io/PSRule.Rules.Azure/concepts/suppression;
 * the rule's own configuration option, from its documentation):
 * - suppressed for the resources that depart (`departs`), by resource name;
 * - a rule option set to what the design chooses (`configure`), where the rule
 *   has one for this choice;
 * - the rule excluded (`exclude`), for rules on the template files themselves,
 *   whose targets are files, not named resources.
 */
import type { ResolvedResource } from '../formats/resources.js';

export type PsRuleDecision =
  /** The design meets it: the rule passes on the plan's templates. */
  | 'met'
  /** The spec decides otherwise: suppressed for the resources that depart, with the reason. */
  | 'departure'
  /** A gap another part of the design closes: left to fail until then, never suppressed. */
  | 'gap'
  /**
   * The rule does not run on these templates: it reads a running resource or an
   * export (its images, usage, peering state), or runs only once an option the
   * file does not set is configured (a naming format, required tags).
   */
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
  /** For a departure: the rule's configuration options set to the design's choice. */
  readonly configure?: (all: readonly ResolvedResource[]) => Readonly<Record<string, unknown>> | undefined;
  /** For a departure on the template files: the rule is excluded. */
  readonly exclude?: true;
  /** For a departure that covers some resources only: what stays a gap for the others. */
  readonly gap?: string;
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

const NSG = 'Microsoft.Network/networkSecurityGroups';
const VNET = 'Microsoft.Network/virtualNetworks';

type Rule = Readonly<Record<string, unknown>>;
function securityRules(r: ResolvedResource, direction: 'Inbound' | 'Outbound'): readonly Rule[] {
  const list = r.properties?.['securityRules'];
  return (Array.isArray(list) ? (list as { properties?: Rule }[]) : [])
    .map((x) => x.properties ?? {})
    .filter((x) => x['direction'] === direction)
    .sort((a, b) => (num(a['priority']) ?? 0) - (num(b['priority']) ?? 0));
}

/** The network security groups on an AzureBastionSubnet. */
/** The IDs of the security groups on an AzureBastionSubnet, found once per resource list. */
const bastionGroups = new WeakMap<readonly ResolvedResource[], ReadonlySet<string>>();
function onBastionSubnet(r: ResolvedResource, all: readonly ResolvedResource[]): boolean {
  let groups = bastionGroups.get(all);
  if (!groups) {
    const found = new Set<string>();
    for (const v of all) {
      const subnets = v.type === VNET ? v.properties?.['subnets'] : undefined;
      if (!Array.isArray(subnets)) continue;
      for (const s of subnets as { name?: string; properties?: Rule }[]) {
        const group =
          s.name === 'AzureBastionSubnet' &&
          property({ ...v, properties: s.properties ?? {} }, 'networkSecurityGroup.id');
        if (typeof group === 'string') found.add(group);
      }
    }
    bastionGroups.set(all, (groups = found));
  }
  return groups.has(r.id);
}

function ipv4(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}
function within(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(address);
  const b = ipv4(base ?? '');
  const size = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(size)) return false;
  const block = 2 ** (32 - size);
  return Math.floor(a / block) === Math.floor(b / block);
}

const met = (rule: string, reason: string, section: string): PsRuleEntry => ({
  rule,
  decision: 'met',
  reason,
  section,
  source: doc(rule),
});
const notApplicable = (rule: string, reason: string, section: string): PsRuleEntry => ({
  rule,
  decision: 'not applicable',
  reason,
  section,
  source: doc(rule),
});
/** A naming convention rule: it runs only once its name format option is set. */
const naming = (rule: string, option: string, section: string): PsRuleEntry =>
  notApplicable(rule, `runs only when ${option} sets a naming format; the options file sets none`, section);

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
    decision: 'not applicable',
    reason:
      'runs on exported clusters only (IsExport); the IP plan sizes the node subnet for every node at maximum scale, with headroom',
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
    decision: 'departure',
    reason:
      "the dev preset turns Defender for Containers off (defender.enabled: false), a preproduction cost choice; the baseline preset turns the cluster's Defender profile on",
    section: 'Security monitoring',
    source: doc('Azure.AKS.DefenderProfile'),
    departs: (r) =>
      r.type === CLUSTER && property(r, 'securityProfile.defender.securityMonitoring.enabled') !== true,
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
      "only the control plane log categories the spec names are collected (kube-audit-admin, guard, the autoscaler, the controller manager); kube-apiserver, kube-scheduler and AllMetrics, which the rule expects by default, cost ingestion the spec advises against keeping on. Declared with the rule's option AZURE_AKS_ENABLED_PLATFORM_LOG_CATEGORIES_LIST: the categories of its list that the clusters collect",
    section: 'Monitor and collect logs and metrics',
    source: doc('Azure.AKS.PlatformLogs'),
    configure: (all) => {
      // The rule's list and default (Azure/PSRule.Rules.Azure/docs/en/rules/Azure.AKS.PlatformLogs.md).
      const known = [
        'cluster-autoscaler',
        'kube-apiserver',
        'kube-controller-manager',
        'kube-scheduler',
        'AllMetrics',
      ];
      const clusters = new Set(all.filter((c) => c.type === CLUSTER).map((c) => c.id));
      // A setting's ID is its resource's ID, then /providers/Microsoft.Insights/diagnosticSettings/<name>.
      const settings = all.filter(
        (r) =>
          r.type === 'Microsoft.Insights/diagnosticSettings' &&
          clusters.has(r.id.slice(0, r.id.lastIndexOf('/providers/Microsoft.Insights/'))),
      );
      if (!settings.length) return undefined;
      const enabled = (r: ResolvedResource, key: string, field: string) =>
        ((property(r, key) as Pool[] | undefined) ?? [])
          .filter((x) => x['enabled'] === true)
          .map((x) => String(x[field]));
      // A category every cluster collects (the option applies to all clusters of the folder).
      const collected = (category: string) =>
        settings.every((r) =>
          [...enabled(r, 'logs', 'category'), ...enabled(r, 'metrics', 'category')].includes(category),
        );
      const list = known.filter(collected);
      return list.length < known.length
        ? { AZURE_AKS_ENABLED_PLATFORM_LOG_CATEGORIES_LIST: list }
        : undefined;
    },
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
  met(
    'Azure.AKS.UseRBAC',
    'enableRBAC is written, true',
    'Associate Kubernetes RBAC with Microsoft Entra ID',
  ),
  {
    rule: 'Azure.AKS.Version',
    decision: 'met',
    reason: 'a supported Kubernetes version (the plan refuses others)',
    section: 'In-place updates to the cluster',
    source: doc('Azure.AKS.Version'),
  },
  naming('Azure.AKS.Naming', 'AZURE_AKS_CLUSTER_NAME_FORMAT', 'Configure compute for the base cluster'),
  naming(
    'Azure.AKS.SystemPoolNaming',
    'AZURE_AKS_SYSTEM_POOL_NAME_FORMAT',
    'Configure compute for the base cluster',
  ),
  naming(
    'Azure.AKS.UserPoolNaming',
    'AZURE_AKS_USER_POOL_NAME_FORMAT',
    'Configure compute for the base cluster',
  ),
  // Azure Container Registry
  {
    rule: 'Azure.ACR.AdminUser',
    decision: 'met',
    reason: 'the admin user is disabled',
    section: 'Container image reference',
    source: doc('Azure.ACR.AdminUser'),
  },
  // Its source runs it `-If { IsExport }`: on resources exported from Azure, never on templates.
  notApplicable(
    'Azure.ACR.ContainerScan',
    "reads Defender's assessments of a deployed registry (an exported resource); Defender for Containers, on in the baseline preset, scans its images",
    'Security monitoring',
  ),
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
  met(
    'Azure.ACR.AnonymousAccess',
    'anonymous pull is off (anonymousPullEnabled false), and an Azure Policy assignment denies turning it on',
    'Container image reference',
  ),
  met(
    'Azure.ACR.ExportPolicy',
    'the export policy is disabled, with public network access disabled as the rule requires',
    'Container image reference',
  ),
  met(
    'Azure.ACR.Firewall',
    'public network access is disabled: the registry is reached over Private Link',
    'Container image reference',
  ),
  naming('Azure.ACR.Naming', 'AZURE_CONTAINER_REGISTRY_NAME_FORMAT', 'Container image reference'),
  notApplicable(
    'Azure.ACR.ReplicaLocation',
    'runs only when AZURE_RESOURCE_ALLOWED_LOCATIONS lists the allowed regions; the options file sets none',
    'Multiple regions',
  ),
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
  {
    rule: 'Azure.VNET.LocalDNS',
    decision: 'departure',
    reason:
      "the spoke's DNS server is the hub firewall's DNS proxy, in the peered hub of the same region; the rule looks for it in the network's own range, or in peerings declared inside the network, and the plan declares peerings as their own resources",
    section: 'Egress traffic flow',
    source: doc('Azure.VNET.LocalDNS'),
    // The rule: the first DNS server within the address space or an inline peering's remote address space.
    departs: (r) => {
      if (r.type !== VNET) return false;
      const servers = property(r, 'dhcpOptions.dnsServers');
      if (!Array.isArray(servers) || !servers.length) return false;
      const ranges = [
        ...((property(r, 'addressSpace.addressPrefixes') as string[] | undefined) ?? []),
        ...((property(r, 'virtualNetworkPeerings') as { properties?: Rule }[] | undefined) ?? []).flatMap(
          (p) =>
            (property({ ...r, properties: p.properties ?? {} }, 'remoteAddressSpace.addressPrefixes') as
              string[] | undefined) ?? [],
        ),
      ];
      return !ranges.some((range) => within(String(servers[0]), range));
    },
  },
  met(
    'Azure.VNET.BastionSubnet',
    'the hub network, which has the GatewaySubnet, has an AzureBastionSubnet',
    'Subnet to host Azure Bastion',
  ),
  met(
    'Azure.VNET.FirewallSubnet',
    'the hub network has the AzureFirewallSubnet',
    'Subnet to host Azure Firewall',
  ),
  notApplicable(
    'Azure.VNET.FirewallSubnetNAT',
    'runs only when AZURE_FIREWALL_IS_ZONAL is true; the firewall spans availability zones, where the rule advises against a NAT gateway',
    'Subnet to host Azure Firewall',
  ),
  met('Azure.VNET.Name', 'network names follow the naming rules', 'Network topology'),
  naming('Azure.VNET.Naming', 'AZURE_VIRTUAL_NETWORK_NAME_FORMAT', 'Network topology'),
  notApplicable(
    'Azure.VNET.PeerState',
    'reads the state of peerings declared inside a network; the plan declares each peering as its own resource, whose state is known once deployed',
    'Network topology',
  ),
  met('Azure.VNET.PrivateSubnet', 'defaultOutboundAccess is false on every subnet', 'Egress traffic flow'),
  met('Azure.VNET.SubnetName', 'subnet names follow the naming rules', 'Network topology'),
  naming('Azure.VNET.SubnetNaming', 'AZURE_VIRTUAL_NETWORK_SUBNET_NAME_FORMAT', 'Network topology'),
  met(
    'Azure.VNET.UseNSGs',
    'every subnet has a network security group, except AzureFirewallSubnet and GatewaySubnet, which the rule skips',
    'Secure the network flow',
  ),
  // Network security groups
  notApplicable(
    'Azure.NSG.AKSRules',
    'reads the network security group AKS manages in the node resource group, not one of the templates',
    'Secure the network flow',
  ),
  met(
    'Azure.NSG.AnyInboundSource',
    'no inbound allow rule has any (*) as its source: each names a range or a service tag',
    'Secure the network flow',
  ),
  notApplicable(
    'Azure.NSG.Associated',
    'runs on exported groups only (IsExport); each group is set on its subnet',
    'Secure the network flow',
  ),
  {
    rule: 'Azure.NSG.DenyAllInbound',
    decision: 'departure',
    reason:
      "with no Bastion in the hub, the build agents' group denies all inbound traffic first: the agents only open connections (to the API server, the registry, GitHub), and nothing, not even a load balancer probe, connects to them (with Bastion, its SSH sessions come first)",
    section: 'Management traffic',
    source: doc('Azure.NSG.DenyAllInbound'),
    // The rule: the first inbound rule by priority is a deny from any (*).
    departs: (r) => {
      if (r.type !== NSG) return false;
      const first = securityRules(r, 'Inbound')[0];
      return first?.['access'] === 'Deny' && first['sourceAddressPrefix'] === '*';
    },
  },
  {
    rule: 'Azure.NSG.LateralTraversal',
    decision: 'departure',
    reason:
      "the Bastion subnet's group allows SSH and RDP out to the virtual network: that is what Azure Bastion is for, and its required rules allow it",
    section: 'Subnet to host Azure Bastion',
    source: doc('Azure.NSG.LateralTraversal'),
    departs: (r, all) => r.type === NSG && onBastionSubnet(r, all),
  },
  met('Azure.NSG.Name', 'group names follow the naming rules', 'Secure the network flow'),
  naming('Azure.NSG.Naming', 'AZURE_NETWORK_SECURITY_GROUP_NAME_FORMAT', 'Secure the network flow'),
  // Application Gateway and its WAF policy
  met(
    'Azure.AppGw.AvailabilityZone',
    'the gateway spans availability zones 1, 2 and 3',
    'Availability zones and multi-region support',
  ),
  met('Azure.AppGw.MigrateV2', 'the WAF_v2 tier', 'Ingress traffic flow'),
  met('Azure.AppGw.MigrateWAFPolicy', 'a WAF policy, no classic WAF configuration', 'Ingress traffic flow'),
  met('Azure.AppGw.MinInstance', 'autoscaling with at least two instances', 'Ingress traffic flow'),
  met('Azure.AppGw.MinSku', 'WAF_v2', 'Ingress traffic flow'),
  met('Azure.AppGw.Name', 'gateway names follow the naming rules', 'Ingress traffic flow'),
  met(
    'Azure.AppGw.OWASP',
    'applies to the classic WAF configuration only; the gateway uses a WAF policy',
    'Ingress traffic flow',
  ),
  met(
    'Azure.AppGw.Prevention',
    'applies to the classic WAF configuration only; the WAF policy is in Prevention mode',
    'Ingress traffic flow',
  ),
  met(
    'Azure.AppGw.SSLPolicy',
    'the predefined policy AppGwSslPolicy20220101S (TLS 1.2 at least)',
    'Ingress traffic flow',
  ),
  met('Azure.AppGw.UseHTTPS', 'the only listener is HTTPS', 'Ingress traffic flow'),
  met('Azure.AppGw.UseWAF', 'the public gateway is WAF_v2', 'Ingress traffic flow'),
  met('Azure.AppGw.WAFEnabled', 'the public gateway has a WAF policy', 'Ingress traffic flow'),
  met(
    'Azure.AppGw.WAFRules',
    'applies to the classic WAF configuration only; the WAF policy disables no rule',
    'Ingress traffic flow',
  ),
  met('Azure.AppGwWAF.Enabled', 'the WAF policy is Enabled', 'Ingress traffic flow'),
  met('Azure.AppGwWAF.Exclusions', 'the WAF policy has no exclusions', 'Ingress traffic flow'),
  met('Azure.AppGwWAF.PreventionMode', 'the WAF policy is in Prevention mode', 'Ingress traffic flow'),
  met(
    'Azure.AppGwWAF.RuleGroups',
    'the Microsoft Default Rule Set 2.1 and the Bot Manager Rule Set 1.1',
    'Ingress traffic flow',
  ),
  // Key Vault
  met(
    'Azure.KeyVault.AccessPolicy',
    'no access policies: Azure RBAC authorizes the data plane',
    'Add secret management',
  ),
  met(
    'Azure.KeyVault.AutoRotationPolicy',
    'the vault holds no keys (certificates only, as secrets)',
    'Add secret management',
  ),
  met(
    'Azure.KeyVault.Firewall',
    'public network access is disabled and the network rules deny by default',
    'Add secret management',
  ),
  met('Azure.KeyVault.KeyName', 'the vault holds no keys', 'Add secret management'),
  met(
    'Azure.KeyVault.Logs',
    'a diagnostic setting sends the allLogs category group to Log Analytics',
    'Add secret management',
  ),
  met(
    'Azure.KeyVault.Name',
    'vault names follow the naming rules (checked when the plan names them)',
    'Add secret management',
  ),
  met('Azure.KeyVault.PurgeProtect', 'purge protection is on', 'Add secret management'),
  met('Azure.KeyVault.RBAC', 'Azure RBAC authorization is on', 'Add secret management'),
  met('Azure.KeyVault.SecretName', 'secret names are letters, digits and hyphens', 'Add secret management'),
  met('Azure.KeyVault.SoftDelete', 'soft delete is on', 'Add secret management'),
  // Azure Firewall and its policies
  met(
    'Azure.Firewall.AvailabilityZone',
    'the firewall spans availability zones 1, 2 and 3',
    'Subnet to host Azure Firewall',
  ),
  met(
    'Azure.Firewall.Mode',
    'applies to a classic firewall only; the firewall is managed by a firewall policy',
    'Egress traffic flow',
  ),
  met('Azure.Firewall.Name', 'firewall names follow the naming rules', 'Subnet to host Azure Firewall'),
  met(
    'Azure.Firewall.PolicyMode',
    "the base policy's threat intelligence mode is Deny (the rule checks base policies)",
    'Egress traffic flow',
  ),
  met('Azure.Firewall.PolicyName', 'policy names follow the naming rules', 'Egress traffic flow'),
  // Public IP addresses
  met(
    'Azure.PublicIP.AvailabilityZone',
    'every Standard public IP spans zones 1, 2 and 3',
    'Availability zones and multi-region support',
  ),
  met('Azure.PublicIP.DNSLabel', 'no DNS label is set, so the rule does not apply', 'Ingress traffic flow'),
  notApplicable(
    'Azure.PublicIP.IsAttached',
    'runs on exported addresses only (IsExport); each address is attached to its firewall, gateway or Bastion',
    'Ingress traffic flow',
  ),
  met('Azure.PublicIP.MigrateStandard', 'Standard SKU', 'Ingress traffic flow'),
  met('Azure.PublicIP.Name', 'address names follow the naming rules', 'Ingress traffic flow'),
  naming('Azure.PublicIP.Naming', 'AZURE_PUBLIC_IP_ADDRESS_NAME_FORMAT', 'Ingress traffic flow'),
  met('Azure.PublicIP.StandardSKU', 'Standard SKU', 'Ingress traffic flow'),
  // Log Analytics
  met('Azure.Log.Name', 'workspace names follow the naming rules', 'Monitor and collect logs and metrics'),
  naming('Azure.Log.Naming', 'AZURE_LOG_WORKSPACE_NAME_FORMAT', 'Monitor and collect logs and metrics'),
  notApplicable(
    'Azure.Log.ReplicaLocation',
    'runs only when AZURE_RESOURCE_ALLOWED_LOCATIONS lists the allowed regions; the options file sets none',
    'Monitor and collect logs and metrics',
  ),
  {
    rule: 'Azure.Log.Replication',
    decision: 'departure',
    reason:
      'the baseline is one region; replicating a workspace to a second one (monitoring.workspaceReplicationLocation) belongs to a multi-region design',
    section: 'Multiple regions',
    source: doc('Azure.Log.Replication'),
    departs: (r) =>
      r.type === 'Microsoft.OperationalInsights/workspaces' && property(r, 'replication.enabled') !== true,
  },
  // Monitor
  met(
    'Azure.Alert.MetricAutoMitigate',
    'every metric alert resolves itself (autoMitigate true)',
    'Monitor and collect logs and metrics',
  ),
  // Bastion, private endpoints, identities, route tables, resource groups, tags, policy
  met('Azure.Bastion.Name', 'Bastion names follow the naming rules', 'Subnet to host Azure Bastion'),
  met(
    'Azure.PrivateEndpoint.Name',
    'private endpoint names follow the naming rules',
    'Add secret management',
  ),
  met('Azure.Identity.UserAssignedName', 'identity names follow the naming rules', 'AKS access to Azure'),
  met('Azure.Route.Name', 'route table names follow the naming rules', 'Egress traffic flow'),
  naming('Azure.Route.Naming', 'AZURE_ROUTE_TABLE_NAME_FORMAT', 'Egress traffic flow'),
  met(
    'Azure.Group.Name',
    'resource group names follow the naming rules',
    'Isolate workload responsibilities',
  ),
  naming('Azure.Group.Naming', 'AZURE_RESOURCE_GROUP_NAME_FORMAT', 'Isolate workload responsibilities'),
  notApplicable(
    'Azure.Group.RequiredTags',
    'runs only when AZURE_RESOURCE_GROUP_REQUIRED_TAGS lists required tags; the options file sets none',
    'Cost management',
  ),
  notApplicable(
    'Azure.Resource.AllowedRegions',
    'runs only when AZURE_RESOURCE_ALLOWED_LOCATIONS lists the allowed regions; the options file sets none',
    'Multiple regions',
  ),
  notApplicable(
    'Azure.Resource.RequiredTags',
    'runs only when AZURE_RESOURCE_REQUIRED_TAGS lists required tags; the options file sets none',
    'Cost management',
  ),
  met(
    'Azure.Resource.UseTags',
    'every top-level resource carries the workload, environment and component tags (child resources such as Key Vault secrets and cluster extensions carry none; whether the rule counts them as taggable is not confirmed)',
    'Cost management',
  ),
  met(
    'Azure.Policy.AssignmentAssignedBy',
    'every assignment carries metadata.assignedBy',
    'Policy management',
  ),
  met(
    'Azure.Policy.AssignmentDescriptors',
    'every assignment has a display name and a description',
    'Policy management',
  ),
  naming(
    'Azure.EventGrid.SystemTopicNaming',
    'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME_FORMAT',
    'In-place upgrades for nodes',
  ),
  // Deployments (each template as PSRule expands it) and the template files themselves
  met('Azure.Deployment.AdminUsername', 'no adminUsername property is set', 'Use IaC'),
  met('Azure.Deployment.Name', 'no nested deployments', 'Use IaC'),
  met('Azure.Deployment.OuterSecret', 'no nested deployments', 'Use IaC'),
  met(
    'Azure.Deployment.OutputSecretValue',
    'outputs are IDs, addresses and ranges, never secrets',
    'Use IaC',
  ),
  met(
    'Azure.Deployment.SecretLeak',
    'certificates and Git credentials are secureString parameters',
    'Use IaC',
  ),
  met(
    'Azure.Deployment.SecureParameter',
    'certificates and Git credentials are secureString parameters',
    'Use IaC',
  ),
  met('Azure.Deployment.SecureValue', 'Key Vault secret values come from secureString parameters', 'Use IaC'),
  met('Azure.Template.DebugDeployment', 'no nested deployments', 'Use IaC'),
  met('Azure.Template.ExpressionLength', 'expressions are short: values are resolved by the plan', 'Use IaC'),
  met('Azure.Template.LocationDefault', 'no location parameter, so the rule does not apply', 'Use IaC'),
  met('Azure.Template.LocationType', 'no location parameter, so the rule does not apply', 'Use IaC'),
  notApplicable(
    'Azure.Template.MetadataLink',
    'runs only when AZURE_PARAMETER_FILE_METADATA_LINK is true; each parameter file names its template by the naming convention (NN-stage.parameters.json beside NN-stage.json)',
    'Use IaC',
  ),
  met('Azure.Template.ParameterDataTypes', 'no parameter has a default value', 'Use IaC'),
  met(
    'Azure.Template.ParameterFile',
    'parameter files have $schema, contentVersion and parameters only',
    'Use IaC',
  ),
  met('Azure.Template.ParameterMetadata', 'every parameter has a description', 'Use IaC'),
  met('Azure.Template.ParameterMinMaxValue', 'no parameter has minValue or maxValue', 'Use IaC'),
  met('Azure.Template.ParameterScheme', 'the parameter file schema is https', 'Use IaC'),
  met('Azure.Template.ParameterStrongType', 'no parameter declares a strong type', 'Use IaC'),
  met(
    'Azure.Template.ParameterValue',
    'every parameter has a value property (secrets are empty, passed by the pipeline at deployment)',
    'Use IaC',
  ),
  {
    rule: 'Azure.Template.ResourceLocation',
    decision: 'departure',
    reason:
      "each template is planned for its region: locations are the plan's resolved values, not expressions; another region is another plan of the same configuration, not the same templates with another parameter",
    section: 'Disaster recovery',
    source: doc('Azure.Template.ResourceLocation'),
    exclude: true,
  },
  met('Azure.Template.Resources', 'every template deploys at least one resource', 'Use IaC'),
  met(
    'Azure.Template.TemplateFile',
    'templates have only the top-level properties of the template schema',
    'Use IaC',
  ),
  met(
    'Azure.Template.TemplateSchema',
    'the latest template schemas (2019-04-01, and 2018-05-01 at subscription scope)',
    'Use IaC',
  ),
  met('Azure.Template.TemplateScheme', 'the template schema is https', 'Use IaC'),
  met(
    'Azure.Template.UseComments',
    'every resource of every template carries a comment saying why',
    'Use IaC',
  ),
  notApplicable(
    'Azure.Template.UseDescriptions',
    'applies to templates generated by Bicep, PSArm or AzOps; these carry a comment per resource instead',
    'Use IaC',
  ),
  {
    rule: 'Azure.Template.UseLocationParameter',
    decision: 'departure',
    reason:
      "no location parameter: each template is planned for its region (the configuration's region), and another region is another plan",
    section: 'Disaster recovery',
    source: doc('Azure.Template.UseLocationParameter'),
    exclude: true,
  },
];
