/** The maintenance configurations of clusters, which the upgrades/… rules look up by name. */
import type { AzureResource, Inventory } from '../../inventory.js';
import { lastSegment, ofType } from '../select.js';

/** The maintenance configurations by name in lower case (`cluster/configuration`), the first of each. */
export function maintenanceConfigurations(inventory: Inventory): Map<string, AzureResource> {
  const byName = new Map<string, AzureResource>();
  for (const m of ofType(inventory, 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations')) {
    const name = m.name.toLowerCase();
    if (!byName.has(name)) byName.set(name, m);
  }
  return byName;
}

/** The cluster's maintenance configuration `name`, if any. */
export function maintenanceWindow(
  windows: ReadonlyMap<string, AzureResource>,
  cluster: AzureResource,
  name: string,
): AzureResource | undefined {
  return windows.get(`${lastSegment(cluster.name).toLowerCase()}/${name.toLowerCase()}`);
}
