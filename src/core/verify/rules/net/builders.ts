/** Builders the cases of the network rules share: parts of the baseline's network, and networks written as a foreign template would. */
import type { Json, KubeObject } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { resource } from '../cases.js';

const NETWORKS = 'Microsoft.Network/virtualNetworks';

/** The properties of the baseline's virtual network whose name holds `part` (`-hub-`, `-00-`). */
export function network(p: Baseline, part: string): Json {
  const found = p.inventory.azure.find((r) => r.type === NETWORKS && r.name.includes(part));
  if (!found) throw new Error(`the baseline has no network ${part}`);
  return found.body['properties'] as Json;
}

/** Subnet `name` of the baseline's network whose name holds `part`. */
export function subnet(p: Baseline, part: string, name: string): Json {
  const found = (network(p, part)['subnets'] as Json[]).find((s) => s['name'] === name);
  if (!found) throw new Error(`the baseline network ${part} has no subnet ${name}`);
  return found;
}

/** The properties of the default route of the baseline's route table whose name ends in `suffix`. */
export function defaultRoute(p: Baseline, suffix: string): Json {
  const table = p.inventory.azure.find(
    (r) => r.type === 'Microsoft.Network/routeTables' && r.name.endsWith(suffix),
  );
  const route = ((table?.body['properties'] as Json | undefined)?.['routes'] as Json[] | undefined)?.[0];
  if (!route) throw new Error(`the baseline has no route table ${suffix} with a route`);
  return route['properties'] as Json;
}

/** Gives the baseline firewall's public IP addresses known addresses: 20.0.0.1, 20.0.0.2 … */
export function knownFirewallAddresses(p: Baseline): void {
  const ips = p.inventory.azure.filter(
    (r) => r.type === 'Microsoft.Network/publicIPAddresses' && r.name.startsWith('pip-afw-'),
  );
  if (ips.length === 0) throw new Error('the baseline has no firewall address');
  ips.forEach((ip, i) => ((ip.body['properties'] as Json)['ipAddress'] = `20.0.0.${i + 1}`));
}

/** The baseline cluster's API server access profile. */
export const apiServerAccess = (p: Baseline): Json => p.cluster()['apiServerAccessProfile'] as Json;

/** Moves the baseline's spoke route table (the nodes') onto Application Gateway's subnet. */
export function spokeRouteOnGatewaySubnet(p: Baseline): void {
  const nodes = subnet(p, '-00-', 'snet-nodes');
  (subnet(p, '-00-', 'snet-appgw')['properties'] as Json)['routeTable'] = (nodes['properties'] as Json)[
    'routeTable'
  ];
}

/** A virtual network with `subnets`, for template(). */
export function vnet(name: string, prefix: string, subnets: Json[], extra: Json = {}): Json {
  return resource(NETWORKS, name, { addressSpace: { addressPrefixes: [prefix] }, subnets, ...extra });
}

/** A subnet ID written out, in a network that is not among the inputs unless a case adds it. */
export const subnetId = (network: string, name: string): string =>
  `/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/${network}/subnets/${name}`;

/** A route table ID written out, of a table that is not among the inputs. */
export const routeTableId = (name: string): string =>
  `/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/routeTables/${name}`;

/** Adds a Kubernetes object to the baseline, as if its GitOps manifests held it. */
export function addObject(p: Baseline, object: Omit<KubeObject, 'source'>): void {
  (p.inventory.kubernetes as KubeObject[]).push({ ...object, source: 'gitops/added.yaml' });
}

/** Gives the workload's NetworkPolicy a selector operator the API server rejects. */
export function rejectedSelector(p: Baseline): void {
  (p.object('NetworkPolicy', 'aspnetapp')['spec'] as Json)['podSelector'] = {
    matchExpressions: [{ key: 'app', operator: 'Equal', values: ['aspnetapp'] }],
  };
}
