/**
 * Virtual network peering as the network provider refuses it: a peering that uses the remote
 * network's gateways (`useRemoteGateways`) while that network holds none is refused, 400
 * RemoteVnetHasNoGateways, "Peering … cannot have UseRemoteGateway flag set to true because remote
 * virtual network … referenced by the peering does not have any gateways." (the provider's answer as
 * reported in github.com/hashicorp/terraform/issues/30569 and
 * github.com/Azure/terraform-azurerm-lz-vending/issues/398). A gateway is a
 * Microsoft.Network/virtualNetworkGateways resource whose IP configuration sits in the network's
 * GatewaySubnet (Learn, "VPN Gateway settings": the gateway subnet must be named GatewaySubnet).
 */
import type { Refusal } from './authorization.js';
import type { StandInState } from './state.js';

const GATEWAY = 'microsoft.network/virtualnetworkgateways';

/** Whether the network `networkId` holds a gateway among the stand-in's resources. */
function hasGateway(state: StandInState, networkId: string): boolean {
  const subnet = `${networkId}/subnets/gatewaysubnet`.toLowerCase();
  return [...state.resources.values()].some((resource) => {
    if (resource.type.toLowerCase() !== GATEWAY) return false;
    const configurations = (resource.body['properties'] as { ipConfigurations?: unknown } | undefined)
      ?.ipConfigurations;
    return (Array.isArray(configurations) ? configurations : []).some(
      (c: { properties?: { subnet?: { id?: unknown } } }) =>
        String(c.properties?.subnet?.id ?? '').toLowerCase() === subnet,
    );
  });
}

export function peeringRefusal(
  state: StandInState,
  id: string,
  body: Record<string, unknown>,
): Refusal | undefined {
  const properties = (body['properties'] ?? {}) as {
    useRemoteGateways?: unknown;
    remoteVirtualNetwork?: { id?: unknown };
  };
  if (properties.useRemoteGateways !== true) return undefined;
  const remote = String(properties.remoteVirtualNetwork?.id ?? '');
  if (hasGateway(state, remote)) return undefined;
  return {
    code: 'RemoteVnetHasNoGateways',
    message: `Peering ${id} cannot have UseRemoteGateway flag set to true because remote virtual network ${remote} referenced by the peering does not have any gateways.`,
  };
}
