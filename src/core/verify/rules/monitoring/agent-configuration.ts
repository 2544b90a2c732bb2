/** The cluster's monitoring agents can reach where they read their configuration (data collection rules). */
import { azureReachability, widest } from '../../azure-reachability.js';
import { allowsHttps } from '../../firewall-allows.js';
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome, Say } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { label, lastSegment, mentions, needing, ofType, outcome } from '../select.js';
import { AKS, MONITORING } from './log-categories.js';

const ASSOCIATIONS = 'Microsoft.Insights/dataCollectionRuleAssociations';
const RULE_GROUPS = 'Microsoft.Network/firewallPolicies/ruleCollectionGroups';
/** The association that points a resource's agents at a data collection endpoint for their configuration. */
const CONFIGURATION_ENDPOINT = 'configurationaccessendpoint';

const MESSAGES = {
  computedRules: '{rule}: the firewall rules are computed at deployment',
  endpointBlocked:
    'its agents read their configuration from the data collection endpoint {endpoint} (associated as configurationAccessEndpoint) at {host}, which no Azure Monitor private link scope holds and no firewall rule allows',
  handlersBlocked: 'no firewall rule allows HTTPS to {hosts}, where its agents read their configuration',
} as const;

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
function agentConfiguration(
  inventory: Inventory,
  cluster: AzureResource,
  say: Say<typeof MESSAGES>,
): Outcome {
  const target = label(cluster);
  const region = at(cluster.body, 'location');
  const outbound = at(cluster.body, 'properties.networkProfile.outboundType');
  if (isUnresolved(region))
    return {
      ...outcome('unknown', target, say('unresolved', { value: String(region) }), cluster.source),
      path: 'location',
    };
  if (isUnresolved(outbound))
    return {
      ...outcome('unknown', target, say('unresolved', { value: String(outbound) }), cluster.source),
      path: 'properties.networkProfile.outboundType',
    };
  if (outbound !== 'userDefinedRouting') return outcome('pass', target, undefined, cluster.source);
  const location = String(region).toLowerCase().replace(/\s+/g, '');
  const { firewallAllows } = azureReachability(inventory);
  const allows = (host: string) => allowsHttps(firewallAllows, host, ['AzureMonitor']);
  // A rule deployment computes (in whole or in part) may allow what no rule written here does: not a fail, unknown.
  const blockedOr = (hosts: readonly string[], blocked: Outcome): Outcome => {
    const computed = firewallAllows.find((a) =>
      hosts.some((host) => allowsHttps([widest(a)], host, ['AzureMonitor'])),
    );
    return computed
      ? outcome('unknown', target, say('computedRules', { rule: computed.rule }), cluster.source)
      : blocked;
  };
  const endpoint = configurationEndpoint(inventory, cluster);
  if (endpoint) {
    // Azure adds a suffix of its own to the endpoint's name (its read-only configurationAccessEndpoint URL).
    const host = `${lastSegment(endpoint).toLowerCase()}-<suffix>.${location}-1.handler.control.monitor.azure.com`;
    return privatelyLinked(inventory, endpoint) || allows(host)
      ? outcome('pass', target, undefined, cluster.source)
      : blockedOr(
          [host],
          outcome(
            'fail',
            target,
            say('endpointBlocked', { endpoint: lastSegment(endpoint), host }),
            cluster.source,
          ),
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
        outcome('fail', target, say('handlersBlocked', { hosts: blocked.join(' and ') }), cluster.source),
      );
}

/** Container insights or managed Prometheus: agents that need their configuration. */
function monitored(cluster: AzureResource): boolean {
  return (
    at(cluster.body, 'properties.addonProfiles.omsagent.enabled') === true ||
    at(cluster.body, 'properties.azureMonitorProfile.metrics.enabled') === true
  );
}

export default needing(
  [RULE_GROUPS],
  defineRule({
    ref: 'BP1066',
    id: 'monitoring/agent-configuration',
    title: "The cluster's monitoring agents can read their configuration",
    severity: 'error',
    pillar: 'Operational Excellence',
    area: 'monitoring',
    spec: {
      section: MONITORING,
      quote: 'It captures container logs from the running pods and aggregates them for viewing.',
    },
    why: 'Agents that cannot fetch their data collection rules collect nothing: container insights and managed Prometheus stay empty, and every alert built on them stays silent.',
    fix: 'Allow HTTPS to global.handler.control.monitor.azure.com and <region>.handler.control.monitor.azure.com; associate a data collection endpoint as configurationAccessEndpoint only with an Azure Monitor private link scope that holds it.',
    messages: MESSAGES,
    check: (inventory, say) =>
      ofType(inventory, AKS)
        .filter(monitored)
        .map((cluster) => agentConfiguration(inventory, cluster, say)),
  }),
);
