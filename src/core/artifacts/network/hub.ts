/**
 * The hub stage (network team). Spec "Hub virtual network": "the central point of
 * connectivity and observability": Azure Firewall with its policies, Azure Bastion,
 * a gateway subnet, Azure Monitor; plus the shared Private Link DNS zones.
 */
import type { PlannedNetwork } from '../../ipplan/plan.js';
import type { HubNames } from '../../design/names.js';
import type { ArmResource, Stage } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { localId } from '../arm/scope.js';
import { bastion, bastionSecurityGroup } from './bastion.js';
import { PRIVATE_SUBNET } from './common.js';
import { buildAgentRuleCollections, buildAgentsNetworking } from './build-agents.js';
import { subnetOf } from '../../ipplan/plan.js';
import type { HubContext } from './context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import { logAnalyticsWorkspace } from '../monitoring/log-analytics.js';
import type { SpokeEgress } from './spoke-egress.js';
import { firewall } from './firewall.js';
import { FIRST_SPOKE_GROUP_PRIORITY } from './spoke-egress.js';
import { privateDnsZone, zoneLink } from './private-dns.js';

export interface HubInputs {
  readonly names: HubNames;
  readonly network: PlannedNetwork;
  readonly spokes: readonly SpokeEgress[];
  readonly dnsZones: readonly string[];
}

export function hubStage(ctx: HubContext, hub: HubInputs, dependsOn: readonly string[]): Stage {
  const { names, network } = hub;
  const id = localId(ctx.at);
  const vnetId = id('Microsoft.Network/virtualNetworks', names.virtualNetwork);
  const bastionSubnet = subnetOf(network, 'bastion');
  const firewallSubnet = subnetOf(network, 'firewall');
  if (!firewallSubnet) throw new Error('the IP plan of a deployed hub always has AzureFirewallSubnet');
  const bastionNames = {
    bastion: names.bastion,
    publicIp: names.bastionPublicIp,
    nsg: names.bastionSecurityGroup,
    virtualNetwork: names.virtualNetwork,
  };
  const bastionNsgId = id('Microsoft.Network/networkSecurityGroups', bastionNames.nsg);
  const agentsSubnet = subnetOf(network, 'buildAgents');
  const agents = agentsSubnet && {
    securityGroup: names.buildAgents.securityGroup,
    routeTable: names.buildAgents.routeTable,
    prefix: agentsSubnet.prefix,
    firewallPrivateIp: ctx.design.ipPlan.firewallPrivateIp,
    bastionPrefix: bastionSubnet?.prefix,
  };
  const agentsNsgId = id('Microsoft.Network/networkSecurityGroups', names.buildAgents.securityGroup);
  const agentsRouteId = id('Microsoft.Network/routeTables', names.buildAgents.routeTable);

  const workspace = logAnalyticsWorkspace(ctx.at, {
    name: names.logAnalyticsWorkspace,
    location: ctx.location,
    tags: ctx.tags('monitoring'),
    retentionInDays: ctx.design.monitoring.retentionDays,
    comments:
      'Network observability of the hub and spokes (spec: "Azure Monitor for network observability").',
    replicationLocation: ctx.design.monitoring.workspaceReplicationLocation,
  });
  const virtualNetwork = armResource('Microsoft.Network/virtualNetworks', names.virtualNetwork, {
    location: ctx.location,
    tags: ctx.tags('network'),
    comments:
      'The hub: firewall, gateway placeholder, Bastion and build agents subnets (spec: "Hub virtual network").',
    dependsOn: [...(bastionSubnet ? [bastionNsgId] : []), ...(agents ? [agentsNsgId, agentsRouteId] : [])],
    properties: {
      addressSpace: { addressPrefixes: [network.addressSpace] },
      subnets: network.subnets
        .filter((subnet) => subnet.inUse)
        .map((subnet) => ({
          name: subnet.name,
          properties: {
            addressPrefix: subnet.prefix,
            defaultOutboundAccess: PRIVATE_SUBNET,
            networkSecurityGroup:
              subnet.role === 'bastion'
                ? { id: bastionNsgId }
                : subnet.role === 'buildAgents'
                  ? { id: agentsNsgId }
                  : undefined,
            routeTable: subnet.role === 'buildAgents' ? { id: agentsRouteId } : undefined,
          },
        })),
    },
  });
  const fw = firewall(
    ctx,
    {
      firewall: names.firewall,
      policy: names.firewallPolicy,
      parentPolicy: names.parentFirewallPolicy,
      publicIps: names.firewallPublicIps,
      virtualNetwork: names.virtualNetwork,
    },
    firewallSubnet,
    hub.spokes,
    agents
      ? [
          {
            name: names.buildAgents.ruleCollectionGroup,
            // Before the spokes' groups, and never moved by adding one.
            priority: FIRST_SPOKE_GROUP_PRIORITY - 100,
            comments: 'What the build agents need to run the delivery jobs, and no more.',
            ruleCollections: buildAgentRuleCollections([agents.prefix]),
          },
        ]
      : [],
  );
  const resources: ArmResource[] = [
    ...workspace,
    ...(bastionSubnet ? [bastionSecurityGroup(ctx, bastionNames)] : []),
    ...(agents ? buildAgentsNetworking(agents, ctx.location, ctx.tags('build-agents')) : []),
    virtualNetwork,
    diagnosticSetting(
      ctx.at,
      { type: 'Microsoft.Network/virtualNetworks', name: names.virtualNetwork, metrics: true },
      ctx.workspace,
      [vnetId],
    ),
    ...(bastionSubnet
      ? [
          diagnosticSetting(
            ctx.at,
            { type: 'Microsoft.Network/networkSecurityGroups', name: bastionNames.nsg, metrics: false },
            ctx.workspace,
            [bastionNsgId],
          ),
          ...bastion(ctx, bastionNames, bastionSubnet),
        ]
      : []),
    ...(agents
      ? [
          diagnosticSetting(
            ctx.at,
            { type: 'Microsoft.Network/networkSecurityGroups', name: agents.securityGroup, metrics: false },
            ctx.workspace,
            [agentsNsgId],
          ),
        ]
      : []),
    ...fw.resources,
    ...hub.dnsZones.flatMap((zone) => [
      privateDnsZone(zone, ctx.tags('dns')),
      zoneLink(zone, names.virtualNetwork, vnetId, ctx.tags('dns'), [
        id('Microsoft.Network/privateDnsZones', zone),
        vnetId,
      ]),
    ]),
  ];
  return {
    name: 'hub',
    description:
      'Hub network: Azure Firewall and its policies, Bastion, the build agents subnet, Log Analytics, Private Link DNS zones.',
    owner: 'network team',
    roles: [
      {
        role: 'Contributor',
        scope: `resource group ${ctx.at.resourceGroup}`,
        why: 'Network, firewall, Bastion, DNS zones, Log Analytics and their diagnostic settings.',
      },
      ...(ctx.design.hub.firewall.parentPolicyId
        ? [
            {
              role: 'Network Contributor',
              scope: ctx.design.hub.firewall.parentPolicyId,
              why: "Inherit the organisation's policy (firewallPolicies/join/action).",
            },
          ]
        : []),
    ],
    scope: { kind: 'resourceGroup', ...ctx.at },
    parameters: {},
    resources,
    outputs: {
      firewallPrivateIp: {
        type: 'string',
        description: "The spokes' next hop and DNS server.",
        value: fw.privateIp,
      },
      firewallEgressRanges: {
        type: 'array',
        description: "The firewall's public IPs as /32 ranges, for API server authorized ranges.",
        value: fw.egressRanges,
      },
    },
    dependsOn,
  };
}
