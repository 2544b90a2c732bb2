import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './agent-configuration.js';

const GROUPS = 'Microsoft.Network/firewallPolicies/ruleCollectionGroups';
/** An expression that names nothing the rule could read. */
const COMPUTED = "[reference('elsewhere').properties.value]";

/** The firewall rule named `name` of the baseline's policy. */
function firewallRule(p: Baseline, name: string): Json {
  const found = p.inventory.azure
    .filter((r) => r.type === GROUPS)
    .flatMap((g) =>
      ((g.body['properties'] as Json)['ruleCollections'] as Json[]).flatMap((c) => c['rules'] as Json[]),
    )
    .find((r) => r['name'] === name);
  if (!found) throw new Error(`the baseline has no firewall rule ${name}`);
  return found;
}

/** Takes the region's handler endpoint out of the rule that allows Azure Monitor. */
function noRegionalHandler(p: Baseline): Json {
  const allowed = firewallRule(p, 'azure-monitor');
  allowed['targetFqdns'] = (allowed['targetFqdns'] as string[]).filter(
    (fqdn) => fqdn !== 'eastus2.handler.control.monitor.azure.com',
  );
  return allowed;
}

/** Points the cluster's agents at the Prometheus collection endpoint for their configuration, as private link does. */
function associateConfigurationEndpoint(p: Baseline): void {
  p.add({
    type: 'Microsoft.Insights/dataCollectionRuleAssociations',
    name: 'configurationAccessEndpoint',
    source: 'azure/resources.json',
    body: {
      scope: p.resource('Microsoft.ContainerService/managedClusters')['id'],
      properties: {
        dataCollectionEndpointId: p.resource('Microsoft.Insights/dataCollectionEndpoints')['id'],
      },
    },
  });
}

/** The rule collections of every group of the baseline's firewall policy, replaced by `collections`. */
function ruleCollections(p: Baseline, collections: unknown): void {
  for (const group of p.inventory.azure.filter((r) => r.type === GROUPS))
    (group.body['properties'] as Json)['ruleCollections'] = collections;
}

/** A monitored cluster whose egress goes through a firewall. */
const monitored = (outboundType: unknown) =>
  cluster(
    { addonProfiles: { omsagent: { enabled: true } }, networkProfile: { outboundType } },
    { location: 'eastus2' },
  );

export default casesOf(rule, {
  pass: [
    { title: "the baseline's firewall allows both handler endpoints", input: baseline() },
    {
      title: 'the configuration endpoint is held by an Azure Monitor private link scope',
      input: baseline((p) => {
        associateConfigurationEndpoint(p);
        p.add({
          type: 'Microsoft.Insights/privateLinkScopes/scopedResources',
          name: 'ampls-monitoring/dce-prometheus',
          source: 'ampls.json',
          body: {
            properties: { linkedResourceId: p.resource('Microsoft.Insights/dataCollectionEndpoints')['id'] },
          },
        });
      }),
    },
    {
      title: 'the configuration endpoint is allowed by a wildcard firewall rule',
      input: baseline((p) => {
        associateConfigurationEndpoint(p);
        firewallRule(p, 'azure-monitor')['targetFqdns'] = ['*.handler.control.monitor.azure.com'];
      }),
    },
    {
      // The documented alternative to the names.
      title: 'the AzureMonitor service tag is allowed on TCP 443',
      input: baseline((p) => {
        firewallRule(p, 'api-server')['destinationAddresses'] = ['AzureMonitor'];
        firewallRule(p, 'azure-monitor')['targetFqdns'] = ['*.ods.opinsights.azure.com'];
      }),
    },
    {
      title: 'egress that does not go through the firewall is not limited by its rules',
      input: baseline((p) => {
        firewallRule(p, 'azure-monitor')['targetFqdns'] = ['*.ods.opinsights.azure.com'];
        (p.cluster()['networkProfile'] as Json)['outboundType'] = 'loadBalancer';
      }),
    },
  ],
  fail: [
    {
      title: 'the collection endpoint associated as configurationAccessEndpoint, with no private link',
      input: baseline(associateConfigurationEndpoint),
      message: 'endpointBlocked',
    },
    {
      title: "the region's handler endpoint left out of the firewall rules",
      input: baseline(noRegionalHandler),
      message: 'handlersBlocked',
    },
    {
      title: "the region's handler endpoint left out, the port of a rule to other hosts from an expression",
      input: baseline((p) => {
        noRegionalHandler(p);
        firewallRule(p, 'api-server')['destinationPorts'] = [COMPUTED];
      }),
      message: 'handlersBlocked',
    },
    {
      title: 'a firewall policy with no rule collections',
      input: baseline((p) => ruleCollections(p, [])),
      message: 'handlersBlocked',
    },
  ],
  notApplicable: [
    {
      title: 'a cluster with neither container insights nor managed Prometheus',
      input: template(cluster({})),
    },
    { title: 'no cluster', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) },
  ],
  unknown: [
    {
      title: "the region's handler endpoint from an expression",
      input: baseline((p) => (noRegionalHandler(p)['targetFqdns'] as string[]).push(COMPUTED)),
      message: 'computedRules',
    },
    {
      title: 'a rule collection whose action is an expression',
      input: baseline((p) => {
        noRegionalHandler(p);
        const [group] = p.inventory.azure.filter((r) => r.type === GROUPS);
        ((group?.body['properties'] as Json)['ruleCollections'] as Json[]).push({
          name: 'more',
          action: { type: COMPUTED },
          rules: [],
        });
      }),
      message: 'computedRules',
    },
    {
      title: "the firewall's rule collections computed at deployment",
      input: baseline((p) => ruleCollections(p, "[concat(variables('a'), variables('b'))]")),
      message: 'computedRules',
    },
    {
      title: 'the cluster alone: its firewall rules are not among the inputs',
      input: template(monitored('userDefinedRouting')),
      message: 'notAmongInputs',
    },
    { title: 'the outbound type from a parameter', input: template(monitored(HIDDEN)) },
  ],
});
