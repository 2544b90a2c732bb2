/**
 * The network team's stages in deployment order: resource groups → hub → each
 * spoke → the hub-side links. Stages pass the firewall's private IP through an
 * output; everything else they reference by deterministic resource ID.
 */
import type { Config } from '../../config/schema/index.js';
import type { Design, SpokeDesign } from '../../design/design.js';
import { designKey } from '../../design/names.js';
import type { ArmScope } from '../arm/scope.js';
import { parseResourceGroupId, parseResourceId, resourceId } from '../arm/scope.js';
import type { Stage, StageParameter } from '../arm/template.js';
import { spokeScope, subnetsOf, tagsFor } from './common.js';
import type { StageContext } from './context.js';
import { egressRules, ruleCollections } from './egress-rules.js';
import type { SpokeEgress } from './spoke-egress.js';
import { hubStage } from './hub.js';
import type { HubLinks } from './hub-links.js';
import { hubLinksStage } from './hub-links.js';
import { privateDnsZoneNames } from './private-dns.js';
import { resourceGroupStages } from './resource-groups.js';
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

export function networkStages(config: Config, design: Design): NetworkLayout {
  const location = config.location;
  const hubNames = design.hub.names;
  const existing = config.hub.existing;
  const hubAt: ArmScope = existing
    ? parseResourceId(existing.virtualNetworkId)
    : { subscriptionId: design.hub.subscriptionId, resourceGroup: hubNames?.resourceGroup ?? '' };
  /** Where the firewall policy, its IP groups and rule collection groups live. */
  const policy = existing ? parseResourceId(existing.firewallPolicyId) : undefined;
  const rulesAt: ArmScope = policy ?? hubAt;
  const context = (at: ArmScope, environment: string): Omit<StageContext, 'workspace'> => ({
    config,
    design,
    at,
    location,
    tags: (component) => tagsFor(config, environment, component),
  });
  const hubEnvironment = config.naming.environment;
  /** The hub network as a template at `from` names it. */
  const hubVirtualNetworkId = (from: ArmScope) =>
    existing?.virtualNetworkId ??
    resourceId(from, hubAt, 'Microsoft.Network/virtualNetworks', design.hub.virtualNetworkName);
  const groupStages = resourceGroupStages(
    [
      ...(hubNames
        ? [
            {
              name: hubNames.resourceGroup,
              subscriptionId: hubAt.subscriptionId,
              tags: tagsFor(config, hubEnvironment, 'hub'),
            },
          ]
        : []),
      ...design.spokes.map((spoke) => ({
        name: spoke.names.resourceGroup,
        subscriptionId: spoke.subscriptionId,
        tags: tagsFor(config, spoke.environment, `spoke-${spoke.name}`),
      })),
    ],
    location,
    designKey(config, design.region),
  );
  const groupStageOf = (subscriptionId: string | undefined) =>
    groupStages.find((stage) => stage.scope.subscriptionId === subscriptionId)?.name ??
    groupStages[0]?.name ??
    '';
  const networkOf = (spoke: SpokeDesign) => {
    const network = design.ipPlan.networks.find((n) => n.role === 'spoke' && n.spoke === spoke.name);
    if (!network) throw new Error(`the IP plan has every spoke, not ${spoke.name}`);
    return network;
  };
  const hubNetwork = design.ipPlan.networks.find((n) => n.role === 'hub');
  if (!hubNetwork) throw new Error('the IP plan always has the hub');

  const egress: SpokeEgress[] = design.spokes.map((spoke) => {
    const network = networkOf(spoke);
    const ipGroupId = resourceId(rulesAt, rulesAt, 'Microsoft.Network/ipGroups', spoke.names.ipGroup);
    const rules = egressRules({
      region: location,
      publicApiServer: !spoke.privateCluster,
      ubuntuNodes: spoke.pools.some((pool) => pool.osSku === 'Ubuntu'),
      defender: config.defender.enabled,
      gitRepositoryUrl: config.gitops.repositoryUrl,
    });
    return {
      ipGroup: spoke.names.ipGroup,
      addresses: [...subnetsOf(network, 'nodes'), ...subnetsOf(network, 'apiServer')].map((s) => s.prefix),
      ruleCollectionGroup: spoke.names.ruleCollectionGroup,
      ruleCollections: ruleCollections(rules, ipGroupId),
    };
  });
  const dnsZones = privateDnsZoneNames(
    location,
    design.spokes.some((spoke) => spoke.privateCluster),
  );
  /** Network diagnostics go to the hub's workspace, or the landing zone's when it names one. */
  const hubWorkspaceId = (from: ArmScope) =>
    existing?.logAnalyticsWorkspaceId ??
    (hubNames &&
      resourceId(from, hubAt, 'Microsoft.OperationalInsights/workspaces', hubNames.logAnalyticsWorkspace));

  const hub =
    hubNames &&
    hubStage(
      {
        ...context(hubAt, hubEnvironment),
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
      { names: hubNames, network: hubNetwork, spokes: egress, dnsZones },
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
        ...context(at, spoke.environment),
        workspace: workspaceId ? { id: workspaceId, deployedHere: false } : undefined,
      },
      {
        name: spoke.name,
        environment: spoke.environment,
        virtualNetwork: spoke.names.virtualNetwork,
        routeTable: spoke.names.routeTable,
        network: networkOf(spoke),
        hubVirtualNetwork: design.hub.virtualNetworkName,
        hubVirtualNetworkId: hubVirtualNetworkId(at),
        firewallPrivateIp,
        gatewayTransit: config.hub.gatewayTransit,
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
      gatewayTransit: peer && config.hub.gatewayTransit,
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
      tags: tagsFor(config, hubEnvironment, 'dns'),
      dependsOn: afterSpokes,
      handoff: existing !== undefined,
    });
  /** A landing zone may keep its Private Link zones elsewhere, already linked to its hub. */
  const zonesAt = existing?.privateDnsZonesResourceGroupId
    ? parseResourceGroupId(existing.privateDnsZonesResourceGroupId)
    : undefined;
  const links: Stage[] = zonesAt
    ? [
        linkStage('network-team-hub-peerings', hubAt, true, undefined),
        linkStage('network-team-dns-links', zonesAt, false, { zones: dnsZones, create: false }),
      ]
    : [
        linkStage(existing ? 'network-team-hub-links' : 'hub-links', hubAt, true, {
          zones: dnsZones,
          create: existing !== undefined,
        }),
      ];
  const transit = config.hub.gatewayTransit
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
  const rules =
    existing && policy
      ? [handedOffRules(config, design, policy, existing.ruleCollectionGroupPriority, egress, hubEnvironment)]
      : [];
  return {
    stages: [...groupStages, ...(hub ? [hub] : []), ...rules, ...spokes, ...links, ...transit],
    dnsZonesAt: zonesAt ?? hubAt,
    egressStage: hub?.name ?? rules[0]?.name,
    firewallEgressRanges: {
      type: 'array',
      description:
        "The hub firewall's public IPs as /32 ranges: with egress through it, nodes reach a public API server from these.",
      value: existing
        ? existing.firewallPublicIps.map((ip) => `${ip}/32`)
        : (hubNames?.firewallPublicIps ?? []).map((name) => `<public IP of ${name}>/32`),
      from: hub ? { stage: hub.name, output: 'firewallEgressRanges' } : undefined,
    },
    dnsZonesStage: zonesAt ? undefined : existing ? links[0]?.name : hub?.name,
    resourceGroupStage: groupStageOf,
  };
}

/**
 * For a hub owned by a central team: the spokes' IP groups and rule collection
 * groups on the team's firewall policy, in the policy's resource group.
 */
function handedOffRules(
  config: Config,
  design: Design,
  policy: ArmScope & { readonly name: string },
  priority: number,
  egress: readonly SpokeEgress[],
  environment: string,
): Stage {
  const at: ArmScope = { subscriptionId: policy.subscriptionId, resourceGroup: policy.resourceGroup };
  const ctx: StageContext = {
    config,
    design,
    at,
    location: config.location,
    tags: (component) => tagsFor(config, environment, component),
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
    resources: spokeRules(ctx, { name: policy.name, deployedHere: false, firstPriority: priority }, egress)
      .resources,
    outputs: {},
    dependsOn: [],
    handoff: true,
  };
}
