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
import { subnetOf } from './common.js';
import type { HubContext } from './context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import { logAnalyticsWorkspace } from '../monitoring/log-analytics.js';
import type { SpokeEgress } from './spoke-egress.js';
import { firewall } from './firewall.js';
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

  const workspace = logAnalyticsWorkspace(
    names.logAnalyticsWorkspace,
    ctx.location,
    ctx.tags('monitoring'),
    ctx.config.monitoring.retentionDays,
    'Network observability of the hub and spokes (spec: "Azure Monitor for network observability").',
  );
  const virtualNetwork = armResource('Microsoft.Network/virtualNetworks', names.virtualNetwork, {
    location: ctx.location,
    tags: ctx.tags('network'),
    comments: 'The hub: firewall, gateway placeholder and Bastion subnets (spec: "Hub virtual network").',
    dependsOn: bastionSubnet ? [bastionNsgId] : [],
    properties: {
      addressSpace: { addressPrefixes: [network.addressSpace] },
      subnets: network.subnets
        .filter((subnet) => subnet.inUse)
        .map((subnet) => ({
          name: subnet.name,
          properties: {
            addressPrefix: subnet.prefix,
            networkSecurityGroup: subnet.role === 'bastion' ? { id: bastionNsgId } : undefined,
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
  );
  const resources: ArmResource[] = [
    workspace,
    ...(bastionSubnet ? [bastionSecurityGroup(ctx, bastionNames)] : []),
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
      'Hub network: Azure Firewall and its policies, Bastion, Log Analytics, Private Link DNS zones.',
    owner: 'network team',
    roles: [
      {
        role: 'Contributor',
        scope: `resource group ${ctx.at.resourceGroup}`,
        why: 'Network, firewall, Bastion, DNS zones, Log Analytics and their diagnostic settings.',
      },
      ...(ctx.config.hub.firewall.parentPolicyId
        ? [
            {
              role: 'Network Contributor',
              scope: ctx.config.hub.firewall.parentPolicyId,
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
