/**
 * The network team's stages in deployment order: resource groups → hub → each
 * spoke → the hub-side links. Stages pass the firewall's private IP through an
 * output; everything else they reference by deterministic resource ID.
 */
import type { Design } from '../../design/design.js';
import type { Tags } from '../../design/settings.js';
import type { ArmScope } from '../arm/scope.js';
import { resourceId } from '../arm/scope.js';
import type { Stage, StageParameter } from '../arm/template.js';
import { spokeScope, tagsFor } from './common.js';
import type { StageContext } from './context.js';
import type { SpokeEgress } from './spoke-egress.js';
import { hubStage } from './hub.js';
import type { HubLinks } from './hub-links.js';
import { hubLinksStage } from './hub-links.js';
import { resourceGroupStages } from './resource-groups.js';
import { ruleCollections } from './rule-collections.js';
import { spokeRules } from './spoke-egress.js';
import { gatewayTransitStage, spokeStage, spokeStageName } from './spoke.js';

/** What the workload team's stages need to know of the network. */
export interface NetworkLayout {
  readonly stages: readonly Stage[];
  /** Where the Private Link DNS zones are. */
  readonly dnsZonesAt: ArmScope;
  /** The stage that creates the zones, if Baseplate's stages do. */
  readonly dnsZonesStage?: string;
  /** The stage that opens the firewall to the spokes' egress: the hub's, or the network team's rules. */
  readonly egressStage?: string;
  /** The stage that creates the resource groups of this subscription. */
  readonly resourceGroupStage: (subscriptionId: string | undefined) => string;
  /** The firewall's public IPs as /32 ranges, as a parameter for the stages that need them. */
  readonly firewallEgressRanges: StageParameter;
}

export function networkStages(design: Design): NetworkLayout {
  const location = design.region.name;
  const hubNames = design.hub.names;
  const { topology } = design;
  const { hubAt, rulesAt, firewallPolicy: policy } = topology;
  const handedOff = design.hub.existing;
  const context = (at: ArmScope, tags: Tags): Omit<StageContext, 'workspace'> => ({
    design,
    at,
    location,
    tags: (component) => tagsFor(tags, component),
  });
  /** The hub network as a template at `from` names it. */
  const hubVirtualNetworkId = (from: ArmScope) =>
    topology.hubVirtualNetworkId ??
    resourceId(from, hubAt, 'Microsoft.Network/virtualNetworks', design.hub.virtualNetworkName);
  const groupStages = resourceGroupStages(
    [
      ...(hubNames
        ? [
            {
              name: hubNames.resourceGroup,
              subscriptionId: hubAt.subscriptionId,
              tags: tagsFor(design.hub.tags, 'hub'),
            },
          ]
        : []),
      ...design.spokes.map((spoke) => ({
        name: spoke.names.resourceGroup,
        subscriptionId: spoke.subscriptionId,
        tags: tagsFor(spoke.tags, `spoke-${spoke.name}`),
      })),
    ],
    location,
    design.key,
  );
  const groupStageOf = (subscriptionId: string | undefined) =>
    groupStages.find((stage) => stage.scope.subscriptionId === subscriptionId)?.name ??
    groupStages[0]?.name ??
    '';
  const egress: SpokeEgress[] = design.spokes.map((spoke) => {
    const ipGroupId = resourceId(rulesAt, rulesAt, 'Microsoft.Network/ipGroups', spoke.names.ipGroup);
    return {
      ipGroup: spoke.names.ipGroup,
      addresses: spoke.egress.addresses,
      ruleCollectionGroup: spoke.names.ruleCollectionGroup,
      ruleCollections: ruleCollections(spoke.egress.rules, ipGroupId),
    };
  });
  const dnsZones = topology.dnsZones.names;
  /** Network diagnostics go to the hub's workspace, or the landing zone's when it names one. */
  const hubWorkspaceId = (from: ArmScope) =>
    topology.logAnalyticsWorkspaceId ??
    (hubNames &&
      resourceId(from, hubAt, 'Microsoft.OperationalInsights/workspaces', hubNames.logAnalyticsWorkspace));

  const hub =
    hubNames &&
    hubStage(
      {
        ...context(hubAt, design.hub.tags),
        workspace: {
          id: resourceId(
            hubAt,
            hubAt,
            'Microsoft.OperationalInsights/workspaces',
            hubNames.logAnalyticsWorkspace,
          ),
          deployedHere: true,
        },
      },
      { names: hubNames, network: design.hub.network, spokes: egress, dnsZones },
      [groupStageOf(hubAt.subscriptionId)],
    );
  const firewallPrivateIp: StageParameter = {
    type: 'string',
    description: "The hub firewall's private IP: the spoke's next hop to the internet and its DNS server.",
    value: design.ipPlan.firewallPrivateIp,
    from: hub ? { stage: hub.name, output: 'firewallPrivateIp' } : undefined,
  };
  const spokes = design.spokes.map((spoke) => {
    const at = spokeScope(spoke);
    const workspaceId = hubWorkspaceId(at);
    return spokeStage(
      {
        ...context(at, spoke.tags),
        workspace: workspaceId ? { id: workspaceId, deployedHere: false } : undefined,
      },
      {
        name: spoke.name,
        environment: spoke.environment,
        virtualNetwork: spoke.names.virtualNetwork,
        routeTable: spoke.names.routeTable,
        network: spoke.network,
        hubVirtualNetwork: design.hub.virtualNetworkName,
        hubVirtualNetworkId: hubVirtualNetworkId(at),
        firewallPrivateIp,
        gatewayTransit: topology.gatewayTransit,
        buildAgentPrefixes: design.ipPlan.buildAgentPrefixes,
      },
      [groupStageOf(spoke.subscriptionId), ...(hub ? [hub.name] : [])],
    );
  });
  const afterSpokes = [
    ...(hub ? [hub.name] : []),
    ...design.spokes.map((spoke) => spokeStageName(spoke.name)),
  ];
  /** The hub-side links at `at`: peerings with the hub network (`peer`), and the spokes' DNS zone links. */
  const linkStage = (name: string, at: ArmScope, peer: boolean, dns: HubLinks['dns']) =>
    hubLinksStage({
      name,
      at,
      hub: peer
        ? { virtualNetwork: design.hub.virtualNetworkName, virtualNetworkId: hubVirtualNetworkId(at) }
        : undefined,
      gatewayTransit: peer && topology.gatewayTransit,
      dns,
      spokes: design.spokes.map((spoke) => ({
        virtualNetwork: spoke.names.virtualNetwork,
        virtualNetworkId: resourceId(
          at,
          spokeScope(spoke),
          'Microsoft.Network/virtualNetworks',
          spoke.names.virtualNetwork,
        ),
      })),
      tags: tagsFor(design.hub.tags, 'dns'),
      dependsOn: afterSpokes,
      handoff: handedOff,
    });
  /** A landing zone may keep its Private Link zones elsewhere, already linked to its hub. */
  const zonesElsewhere = topology.dnsZones.createdBy === 'elsewhere';
  const links: Stage[] = zonesElsewhere
    ? [
        linkStage('network-team-hub-peerings', hubAt, true, undefined),
        linkStage('network-team-dns-links', topology.dnsZones.at, false, { zones: dnsZones, create: false }),
      ]
    : [
        linkStage(handedOff ? 'network-team-hub-links' : 'hub-links', hubAt, true, {
          zones: dnsZones,
          create: topology.dnsZones.createdBy === 'handed-off',
        }),
      ];
  const transit = topology.gatewayTransit
    ? design.spokes.map((spoke) =>
        gatewayTransitStage(
          spokeScope(spoke),
          {
            name: spoke.name,
            virtualNetwork: spoke.names.virtualNetwork,
            hubVirtualNetwork: design.hub.virtualNetworkName,
            hubVirtualNetworkId: hubVirtualNetworkId(spokeScope(spoke)),
          },
          links.map((stage) => stage.name),
        ),
      )
    : [];
  const rules = policy ? [handedOffRules(design, policy, egress)] : [];
  return {
    stages: [...groupStages, ...(hub ? [hub] : []), ...rules, ...spokes, ...links, ...transit],
    dnsZonesAt: topology.dnsZones.at,
    egressStage: hub?.name ?? rules[0]?.name,
    firewallEgressRanges: {
      type: 'array',
      description:
        "The hub firewall's public IPs as /32 ranges: with egress through it, nodes reach a public API server from these.",
      value: topology.firewallPublicIps
        ? topology.firewallPublicIps.map((ip) => `${ip}/32`)
        : (hubNames?.firewallPublicIps ?? []).map((name) => `<public IP of ${name}>/32`),
      from: hub ? { stage: hub.name, output: 'firewallEgressRanges' } : undefined,
    },
    dnsZonesStage: { hub: hub?.name, 'handed-off': links[0]?.name, elsewhere: undefined }[
      topology.dnsZones.createdBy
    ],
    resourceGroupStage: groupStageOf,
  };
}

/**
 * For a hub owned by a central team: the spokes' IP groups and rule collection
 * groups on the team's firewall policy, in the policy's resource group.
 */
function handedOffRules(
  design: Design,
  policy: NonNullable<Design['topology']['firewallPolicy']>,
  egress: readonly SpokeEgress[],
): Stage {
  const at = design.topology.rulesAt;
  const ctx: StageContext = {
    design,
    at,
    location: design.region.name,
    tags: (component) => tagsFor(design.hub.tags, component),
  };
  return {
    name: 'network-team-firewall-rules',
    description: "The spokes' IP groups and egress rules, on the hub owner's firewall policy.",
    owner: 'network team',
    roles: [
      {
        role: 'Network Contributor',
        scope: `resource group ${at.resourceGroup}`,
        why: 'IP groups and rule collection groups on the firewall policy.',
      },
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: spokeRules(
      ctx,
      { name: policy.name, deployedHere: false, firstPriority: policy.firstPriority },
      egress,
    ).resources,
    outputs: {},
    dependsOn: [],
    handoff: true,
  };
}
