/**
 * The hub's egress firewall. Spec "Subnet to host Azure Firewall", "Egress traffic
 * flow": every egress from the cluster goes through it; "Azure Firewall with global
 * firewall policies, defined by your central IT teams". A firewall has exactly one
 * policy, so the hub's policy inherits the organisation's through `basePolicy`.
 */
import type { PlannedSubnet } from '../../ipplan/plan.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression, ArmValue } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { zoneNames } from './common.js';
import type { HubContext } from './context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import type { OtherRules, SpokeEgress } from './spoke-egress.js';
import { FIRST_SPOKE_GROUP_PRIORITY, spokeRules } from './spoke-egress.js';

export interface FirewallNames {
  readonly firewall: string;
  readonly policy: string;
  readonly parentPolicy: string;
  readonly publicIps: readonly string[];
  readonly virtualNetwork: string;
}

export interface FirewallComponent {
  readonly resources: readonly ArmResource[];
  readonly privateIp: ArmExpression;
  /** Its public IPs as /32 ranges: the API server must admit them (nodes reach it through the firewall). */
  readonly egressRanges: ArmExpression;
}

export function firewall(
  ctx: HubContext,
  names: FirewallNames,
  subnet: PlannedSubnet,
  spokes: readonly SpokeEgress[],
  others: readonly OtherRules[] = [],
): FirewallComponent {
  const { hub } = ctx.design;
  const tags = ctx.tags('firewall');
  const id = localId(ctx.at);
  const ips = names.publicIps.map((name) => ({ name, id: id('Microsoft.Network/publicIPAddresses', name) }));
  const ipIds = ips.map((ip) => ip.id);
  const policyId = id('Microsoft.Network/firewallPolicies', names.policy);
  const firewallId = id('Microsoft.Network/azureFirewalls', names.firewall);
  const parentPolicyId: ArmValue =
    hub.firewall.parentPolicyId ?? id('Microsoft.Network/firewallPolicies', names.parentPolicy);
  const premium = hub.firewall.tier === 'Premium';
  const policySettings = {
    sku: { tier: hub.firewall.tier },
    threatIntelMode: hub.firewall.threatIntelMode,
    // FQDN network rules need the firewall to resolve names: it is the spokes' DNS server.
    dnsSettings: { enableProxy: true },
    // IDPS is Premium's alone (Learn "Azure Firewall Premium features": "IDPS"); modes Off, Alert, Deny
    // (azure-rest-api-specs network firewallPolicy.json: FirewallPolicyIntrusionDetection.mode). A child
    // policy's effective mode is the stricter of its own and its parent's, so both carry it.
    intrusionDetection: premium ? { mode: hub.firewall.intrusionDetection } : undefined,
  };
  // Policy analytics (Learn "Azure Firewall policy analytics"): the insights of the policy the firewall
  // uses, read from the firewall's resource-specific logs in the hub workspace (FirewallPolicyInsights in
  // firewallPolicy.json). The parent policy, attached to no firewall, has no traffic of its own.
  const insights = hub.firewall.policyAnalytics
    ? {
        isEnabled: true,
        retentionDays: ctx.design.monitoring.retentionDays,
        logAnalyticsResources: { defaultWorkspaceId: { id: ctx.workspace.id } },
      }
    : undefined;
  const policyDependsOn = [
    ...(hub.firewall.parentPolicyId ? [] : [parentPolicyId]),
    ...(insights && ctx.workspace.deployedHere ? [ctx.workspace.id] : []),
  ];

  const publicIps = names.publicIps.map((name) =>
    armResource('Microsoft.Network/publicIPAddresses', name, {
      location: ctx.location,
      tags,
      comments: 'Zone-redundant egress address; several spread SNAT ports (spec: "port exhaustion").',
      sku: { name: 'Standard', tier: 'Regional' },
      zones: zoneNames(ctx.design.zones),
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    }),
  );
  const parent = hub.firewall.parentPolicyId
    ? []
    : [
        armResource('Microsoft.Network/firewallPolicies', names.parentPolicy, {
          location: ctx.location,
          tags,
          comments: 'Organisation-wide rules of the central IT team; every hub policy inherits them.',
          properties: policySettings,
        }),
      ];
  const policy = armResource('Microsoft.Network/firewallPolicies', names.policy, {
    location: ctx.location,
    tags,
    comments: "The hub firewall's policy: the organisation's rules plus one rule collection group per spoke.",
    dependsOn: policyDependsOn.length > 0 ? policyDependsOn : undefined,
    properties: { ...policySettings, insights, basePolicy: { id: parentPolicyId } },
  });
  const rules = spokeRules(
    ctx,
    { name: names.policy, deployedHere: true, firstPriority: FIRST_SPOKE_GROUP_PRIORITY },
    spokes,
    others,
  );
  const subnetId = id('Microsoft.Network/virtualNetworks/subnets', names.virtualNetwork, subnet.name);
  const azureFirewall = armResource('Microsoft.Network/azureFirewalls', names.firewall, {
    location: ctx.location,
    tags,
    comments: 'All egress of the spokes passes here (spec: "Egress traffic flow").',
    zones: zoneNames(ctx.design.zones),
    dependsOn: [
      policyId,
      id('Microsoft.Network/virtualNetworks', names.virtualNetwork),
      ...ipIds,
      ...rules.groupIds,
    ],
    properties: {
      sku: { name: 'AZFW_VNet', tier: hub.firewall.tier },
      firewallPolicy: { id: policyId },
      // The first configuration places the firewall in its subnet; the others add addresses.
      ipConfigurations: ips.map((ip, i) => ({
        name: ip.name,
        properties: { publicIPAddress: { id: ip.id }, subnet: i === 0 ? { id: subnetId } : undefined },
      })),
    },
  });
  const planned = ctx.design.ipPlan.firewallPrivateIp;
  const privateIp = expression(
    `reference(${firewallId.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.Network/azureFirewalls'])}).ipConfigurations[0].properties.privateIPAddress`,
    planned,
  );
  const version = literal(API_VERSIONS['Microsoft.Network/publicIPAddresses']);
  const egressRanges = expression(
    `createArray(${ips.map((ip) => `format('{0}/32', reference(${ip.id.$arm.slice(1, -1)}, ${version}).ipAddress)`).join(', ')})`,
    ips.map((ip) => `<public IP of ${ip.name}>/32`),
  );
  return {
    egressRanges,
    resources: [
      ...publicIps,
      ...parent,
      policy,
      ...rules.resources,
      azureFirewall,
      diagnosticSetting(
        ctx.at,
        { type: 'Microsoft.Network/azureFirewalls', name: names.firewall, metrics: true },
        ctx.workspace,
        [firewallId],
      ),
      ...ips.map((ip) =>
        diagnosticSetting(
          ctx.at,
          { type: 'Microsoft.Network/publicIPAddresses', name: ip.name, metrics: true },
          ctx.workspace,
          [ip.id],
        ),
      ),
    ],
    privateIp,
  };
}
