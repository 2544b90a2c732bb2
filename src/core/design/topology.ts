/**
 * Where the shared network pieces live: the hub network, the firewall policy
 * that takes the spokes' rule collection groups, and the Private Link DNS
 * zones. Baseplate's own hub holds all three; a landing zone's hub (spec
 * "Hub virtual network": a hub owned by a central team) names where its are.
 */
import type { Config } from '../config/schema/index.js';

/** A resource group, in a subscription (undefined: the one the deployment runs in). */
export interface Placement {
  readonly subscriptionId?: string;
  readonly resourceGroup: string;
}

export interface Topology {
  /** The hub network's resource group. */
  readonly hubAt: Placement;
  /** The hub network's full resource ID, when the hub exists already. */
  readonly hubVirtualNetworkId?: string;
  /** An existing hub's firewall policy, where the spokes' rule collection groups are handed to its owner. */
  readonly firewallPolicy?: Placement & {
    readonly name: string;
    /** Priority of the first spoke's rule collection group on it. */
    readonly firstPriority: number;
  };
  /** Where the spokes' IP groups and rule collection groups live: beside the firewall policy. */
  readonly rulesAt: Placement;
  /** The Private Link DNS zones, and what creates them. */
  readonly dnsZones: {
    readonly names: readonly string[];
    /** The zone a private cluster's API server registers in (among `names` when a spoke has one). */
    readonly apiServer: string;
    readonly at: Placement;
    /**
     * hub: the hub stage creates them; handed-off: the network team's link stage does, in an
     * existing hub; elsewhere: a landing zone keeps them, already there, in a resource group of its own.
     */
    readonly createdBy: 'hub' | 'handed-off' | 'elsewhere';
  };
  /** Workspace of the network diagnostics when the landing zone names one; the hub's otherwise. */
  readonly logAnalyticsWorkspaceId?: string;
  /** The existing hub firewall's public IPs; with Baseplate's hub, they are known at deployment. */
  readonly firewallPublicIps?: readonly string[];
  /** Spokes use the hub's VPN or ExpressRoute gateway. */
  readonly gatewayTransit: boolean;
}

/** The scope and name of a full resource ID (the schema admits only full IDs). */
export function parseResourceId(id: string): Placement & { readonly name: string } {
  const parts = id.split('/');
  return { subscriptionId: parts[2], resourceGroup: parts[4] ?? '', name: parts.at(-1) ?? '' };
}

/** The resource group a resource group ID names, or that of a resource ID. */
export function parseResourceGroupId(id: string): Placement {
  const parts = id.split('/');
  return { subscriptionId: parts[2], resourceGroup: parts[4] ?? '' };
}

/** Spec "Spoke virtual network": Private Link for the registry and the vault, and a private API server's zone. */
function privateDnsZoneNames(apiServer: string, privateCluster: boolean): string[] {
  return [
    'privatelink.azurecr.io',
    'privatelink.vaultcore.azure.net',
    ...(privateCluster ? [apiServer] : []),
  ];
}

export function topology(
  config: Config,
  hubResourceGroup: string | undefined,
  subscriptionId: string | undefined,
  privateCluster: boolean,
): Topology {
  const existing = config.hub.existing;
  const hubAt: Placement = existing
    ? parseResourceGroupId(existing.virtualNetworkId)
    : { subscriptionId, resourceGroup: hubResourceGroup ?? '' };
  const policy = existing && parseResourceId(existing.firewallPolicyId);
  const zonesElsewhere = existing?.privateDnsZonesResourceGroupId;
  const apiServer = `privatelink.${config.location}.azmk8s.io`;
  return {
    hubAt,
    hubVirtualNetworkId: existing?.virtualNetworkId,
    firewallPolicy: policy && { ...policy, firstPriority: existing.ruleCollectionGroupPriority },
    rulesAt: policy ? { subscriptionId: policy.subscriptionId, resourceGroup: policy.resourceGroup } : hubAt,
    dnsZones: {
      names: privateDnsZoneNames(apiServer, privateCluster),
      apiServer,
      at: zonesElsewhere ? parseResourceGroupId(zonesElsewhere) : hubAt,
      createdBy: zonesElsewhere ? 'elsewhere' : existing ? 'handed-off' : 'hub',
    },
    logAnalyticsWorkspaceId: existing?.logAnalyticsWorkspaceId,
    firewallPublicIps: existing?.firewallPublicIps,
    gatewayTransit: config.hub.gatewayTransit,
  };
}
