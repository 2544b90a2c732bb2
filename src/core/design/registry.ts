/**
 * Container Registry decisions. Spec "Disaster recovery": "Container Registry is
 * enabled for geo-replication. If a region fails, you can still pull images from
 * the replicated region"; "Prefer paired regions when they're available".
 */
import type { SpokeConfig } from '../config/schema/index.js';
import type { Region } from '../data/regions.js';

/** Replica regions: the configured ones, else the paired region. */
export function replicaLocations(spoke: SpokeConfig, region: Region): string[] {
  const { geoReplication, sku } = spoke.registry;
  if (!geoReplication.enabled || sku !== 'Premium') return [];
  if (geoReplication.locations.length > 0) return [...geoReplication.locations];
  return region.pairedRegion ? [region.pairedRegion] : [];
}

/**
 * Private IPs a registry's private endpoint takes: the registry, its home data
 * endpoint, and one data endpoint per replica (Microsoft Learn, "Connect privately
 * to an Azure container registry using Azure Private Link").
 */
export function registryEndpointAddresses(replicas: number): number {
  return 2 + replicas;
}
