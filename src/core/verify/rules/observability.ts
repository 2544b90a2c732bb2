/**
 * Rules on what the cluster's monitoring collects (spec "Monitor and collect
 * logs and metrics", "Network metrics"): that the agents can read their
 * configuration at all, the recommended control plane logs, kube-audit not
 * twice, the costly troubleshooting categories, and network observability at
 * the node level but not, by default, at the pod level.
 */
import { CONTROL_PLANE_LOG_CATEGORIES } from '../../config/schema/operations.js';
import { azureReachability, widest } from '../azure-reachability.js';
import { allowsHttps } from '../firewall-allows.js';
import type { AzureResource, Inventory } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isObject, isUnresolved } from '../../arm-values.js';
import { absentWhenWhole } from './completeness.js';
import { label, lastSegment, mayBeOfType, mentions, needing, ofType, outcome, valuesIn } from './select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';
const MONITORING = 'Monitor and collect logs and metrics';

/** Category groups, and the control plane categories each collects. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  alllogs: CONTROL_PLANE_LOG_CATEGORIES,
  audit: ['kube-audit', 'kube-audit-admin', 'guard'],
};

/** A diagnostic setting's scope: the resource whose logs it sends. */
const settingScope = (setting: AzureResource) => [String(setting.body['scope'] ?? setting.id ?? '')];

/** The control plane log categories a cluster's diagnostic settings collect, and what deployment alone knows. */
interface Collected {
  /** The categories known to be collected, groups expanded. */
  readonly categories: Set<string>;
  /** A value only deployment knows that may collect more: a setting's scope, logs, category or `enabled`. */
  readonly unknown?: string;
}

/** The control plane log categories the diagnostic settings of a cluster collect, groups expanded. */
function collected(inventory: Inventory, cluster: AzureResource): Collected {
  const name = lastSegment(cluster.name).toLowerCase();
  const all = ofType(inventory, DIAGNOSTICS);
  const settings = mentions(all, settingScope)
    .of(name)
    .filter((m) => m.text.includes('managedclusters'))
    .map((m) => m.item);
  const categories = new Set<string>();
  // A setting whose scope deployment computes may be this cluster's.
  const own = new Set(settings);
  let unknown: string | undefined = all
    .filter((setting) => !own.has(setting))
    .map((setting) => setting.body['scope'])
    .find((scope) => mayBeOfType(scope, AKS));
  for (const setting of settings) {
    const logs = at(setting.body, 'properties.logs');
    if (isUnresolved(logs)) unknown ??= String(logs);
    for (const log of valuesIn(logs)) {
      if (isUnresolved(log)) unknown ??= String(log);
      if (!isObject(log) || log['enabled'] === false) continue;
      const category = log['category'];
      const group = log['categoryGroup'];
      const hidden = [log['enabled'], category ?? group].find(isUnresolved);
      if (hidden !== undefined) unknown ??= String(hidden);
      else if (typeof category === 'string') categories.add(category.toLowerCase());
      else for (const c of GROUPS[String(group).toLowerCase()] ?? []) categories.add(c);
    }
  }
  return { categories, unknown };
}

function perCluster(inventory: Inventory, judge: (cluster: AzureResource) => Outcome): Outcome[] {
  return ofType(inventory, AKS).map(judge);
}

const ASSOCIATIONS = 'Microsoft.Insights/dataCollectionRuleAssociations';
const RULE_GROUPS = 'Microsoft.Network/firewallPolicies/ruleCollectionGroups';
/** The association that points a resource's agents at a data collection endpoint for their configuration. */
const CONFIGURATION_ENDPOINT = 'configurationaccessendpoint';

/** An association's scope and ID: the resource it binds. */
const associationTarget = (association: AzureResource) => [
  String(association.body['scope'] ?? ''),
  association.id ?? '',
];

/** The data collection endpoint a cluster's agents read their configuration from, when one is associated. */
function configurationEndpoint(inventory: Inventory, cluster: AzureResource): string | undefined {
  const name = lastSegment(cluster.name).toLowerCase();
  const association = mentions(ofType(inventory, ASSOCIATIONS), associationTarget)
    .of(name)
    .filter((m) => m.text.includes('managedclusters'))
    .map((m) => m.item)
    .find((a) => lastSegment(a.name).toLowerCase() === CONFIGURATION_ENDPOINT);
  const endpoint = at(association?.body, 'properties.dataCollectionEndpointId');
  return typeof endpoint === 'string' ? endpoint : undefined;
}

/** An Azure Monitor private link scope holds the endpoint: its agents reach it over the private link. */
function privatelyLinked(inventory: Inventory, endpoint: string): boolean {
  const name = lastSegment(endpoint).toLowerCase();
  return ofType(inventory, 'Microsoft.Insights/privateLinkScopes/scopedResources').some((scoped) => {
    const linked = String(at(scoped.body, 'properties.linkedResourceId') ?? '').toLowerCase();
    return linked.includes('datacollectionendpoints') && lastSegment(linked) === name;
  });
}

/**
 * Whether the monitoring agents of a cluster can read their configuration
 * (Learn, "Network firewall requirements for monitoring Kubernetes cluster"):
 * without a configuration endpoint, from global.handler.control.monitor.azure.com
 * and `<region>.handler.control.monitor.azure.com` ("Fetch data collection rules
 * for specific cluster"); with one (the private link setup), from the endpoint's
 * own `<endpoint>.<region>-1.handler.control.monitor.azure.com`, which only its
 * private link, or a firewall rule for it, makes reachable. Only clusters whose
 * egress goes through the firewall are limited by it; which subnets a rule's
 * sources name is not judged here.
 */
function agentConfiguration(inventory: Inventory, cluster: AzureResource): Outcome {
  const target = label(cluster);
  const region = at(cluster.body, 'location');
  const outbound = at(cluster.body, 'properties.networkProfile.outboundType');
  if (isUnresolved(region) || isUnresolved(outbound))
    return outcome(
      'unknown',
      target,
      `depends on ${String(isUnresolved(region) ? region : outbound)}`,
      cluster.source,
    );
  if (outbound !== 'userDefinedRouting') return outcome('pass', target, undefined, cluster.source);
  const location = String(region).toLowerCase().replace(/\s+/g, '');
  const { firewallAllows } = azureReachability(inventory);
  const allows = (host: string) => allowsHttps(firewallAllows, host, ['AzureMonitor']);
  // A rule deployment computes (in whole or in part) may allow what no rule written here does: not a fail, unknown.
  const blockedOr = (hosts: readonly string[], detail: string): Outcome => {
    const computed = firewallAllows.find((a) =>
      hosts.some((host) => allowsHttps([widest(a)], host, ['AzureMonitor'])),
    );
    return computed
      ? outcome(
          'unknown',
          target,
          `${computed.rule}: the firewall rules are computed at deployment`,
          cluster.source,
        )
      : outcome('fail', target, detail, cluster.source);
  };
  const endpoint = configurationEndpoint(inventory, cluster);
  if (endpoint) {
    // Azure adds a suffix of its own to the endpoint's name (its read-only configurationAccessEndpoint URL).
    const host = `${lastSegment(endpoint).toLowerCase()}-<suffix>.${location}-1.handler.control.monitor.azure.com`;
    return privatelyLinked(inventory, endpoint) || allows(host)
      ? outcome('pass', target, undefined, cluster.source)
      : blockedOr(
          [host],
          `its agents read their configuration from the data collection endpoint ${lastSegment(endpoint)} (associated as configurationAccessEndpoint) at ${host}, which no Azure Monitor private link scope holds and no firewall rule allows`,
        );
  }
  const blocked = [
    'global.handler.control.monitor.azure.com',
    `${location}.handler.control.monitor.azure.com`,
  ].filter((host) => !allows(host));
  return blocked.length === 0
    ? outcome('pass', target, undefined, cluster.source)
    : blockedOr(
        blocked,
        `no firewall rule allows HTTPS to ${blocked.join(' and ')}, where its agents read their configuration`,
      );
}

/** Container insights or managed Prometheus: agents that need their configuration. */
function monitored(cluster: AzureResource): boolean {
  return (
    at(cluster.body, 'properties.addonProfiles.omsagent.enabled') === true ||
    at(cluster.body, 'properties.azureMonitorProfile.metrics.enabled') === true
  );
}

export const OBSERVABILITY_RULES: readonly Rule[] = [
  needing([RULE_GROUPS], {
    id: 'monitoring/agent-configuration',
    title: "The cluster's monitoring agents can read their configuration",
    severity: 'error',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: 'It captures container logs from the running pods and aggregates them for viewing.',
    },
    why: 'Agents that cannot fetch their data collection rules collect nothing: container insights and managed Prometheus stay empty, and every alert built on them stays silent.',
    fix: 'Allow HTTPS to global.handler.control.monitor.azure.com and <region>.handler.control.monitor.azure.com; associate a data collection endpoint as configurationAccessEndpoint only with an Azure Monitor private link scope that holds it.',
    check: (inventory) =>
      ofType(inventory, AKS)
        .filter(monitored)
        .map((cluster) => agentConfiguration(inventory, cluster)),
  }),
  absentWhenWhole([DIAGNOSTICS], {
    id: 'monitoring/control-plane-logs',
    title: "The cluster's recommended control plane logs are collected",
    severity: 'warning',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: 'We recommend that you enable the following options on most clusters.',
    },
    why: 'Autoscaler and controller manager logs explain scaling and Azure operations; kube-audit-admin and guard record who changed what.',
    fix: 'Collect cluster-autoscaler, kube-controller-manager, kube-audit-admin and guard.',
    check: (inventory) =>
      perCluster(inventory, (cluster) => {
        const { categories, unknown } = collected(inventory, cluster);
        const missing = ['cluster-autoscaler', 'kube-controller-manager', 'kube-audit-admin', 'guard'].filter(
          (c) => !categories.has(c),
        );
        if (missing.length === 0) return outcome('pass', label(cluster), undefined, cluster.source);
        return unknown === undefined
          ? outcome('fail', label(cluster), `missing ${missing.join(', ')}`, cluster.source)
          : outcome('unknown', label(cluster), `depends on ${unknown}`, cluster.source);
      }),
  }),
  needing([DIAGNOSTICS], {
    id: 'monitoring/kube-audit-twice',
    title: 'kube-audit and kube-audit-admin are not both collected',
    severity: 'warning',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: "There's no reason to have both kube-audit and kube-audit-admin enabled.",
    },
    why: 'kube-audit holds every write kube-audit-admin holds: with both, each write is ingested and paid for twice.',
    fix: 'Keep kube-audit-admin (writes), or kube-audit alone when reads must be audited too; not both (nor the allLogs or audit groups, which hold both).',
    check: (inventory) =>
      perCluster(inventory, (cluster) => {
        const { categories } = collected(inventory, cluster);
        return categories.has('kube-audit') && categories.has('kube-audit-admin')
          ? outcome('fail', label(cluster), 'kube-audit and kube-audit-admin both', cluster.source)
          : outcome('pass', label(cluster), undefined, cluster.source);
      }),
  }),
  needing([DIAGNOSTICS], {
    id: 'monitoring/troubleshooting-logs',
    title: 'Extended troubleshooting logs are off once troubleshooting ends',
    severity: 'info',
    area: 'cost',
    spec: {
      section: MONITORING,
      quote:
        'if you keep the extended troubleshooting logs on full time after your troubleshooting needs end, you might be incurring unnecessary costs',
    },
    why: 'kube-scheduler and kube-audit (every read of the API server) are high-volume categories: each gigabyte is ingested and stored at Log Analytics prices.',
    fix: 'Turn kube-scheduler and kube-audit off when the troubleshooting that needed them is done.',
    check: (inventory) =>
      perCluster(inventory, (cluster) => {
        const costly = ['kube-scheduler', 'kube-audit'].filter((c) =>
          collected(inventory, cluster).categories.has(c),
        );
        return costly.length > 0
          ? outcome('fail', label(cluster), `collects ${costly.join(' and ')}`, cluster.source)
          : outcome('pass', label(cluster), undefined, cluster.source);
      }),
  }),
  {
    id: 'monitoring/network-observability',
    title: 'Network observability collects node-level network metrics',
    severity: 'warning',
    area: 'monitoring',
    spec: { section: 'Network metrics', quote: 'Most clusters should include network observability' },
    why: 'Node-level network metrics show drops, unexpected flows and DNS trouble that no other signal shows.',
    fix: 'Enable managed Prometheus (azureMonitorProfile.metrics.enabled) and leave networkobservabilityRetina on in ama-metrics-settings-configmap.',
    check: (inventory) => {
      // The add-on's settings: without the ConfigMap, its defaults, which scrape Retina.
      const settings = inventory.kubernetes.find(
        (o) => o.kind === 'ConfigMap' && o.name === 'ama-metrics-settings-configmap',
      );
      const scrape = String(at(settings?.body, 'data.default-scrape-settings-enabled') ?? '');
      const retinaOff = /networkobservabilityRetina\s*=\s*false/.test(scrape);
      return perCluster(inventory, (cluster) => {
        const metrics = at(cluster.body, 'properties.azureMonitorProfile.metrics.enabled');
        if (isUnresolved(metrics))
          return outcome('unknown', label(cluster), `depends on ${String(metrics)}`, cluster.source);
        if (metrics !== true)
          return outcome('fail', label(cluster), 'managed Prometheus is off', cluster.source);
        return retinaOff
          ? outcome('fail', label(cluster), 'networkobservabilityRetina = false', settings?.source)
          : outcome('pass', label(cluster), undefined, cluster.source);
      });
    },
  },
  {
    id: 'monitoring/advanced-network-observability',
    title: 'Advanced (pod-level) network observability is on only where pods need it',
    severity: 'info',
    area: 'cost',
    spec: {
      section: 'Network metrics',
      quote:
        "You shouldn't enable advanced network observability unless your pods demand a highly optimized network",
    },
    why: 'Advanced Container Networking Services is billed per node, and most workloads do not need packet-level metrics.',
    fix: 'Leave networkProfile.advancedNetworking off unless the workload is sensitive to packet loss, latency or DNS pressure.',
    check: (inventory) =>
      perCluster(inventory, (cluster) =>
        // Advanced Container Networking Services turn observability on unless it is turned off.
        (at(cluster.body, 'properties.networkProfile.advancedNetworking.enabled') === true &&
          at(cluster.body, 'properties.networkProfile.advancedNetworking.observability.enabled') !== false) ||
        at(cluster.body, 'properties.networkProfile.advancedNetworking.observability.enabled') === true
          ? outcome('fail', label(cluster), 'advanced networking is on', cluster.source)
          : outcome('pass', label(cluster), undefined, cluster.source),
      ),
  },
];
