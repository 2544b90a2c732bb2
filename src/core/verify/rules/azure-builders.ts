/** Builders of Azure resources for the tables of cases (registries, vaults, gateways, firewall policies, maintenance, role assignments, diagnostic settings), as a template writes them. */
import type { AzureResource, Json } from '../inventory.js';
import { resource } from './cases.js';

export const REGISTRY = 'Microsoft.ContainerRegistry/registries';
export const VAULT = 'Microsoft.KeyVault/vaults';
export const GATEWAY = 'Microsoft.Network/applicationGateways';
export const FIREWALL_POLICY = 'Microsoft.Network/firewallPolicies';
export const MAINTENANCE = 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations';

/** A registry `cr` with `properties`. */
export function registry(properties: Json, extra: Json = {}): Json {
  return resource(REGISTRY, 'cr', properties, extra);
}

/** A vault `kv` with `properties`. */
export function vault(properties: Json = {}, extra: Json = {}): Json {
  return resource(VAULT, 'kv', properties, extra);
}

/** An application gateway `name` with `properties`. */
export function gateway(properties: Json, name = 'agw', extra: Json = {}): Json {
  return resource(GATEWAY, name, properties, extra);
}

/** A gateway whose listeners have these properties. */
export function gatewayListening(name: string, ...listeners: Json[]): Json {
  return gateway({ httpListeners: listeners.map((properties, i) => ({ name: `l${i}`, properties })) }, name);
}

/** A role assignment of role definition `role` (its GUID) on `scope`. */
export function roleAssignment(role: string, scope: string, name = 'ra'): Json {
  return resource(
    'Microsoft.Authorization/roleAssignments',
    name,
    { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}` },
    { scope },
  );
}

/** Maintenance configuration `name` of cluster `aks`, on `schedule`. */
export function maintenance(name: string, schedule: unknown = { weekly: { intervalWeeks: 1 } }): Json {
  return resource(MAINTENANCE, `aks/${name}`, { maintenanceWindow: { schedule } });
}

/** A resource as the inventory holds it, for Baseline.add(): never the target of a fail case (it has no place in a file). */
export function asInput(type: string, name: string, body: Json = {}): AzureResource {
  return { type, name, body: { type, name, ...body }, source: 'azure/resources.json' };
}

export const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';

/** The baseline's diagnostic setting whose scope names `fragment` (`azureFirewalls`, `vaults` …). */
export function settingOn(inventory: { readonly azure: readonly AzureResource[] }, fragment: string): Json {
  const found = inventory.azure.find(
    (r) => r.type === DIAGNOSTICS && String(r.body['scope'] ?? '').includes(fragment),
  );
  if (!found) throw new Error(`the baseline has no diagnostic setting on ${fragment}`);
  return found.body;
}

/** Whether `resource` is a diagnostic setting whose scope names `fragment`. */
export const isSettingOn =
  (fragment: string) =>
  (resource: AzureResource): boolean =>
    resource.type === DIAGNOSTICS && String(resource.body['scope'] ?? '').includes(fragment);

/** A diagnostic setting sending the logs of `scope` to a workspace. */
export function diagnosticSetting(scope: string, name = 'to-log-analytics'): Json {
  return {
    ...resource(DIAGNOSTICS, name, { workspaceId: '/subscriptions/x/workspaces/log' }),
    apiVersion: '2021-05-01-preview',
    scope,
  };
}
