/**
 * A spoke stage (network team): the network the cluster lives in. Spec "Spoke
 * virtual network", "Egress traffic flow" (user-defined routes to the firewall),
 * "Secure the network flow" (a security group on every subnet).
 */
import type { PlannedNetwork, PlannedSubnet } from '../../ipplan/plan.js';
import type { SubnetRole } from '../../ipplan/needs.js';
import { securityGroupName } from '../../design/names.js';
import type { ArmExpression } from '../arm/expression.js';
import { resolvedText } from '../arm/expression.js';
import { parameter } from '../arm/template.js';
import type { ArmResource, Stage, StageParameter } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import { subnetOf, subnetsOf } from '../../ipplan/plan.js';
import { firewallRouteTable, PRIVATE_SUBNET } from './common.js';
import type { StageContext } from './context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import { peering } from './peering.js';
import type { SecurityRule } from './security-rules.js';
import { denyAllInbound, denySshRdpOutbound, networkSecurityGroup } from './security-rules.js';

export interface SpokeInputs {
  readonly name: string;
  readonly environment: string;
  readonly virtualNetwork: string;
  readonly routeTable: string;
  readonly network: PlannedNetwork;
  readonly hubVirtualNetwork: string;
  readonly hubVirtualNetworkId: ArmExpression | string;
  readonly firewallPrivateIp: StageParameter;
  /**
   * With the hub's gateway in use, the spoke's side of the peering is the gateway
   * transit stage's alone: declared here too, each re-deploy would turn the
   * gateway off and that stage on again.
   */
  readonly gatewayTransit: boolean;
  /** Where the build agents that push images run, in the hub: admitted to the private endpoints. */
  readonly buildAgentPrefixes: readonly string[];
}

/** Subnets whose traffic to the internet must pass the firewall. Never Application Gateway's. */
const ROUTED: readonly SubnetRole[] = ['nodes', 'ingress', 'apiServer'];

export function spokeStageName(spoke: string): string {
  return `spoke-${spoke}`;
}

export function spokeStage(ctx: StageContext, spoke: SpokeInputs, dependsOn: readonly string[]): Stage {
  const { network } = spoke;
  const id = localId(ctx.at);
  const firewallIp = parameter('firewallPrivateIp', String(spoke.firewallPrivateIp.value));
  const subnets = network.subnets.filter((subnet) => subnet.inUse);
  const nsgName = (subnet: PlannedSubnet) => securityGroupName(spoke.virtualNetwork, subnet.name);
  const nsgId = (subnet: PlannedSubnet) => id('Microsoft.Network/networkSecurityGroups', nsgName(subnet));
  const routeTableId = id('Microsoft.Network/routeTables', spoke.routeTable);
  const vnetId = id('Microsoft.Network/virtualNetworks', spoke.virtualNetwork);
  const tags = ctx.tags('network');

  const routeTable = firewallRouteTable(
    spoke.routeTable,
    ctx.location,
    tags,
    'Sends all internet-bound traffic to the hub firewall (spec: "user-defined routes").',
    firewallIp,
  );
  const securityGroups = subnets.map((subnet) =>
    networkSecurityGroup(nsgName(subnet), ctx.location, tags, `Security rules of ${subnet.name}.`, [
      ...rulesFor(subnet, network, spoke.buildAgentPrefixes),
      denySshRdpOutbound(),
    ]),
  );
  const virtualNetwork = armResource('Microsoft.Network/virtualNetworks', spoke.virtualNetwork, {
    location: ctx.location,
    tags,
    comments: 'The cluster spoke. The firewall is its DNS server: FQDN network rules need the DNS proxy.',
    dependsOn: [routeTableId, ...subnets.map(nsgId)],
    properties: {
      addressSpace: { addressPrefixes: [network.addressSpace] },
      dhcpOptions: { dnsServers: [firewallIp] },
      subnets: subnets.map((subnet) => ({
        name: subnet.name,
        properties: {
          addressPrefix: subnet.prefix,
          defaultOutboundAccess: PRIVATE_SUBNET,
          networkSecurityGroup: { id: nsgId(subnet) },
          routeTable: ROUTED.includes(subnet.role) ? { id: routeTableId } : undefined,
          // The security group applies to private endpoints only with their network policies on.
          privateEndpointNetworkPolicies: subnet.role === 'privateEndpoints' ? 'Enabled' : undefined,
          delegations:
            subnet.role === 'apiServer'
              ? [
                  {
                    name: 'aks-api-server',
                    properties: { serviceName: 'Microsoft.ContainerService/managedClusters' },
                  },
                ]
              : undefined,
        },
      })),
    },
  });
  const workspace = ctx.workspace;
  const diagnostics: ArmResource[] = workspace
    ? [
        diagnosticSetting(
          ctx.at,
          { type: 'Microsoft.Network/virtualNetworks', name: spoke.virtualNetwork, metrics: true },
          workspace,
          [vnetId],
        ),
        ...subnets.map((subnet) =>
          diagnosticSetting(
            ctx.at,
            { type: 'Microsoft.Network/networkSecurityGroups', name: nsgName(subnet), metrics: false },
            workspace,
            [nsgId(subnet)],
          ),
        ),
      ]
    : [];
  return {
    name: spokeStageName(spoke.name),
    description: `Spoke ${spoke.name} (${spoke.environment}): its network, security groups, route to the firewall${spoke.gatewayTransit ? '' : ', peering to the hub'}.`,
    owner: 'network team',
    roles: [
      {
        role: 'Network Contributor',
        scope: `resource group ${ctx.at.resourceGroup}`,
        why: 'The spoke network.',
      },
      {
        role: 'Monitoring Contributor',
        scope: `resource group ${ctx.at.resourceGroup}`,
        why: 'Diagnostic settings.',
      },
      ...(spoke.gatewayTransit
        ? []
        : [
            {
              role: 'Network Contributor',
              scope: resolvedText(spoke.hubVirtualNetworkId),
              why: 'Peer the spoke with the hub (virtualNetworks/peer/action on the remote network).',
            },
          ]),
      ...(ctx.workspace
        ? [
            {
              role: 'Log Analytics Contributor',
              scope: resolvedText(ctx.workspace.id),
              why: 'Send the network diagnostics to the workspace.',
            },
          ]
        : []),
    ],
    scope: { kind: 'resourceGroup', ...ctx.at },
    parameters: { firewallPrivateIp: spoke.firewallPrivateIp },
    resources: [
      routeTable,
      ...securityGroups,
      virtualNetwork,
      ...(spoke.gatewayTransit
        ? []
        : [
            peering(
              spoke.virtualNetwork,
              spoke.hubVirtualNetwork,
              spoke.hubVirtualNetworkId,
              { allowGatewayTransit: false, useRemoteGateways: false },
              'Spoke side of the hub-spoke peering.',
              [vnetId],
            ),
          ]),
      ...diagnostics,
    ],
    outputs: {},
    dependsOn,
  };
}

function prefixes(network: PlannedNetwork, role: SubnetRole): string[] {
  return subnetsOf(network, role).map((subnet) => subnet.prefix);
}

/** The flows of the spec, subnet by subnet; what a rule does not name, the defaults or DenyAllInbound decide. */
function rulesFor(
  subnet: PlannedSubnet,
  network: PlannedNetwork,
  buildAgents: readonly string[],
): SecurityRule[] {
  const appGateway = subnetOf(network, 'applicationGateway')?.prefix ?? 'VirtualNetwork';
  const nodes = prefixes(network, 'nodes');
  const allow = (
    name: string,
    description: string,
    source: string | readonly string[],
    ports: string | readonly string[],
    priority: number,
    protocol: SecurityRule['protocol'] = 'Tcp',
  ): SecurityRule => ({
    name,
    description,
    direction: 'Inbound',
    access: 'Allow',
    protocol,
    source,
    destination: subnet.prefix,
    ports,
    priority,
  });
  switch (subnet.role) {
    case 'applicationGateway':
      // Application Gateway v2 needs GatewayManager on 65200-65535 and the load balancer's probes.
      return [
        allow(
          'AllowHttpsFromInternet',
          'Clients reach the workload only over HTTPS, through the WAF.',
          'Internet',
          '443',
          100,
        ),
        {
          ...allow(
            'AllowGatewayManager',
            'Application Gateway v2 control plane (required).',
            'GatewayManager',
            '65200-65535',
            110,
          ),
          destination: '*',
        },
        {
          ...allow(
            'AllowAzureLoadBalancer',
            'Azure Load Balancer health probes (required).',
            'AzureLoadBalancer',
            '*',
            120,
            '*',
          ),
          destination: '*',
        },
        denyAllInbound(),
      ];
    case 'ingress':
      return [
        allow(
          'AllowHttpsFromApplicationGateway',
          'Only Application Gateway reaches the ingress controller, over TLS.',
          appGateway,
          '443',
          100,
        ),
        allow(
          'AllowAzureLoadBalancer',
          'Health probes of the internal load balancer.',
          'AzureLoadBalancer',
          '*',
          110,
          '*',
        ),
        denyAllInbound(),
      ];
    case 'nodes': {
      // AKS load balancers use floating IP: traffic for the ingress controller reaches the node
      // NICs still addressed to the load balancer's frontend, so these rules are what enforce
      // "Traefik only receives traffic from Application Gateway".
      const frontend = subnetOf(network, 'ingress')?.prefix ?? 'VirtualNetwork';
      return [
        {
          ...allow(
            'AllowHttpsFromApplicationGatewayToIngress',
            'Application Gateway reaches the ingress controller over TLS.',
            appGateway,
            '443',
            100,
          ),
          destination: frontend,
        },
        {
          ...allow(
            'DenyOthersToIngress',
            'Nothing else reaches the ingress controller (spec: "Traefik only receives traffic from Application Gateway").',
            '*',
            '*',
            4000,
            '*',
          ),
          access: 'Deny',
          destination: frontend,
        },
      ];
    }
    case 'privateEndpoints':
      return [
        allow(
          'AllowHttpsFromNodes',
          'Nodes pull images and read secrets over Private Link.',
          nodes,
          '443',
          100,
        ),
        allow(
          'AllowHttpsFromApplicationGateway',
          'Application Gateway reads its certificate from Key Vault.',
          appGateway,
          '443',
          110,
        ),
        ...(buildAgents.length > 0
          ? [
              allow(
                'AllowHttpsFromBuildAgents',
                "The hub's build agents push images to the registry over Private Link.",
                buildAgents,
                '443',
                120,
              ),
            ]
          : []),
        denyAllInbound(),
      ];
    case 'apiServer':
      return [
        allow(
          'AllowNodesToApiServer',
          'Nodes reach the VNet-integrated API server.',
          nodes,
          ['443', '4443'],
          100,
        ),
      ];
    default:
      return [];
  }
}

/**
 * With a gateway in the hub: the spoke's side of the peering, using the gateway
 * from the start. Only this stage declares it, after the hub side offers gateway
 * transit (Azure refuses `useRemoteGateways` before that), so no stage ever sets
 * it back and a re-deploy never drops on-premises routing. The gateway itself is
 * the network team's (spec: "a placeholder for a VPN gateway or an Azure
 * ExpressRoute gateway").
 */
export function gatewayTransitStage(
  at: ArmScope,
  spoke: Pick<SpokeInputs, 'name' | 'virtualNetwork' | 'hubVirtualNetwork' | 'hubVirtualNetworkId'>,
  dependsOn: readonly string[],
): Stage {
  return {
    name: `${spokeStageName(spoke.name)}-gateway-transit`,
    description: `Spoke ${spoke.name}'s side of the hub peering, routing on-premises traffic through the hub's gateway, which must exist in GatewaySubnet by now.`,
    owner: 'network team',
    roles: [
      {
        role: 'Network Contributor',
        scope: `resource group ${at.resourceGroup}`,
        why: 'The peering.',
      },
      {
        role: 'Network Contributor',
        scope: resolvedText(spoke.hubVirtualNetworkId),
        why: 'virtualNetworks/peer/action on the hub network.',
      },
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: [
      peering(
        spoke.virtualNetwork,
        spoke.hubVirtualNetwork,
        spoke.hubVirtualNetworkId,
        { allowGatewayTransit: false, useRemoteGateways: true },
        "Spoke side of the hub-spoke peering, using the hub's gateway.",
      ),
    ],
    outputs: {},
    dependsOn,
  };
}
