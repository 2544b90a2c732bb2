/**
 * Application Gateway's backend health as Microsoft.Network reports it:
 * ApplicationGateways_BackendHealth, POST {gateway}/backendhealth, long-running
 * (202 and the result at Location, final-state-via location), whose result is an
 * ApplicationGatewayBackendHealth: backendAddressPools[] of { backendAddressPool: { id },
 * backendHttpSettingsCollection[] of { backendHttpSettings: { id }, servers[] of
 * { address, health, healthProbeLog } } }, health one of Unknown, Up, Down, Partial,
 * Draining (specification/network/resource-manager/Microsoft.Network/stable/2025-07-01/applicationGateway.json).
 * Each server is one of the pool's backendAddresses as the gateway was put; its health
 * is the next of `state.backendHealth` at each answer, the last kept.
 */
import type { Reply } from './reply.js';
import { json } from './reply.js';
import type { StandInState, StoredResource } from './state.js';

/**
 * The probe log of a server Azure never gave an address: Learn's "TCP connect error"
 * (learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting).
 */
export const TCP_CONNECT_ERROR =
  'Application Gateway could not connect to the backend. Check that the backend responds on the port used for the probe. Also check whether any NSG/UDR/Firewall is blocking access to the Ip and port of this backend.';

const SUCCESS = 'Success. Received 200 status code';

interface Named {
  readonly name?: string;
  readonly properties?: { readonly backendAddresses?: readonly { ipAddress?: string; fqdn?: string }[] };
}

/** The result of one backend health operation on `gateway`. */
export function backendHealth(state: StandInState, gateway: StoredResource): Reply {
  const health = state.backendHealth.length > 1 ? state.backendHealth.shift() : state.backendHealth[0];
  const up = health === 'Up' || health === 'Healthy';
  const properties = (gateway.body['properties'] ?? {}) as {
    backendAddressPools?: readonly Named[];
    backendHttpSettingsCollection?: readonly Named[];
  };
  return json(200, {
    backendAddressPools: (properties.backendAddressPools ?? []).map((pool) => ({
      backendAddressPool: { id: `${gateway.id}/backendAddressPools/${pool.name ?? ''}` },
      backendHttpSettingsCollection: (properties.backendHttpSettingsCollection ?? []).map((settings) => ({
        backendHttpSettings: { id: `${gateway.id}/backendHttpSettingsCollection/${settings.name ?? ''}` },
        servers: (pool.properties?.backendAddresses ?? []).map((address) => ({
          address: address.ipAddress ?? address.fqdn ?? '',
          health: health ?? 'Unknown',
          healthProbeLog: up ? SUCCESS : state.backendProbeLog || TCP_CONNECT_ERROR,
        })),
      })),
    })),
  });
}
