/**
 * What the report reads of azure/resources.json: resources by type, names
 * from IDs, and scopes a reviewer can read ("subnet snet-nodes of
 * vnet-…, resource group rg-…") instead of full resource IDs.
 */
import type { ResolvedResource } from '../../formats/resources.js';

export type Resources = readonly ResolvedResource[];

export const ofType = (resources: Resources, type: string): ResolvedResource[] =>
  resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());

/** A property path of a value read from JSON, or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export const arrayAt = (value: unknown, path: string): unknown[] => {
  const found = valueAt(value, path);
  return Array.isArray(found) ? (found as unknown[]) : [];
};

export const textAt = (value: unknown, path: string): string | undefined => {
  const found = valueAt(value, path);
  return typeof found === 'string' || typeof found === 'number' ? String(found) : undefined;
};

/** The last segment of a resource ID or a child's name. */
export const lastSegment = (id: string): string => id.split('/').filter(Boolean).pop() ?? id;

/** Singular, readable names of the types a scope names. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/virtualnetworks': 'virtual network',
  'microsoft.keyvault/vaults': 'key vault',
  'microsoft.containerregistry/registries': 'container registry',
  'microsoft.containerservice/managedclusters': 'AKS cluster',
  'microsoft.containerservice/managedclusters/namespaces': 'namespace',
  'microsoft.network/privatednszones': 'private DNS zone',
  'microsoft.operationalinsights/workspaces': 'Log Analytics workspace',
  'microsoft.monitor/accounts': 'Azure Monitor workspace',
};

/**
 * A scope as people say it: `subscription`, `resource group rg-x`, or the
 * resource's type and name with its group (`subnet snet-nodes of vnet-x, in
 * resource group rg-x`). What is not an ID is returned as it is.
 */
export function readableScope(scope: string): string {
  const match =
    /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(?:\/providers\/([^/]+)\/(.+))?$/i.exec(scope);
  if (!match) return scope;
  const [, subscription = '', group, namespace, rest] = match;
  const inSubscription = subscription.startsWith('<') ? 'the subscription' : `subscription ${subscription}`;
  if (namespace === undefined || rest === undefined)
    return group === undefined ? inSubscription : `resource group ${group}`;
  // type1/name1/type2/name2…: the types join the namespace, the names the resource's path.
  const parts = rest.split('/');
  const types = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  const type = `${namespace}/${types.join('/')}`.toLowerCase();
  const kind = TYPE_NAMES[type] ?? `${namespace}/${types.join('/')}`;
  const name = names[names.length - 1] ?? '';
  const parents = names.slice(0, -1);
  const where = group === undefined ? '' : `, in resource group ${group}`;
  return `${kind} ${name}${parents.length ? ` of ${parents.join('/')}` : ''}${where}`;
}

/** A principal ID the plan leaves to deployment (`<principal ID of id-x>`) as the identity it names. */
export function readablePrincipal(principalId: string, principalType: string | undefined): string {
  const placeholder = /^<(.+)>$/.exec(principalId)?.[1];
  if (placeholder !== undefined) return placeholder.replace(/^principal ID of /, 'managed identity ');
  return `${principalType ?? 'principal'} ${principalId}`;
}
