/** Little builders for the tables of cases of the aks/ rules. */
import type { Inventory, Json } from '../../inventory.js';
import { cluster, clusterOnSpoke, spokeNetwork, template } from '../cases.js';

/** A cluster whose `properties` hold `value` at the dotted `path` (`networkProfile.networkPolicy`). */
export function clusterWith(path: string, value: unknown, extra: Json = {}): Json {
  const properties = path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Json;
  return cluster(properties, extra);
}

/** A template of one cluster with `value` at `path` of its properties. */
export function withSetting(path: string, value: unknown, extra: Json = {}): () => Inventory {
  return template(clusterWith(path, value, extra));
}

/** A template of one cluster with these node pools inline. */
export function withPools(...agentPoolProfiles: Json[]): () => Inventory {
  return template(cluster({ agentPoolProfiles }));
}

/** A template with no cluster: the spoke network alone. */
export const noCluster: () => Inventory = template(spokeNetwork());

/** A cluster with a system pool on the spoke, and `properties`. */
export function spokeCluster(properties: Json = {}): Json {
  const base = clusterOnSpoke({ name: 'sys', mode: 'System' });
  return { ...base, properties: { ...(base['properties'] as Json), ...properties } };
}
