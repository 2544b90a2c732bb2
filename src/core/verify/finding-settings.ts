/**
 * A finding on plan's own output in the user's terms: the configuration setting
 * that produced it, where the file writes it, and the change to the configuration
 * that puts it right (the rule's own fix speaks of the templates, which the user
 * does not edit). Each rule a configuration value can trip has its remedy here;
 * test/finding-settings.test.ts trips each one from a configuration and holds the
 * settings to the configuration schema.
 */
import type { Config } from '../config/schema/index.js';
import type { Design } from '../design/design.js';
import { SUPPORTED_KUBERNETES_MINORS } from '../data/kubernetes-versions.js';
import type { ConfigPath, Diagnostic, Position, Setting } from '../diagnostics.js';
import { formatPath } from '../diagnostics.js';

/** How the configuration puts a rule's findings right. */
export interface ConfigRemedy {
  /**
   * The settings that decide the rule's findings, as dotted paths (`spokes[].cluster.tier`):
   * `spokes[]` is the spoke whose resource the finding names, `{pool}` the node pool it
   * names (`systemPool`, `userPools[1]`). The first the file writes is named, else the
   * first that applies.
   */
  readonly settings: readonly [string, ...string[]];
  /** The change, `{setting}` standing for the setting named and `{spoke}` for the spoke (`spokes[0]`). */
  readonly fix: string;
}

const DEFAULT_TRUE = 'Set {setting}: true (the default).';
const DEFAULT_FALSE = 'Set {setting}: false (the default).';
const ZONES = 'Set {setting} to [1, 2, 3], in a region with availability zones';

export const REMEDIES: Readonly<Record<string, ConfigRemedy>> = {
  'aks/api-server-access': {
    settings: ['spokes[].cluster.apiServer.authorizedIpRanges', 'spokes[].cluster.apiServer.private'],
    fix: 'Remove 0.0.0.0/0 from {spoke}.cluster.apiServer.authorizedIpRanges and list only the ranges the administrators connect from, or set {spoke}.cluster.apiServer.private: true.',
  },
  'net/authorized-ranges-firewall': {
    settings: ['hub.existing.firewallPublicIps', 'spokes[].cluster.apiServer.authorizedIpRanges'],
    fix: "Make sure hub.existing.firewallPublicIps lists every public IP address of the hub's firewall (the network team knows them): Baseplate admits those to the API server's authorized ranges, and cannot see that firewall to check.",
  },
  'aks/sla-tier': {
    settings: ['spokes[].cluster.tier'],
    fix: 'Set {setting}: Standard (the default; Premium for mission-critical workloads).',
  },
  'aks/system-pool-size': {
    settings: ['spokes[].cluster.systemPool.minCount'],
    fix: 'Set {setting} to 3 or more.',
  },
  'aks/user-pool-size': {
    settings: ['spokes[].cluster.{pool}.minCount'],
    fix: 'Set {setting} to 2 or more.',
  },
  'aks/user-pool-vm-size': {
    settings: ['spokes[].cluster.{pool}.vmSize'],
    fix: 'Set {setting} to a size with 4 vCPUs and 14 GiB or more (Standard_DS3_v2, Standard_D4ds_v5 …).',
  },
  'aks/pool-zones': { settings: ['spokes[].cluster.{pool}.zones', 'zones'], fix: `${ZONES}.` },
  'acr/zone-redundancy': {
    settings: ['zones'],
    fix: `${ZONES}: Baseplate makes the registry zone-redundant there.`,
  },
  'appgw/zones': { settings: ['zones'], fix: `${ZONES}: the Application Gateway spans them.` },
  'aks/local-accounts': {
    settings: ['spokes[].cluster.disableLocalAccounts'],
    fix: 'Set {setting}: true (the default): users sign in through Entra ID.',
  },
  'aks/azure-rbac': {
    settings: ['spokes[].cluster.entra.azureRbac'],
    fix: 'Set {setting}: true (the default), and name the Entra groups in {spoke}.cluster.entra.adminGroupObjectIds and readerGroupObjectIds.',
  },
  'aks/cluster-admin': {
    settings: ['spokes[].cluster.entra.adminGroupObjectIds'],
    fix: 'List the object IDs of the Entra groups that administer the cluster in {setting}.',
  },
  'aks/max-pods': {
    settings: ['spokes[].cluster.{pool}.maxPods'],
    fix: 'Set {setting} between 30 (the default) and 250.',
  },
  'aks/single-os': {
    settings: ['spokes[].cluster.userPools'],
    fix: 'Give every pool in {setting} the same osSku, unless the workload truly needs both.',
  },
  'acr/geo-replication': {
    settings: ['spokes[].registry.geoReplication.enabled'],
    fix: "Set {setting}: true (the default): Baseplate replicates the registry to the region's pair.",
  },
  'firewall/threat-intel': {
    settings: ['hub.firewall.threatIntelMode'],
    fix: 'Set {setting}: Deny (the default).',
  },
  'firewall/idps': {
    settings: ['hub.firewall.intrusionDetection'],
    fix: 'Set {setting}: Deny (the default).',
  },
  'firewall/policy-analytics': { settings: ['hub.firewall.policyAnalytics'], fix: DEFAULT_TRUE },
  'aks/node-os-upgrades': {
    settings: ['upgrades.nodeOsChannel', 'upgrades.strategy'],
    fix: 'Set upgrades.nodeOsChannel: NodeImage (the default) or SecurityPatch, with upgrades.strategy: inPlace; for a cluster replaced rather than updated (strategy: immutable), add the finding to verify.suppress with that reason.',
  },
  'upgrades/maintenance-frequency': {
    settings: [
      'upgrades.nodeOsWindow.intervalWeeks',
      'upgrades.nodeOsWindow.intervalDays',
      'upgrades.nodeOsWindow.frequency',
      'upgrades.nodeOsChannel',
    ],
    fix: 'Schedule upgrades.nodeOsWindow weekly (intervalWeeks: 1) or daily; with nodeOsChannel: SecurityPatch, daily (frequency: Daily, intervalDays: 1 or 2).',
  },
  'upgrades/supported-version': {
    settings: ['spokes[].cluster.kubernetesVersion'],
    fix: `Set {setting} to one of ${SUPPORTED_KUBERNETES_MINORS.join(', ')}, or remove it for the default.`,
  },
  'monitoring/control-plane-logs': {
    settings: ['monitoring.controlPlaneLogs'],
    fix: 'Add cluster-autoscaler, kube-controller-manager, kube-audit-admin and guard to {setting}, or remove it for the default categories.',
  },
  'monitoring/troubleshooting-logs': {
    settings: ['monitoring.controlPlaneLogs'],
    fix: 'Remove kube-scheduler and kube-audit from {setting} when the troubleshooting that needed them is done.',
  },
  'monitoring/network-observability': {
    settings: ['monitoring.networkObservability', 'monitoring.managedPrometheus'],
    fix: 'Set monitoring.networkObservability: true and monitoring.managedPrometheus: true (the defaults).',
  },
  'monitoring/advanced-network-observability': {
    settings: ['monitoring.advancedNetworkObservability'],
    fix: 'Set {setting}: false (the default) unless the workload is sensitive to packet loss, latency or DNS pressure.',
  },
  'policy/registry-deny': {
    settings: ['policy.customPolicyEffect'],
    fix: 'Set {setting}: Deny (the default).',
  },
  'policy/kubernetes-guardrails': {
    settings: ['policy.customPolicyEffect'],
    fix: 'Set {setting}: Deny (the default).',
  },
  'aks/defender': { settings: ['defender.enabled'], fix: DEFAULT_TRUE },
  'aks/run-command': { settings: ['spokes[].cluster.apiServer.runCommand'], fix: DEFAULT_FALSE },
  'aks/storage-drivers': {
    settings: ['spokes[].cluster.storageDrivers'],
    fix: 'Set {setting}: false (the default), unless the workload claims volumes.',
  },
  'appgw/unique-host-names': {
    settings: ['spokes[].ingress.hostNames'],
    fix: 'Give each spoke its own names in {setting}, or, where a global load balancer in front deliberately sends one name to both, add the finding to verify.suppress with that reason.',
  },
  'cost/budget': {
    settings: ['cost.monthlyBudget'],
    fix: 'Set {setting} to the monthly amount: Baseplate adds the budget and its alerts (or create one in Cost Management).',
  },
};

/** What a finding is checked against: the plan's configuration, as loaded, and its design. */
export interface PlannedFrom {
  readonly file: string;
  readonly config: Config;
  readonly design: Design;
  /** Where the file writes a setting (its key). */
  readonly locate: (path: ConfigPath, target?: 'value' | 'key') => Position | undefined;
  /** Whether the file writes a setting itself (a default or the preset gives any other). */
  readonly writes: (path: ConfigPath) => boolean;
}

/** The finding with its setting, and its fix in the configuration's terms; as it was when no remedy applies. */
export function inConfigTerms(finding: Diagnostic, from: PlannedFrom): Diagnostic {
  const remedy = finding.kind === 'finding' ? REMEDIES[finding.code] : undefined;
  if (remedy === undefined) return finding;
  const about = subject(finding, from);
  const paths = remedy.settings.flatMap((setting) => {
    const path = settingPath(setting, about);
    return path ? [path] : [];
  });
  const path = paths.find((p) => from.writes(p)) ?? paths[0];
  if (path === undefined) return finding;
  const position = from.writes(path) ? from.locate(path, 'key') : undefined;
  const setting: Setting = { file: from.file, path, ...(position ? { position } : {}) };
  const spoke = about.spoke === undefined ? undefined : formatPath(['spokes', about.spoke]);
  if (spoke === undefined && remedy.fix.includes('{spoke}')) return { ...finding, setting };
  const fix = remedy.fix.replaceAll('{setting}', formatPath(path)).replaceAll('{spoke}', spoke ?? '');
  return { ...finding, setting, fix };
}

/** The spoke and node pool a finding is about, from the resource it names. */
interface Subject {
  readonly spoke?: number;
  /** The pool within the spoke's cluster, as a configuration path. */
  readonly pool?: ConfigPath;
}

function subject(finding: Diagnostic, from: PlannedFrom): Subject {
  // verify.ts writes a finding's message as `<target>: <what was found>`; a target names a resource by ID.
  const target = finding.message.split(': ')[0] ?? '';
  const segments = new Set(target.split('/'));
  const spoke = from.design.spokes.findIndex(({ names }) =>
    [
      names.cluster,
      names.virtualNetwork,
      names.registry,
      names.keyVault,
      names.applicationGateway,
      names.resourceGroup,
    ].some((name) => segments.has(name)),
  );
  if (spoke < 0) return {};
  const pool = /\/agentPools\/([^/]+)$/.exec(target)?.[1];
  const cluster = from.config.spokes[spoke]?.cluster;
  if (pool === undefined || cluster === undefined) return { spoke };
  if (cluster.systemPool.name === pool) return { spoke, pool: ['systemPool'] };
  const index = cluster.userPools.findIndex((p) => p.name === pool);
  return index < 0 ? { spoke } : { spoke, pool: ['userPools', index] };
}

/** A remedy's setting as a configuration path, or undefined when the finding names no spoke or pool it needs. */
export function settingPath(setting: string, about: Subject): ConfigPath | undefined {
  const path: (string | number)[] = [];
  for (const part of setting.split('.')) {
    if (part === 'spokes[]') {
      if (about.spoke === undefined) return undefined;
      path.push('spokes', about.spoke);
    } else if (part === '{pool}') {
      if (about.pool === undefined) return undefined;
      path.push(...about.pool);
    } else path.push(part);
  }
  return path;
}
