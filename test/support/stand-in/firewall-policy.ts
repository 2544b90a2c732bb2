/**
 * What Azure refuses to update at the same time under one firewall policy: the
 * policy itself, its rule collection groups, the firewall that uses it, and the
 * IP groups its rules already reference. A deployment that puts two of them
 * without an order between them (dependsOn, directly or through others) gets the
 * later one failed, as Azure fails it:
 * - Learn "What is Azure Firewall?", known issues: a configuration update "can
 *   take three to five minutes on average, and parallel updates aren't supported";
 * - Learn "IP Groups in Azure Firewall": updating several IP groups referenced by
 *   one policy (or together with the firewall or its policy) at once is the opt-in
 *   "parallel IP group updates"; without it Azure answers `IpGroupsUpdateFailed`
 *   "Put on IP Groups <name> Failed with 1 faulted referenced firewalls", and the
 *   policy `FirewallPolicyUpdateFailed` "Put on Firewall Policy <name> Failed with
 *   1 faulted referenced firewalls" (hashicorp/terraform-provider-azurerm#19843).
 * An IP group not yet referenced (a first deployment) is free to change.
 */
import type { StandInState, TemplateResource } from './state.js';
import { childId } from './state.js';

export interface OperationError {
  readonly code: string;
  readonly message: string;
}

const POLICY = 'microsoft.network/firewallpolicies';
const RULES = 'microsoft.network/firewallpolicies/rulecollectiongroups';
const FIREWALL = 'microsoft.network/azurefirewalls';
const IP_GROUP = 'microsoft.network/ipgroups';

/** The template's resources (by their place in it) that Azure fails for updating alongside another. */
export function concurrentPolicyUpdates(
  state: StandInState,
  scope: string,
  resources: readonly TemplateResource[],
  idOf: (resource: TemplateResource) => string,
): Map<number, OperationError> {
  const ids = resources.map((r) => idOf(r).toLowerCase());
  const exists = (i: number) => state.resource(ids[i] ?? '') !== undefined;
  const waits = dependencies(resources, ids, scope);
  /** The policies each resource updates. */
  const policiesOf = (resource: TemplateResource, i: number): string[] => {
    const type = resource.type.toLowerCase();
    const id = ids[i] ?? '';
    if (type === RULES) return [id.replace(/\/rulecollectiongroups\/[^/]+$/, '')];
    if (type === POLICY) return exists(i) ? [id] : [];
    if (type === FIREWALL) {
      const policy = (resource['properties'] as { firewallPolicy?: { id?: unknown } } | undefined)
        ?.firewallPolicy?.id;
      const target = typeof policy === 'string' ? resolve(policy, scope) : undefined;
      return exists(i) && target ? [target] : [];
    }
    if (type === IP_GROUP) return exists(i) ? referencingPolicies(state, id) : [];
    return [];
  };
  const members = new Map<string, number[]>();
  resources.forEach((resource, i) => {
    for (const policy of policiesOf(resource, i)) members.set(policy, [...(members.get(policy) ?? []), i]);
  });
  const failed = new Map<number, OperationError>();
  for (const [policy, list] of members) {
    for (const [k, later] of list.entries()) {
      const unordered = list
        .slice(0, k)
        .some((earlier) => !reaches(waits, later, earlier) && !reaches(waits, earlier, later));
      if (!unordered || failed.has(later)) continue;
      const resource = resources[later];
      const name = resource?.name.split('/').at(-1) ?? '';
      failed.set(
        later,
        resource?.type.toLowerCase() === IP_GROUP
          ? {
              code: 'IpGroupsUpdateFailed',
              message: `Put on IP Groups ${name} Failed with 1 faulted referenced firewalls`,
            }
          : {
              code: 'FirewallPolicyUpdateFailed',
              message: `Put on Firewall Policy ${policy.split('/').at(-1) ?? ''} Failed with 1 faulted referenced firewalls`,
            },
      );
    }
  }
  return failed;
}

/** The policies whose stored rule collection groups name the IP group. */
function referencingPolicies(state: StandInState, ipGroup: string): string[] {
  const policies = new Set<string>();
  for (const stored of state.resources.values()) {
    if (stored.type.toLowerCase() !== RULES) continue;
    const groupScope = stored.id.split('/').slice(0, 5).join('/');
    if (strings(stored.body).some((text) => resolve(text, groupScope) === ipGroup))
      policies.add(stored.id.toLowerCase().replace(/\/rulecollectiongroups\/[^/]+$/, ''));
  }
  return [...policies];
}

/** Each resource's dependsOn, as the places in the template of the resources it names. */
function dependencies(
  resources: readonly TemplateResource[],
  ids: readonly string[],
  scope: string,
): number[][] {
  return resources.map((resource) => {
    const named = Array.isArray(resource['dependsOn']) ? (resource['dependsOn'] as unknown[]) : [];
    return named
      .map((entry) => (typeof entry === 'string' ? resolve(entry, scope) : undefined))
      .map((id) => (id === undefined ? -1 : ids.indexOf(id)))
      .filter((i) => i >= 0);
  });
}

/** Whether `from` waits, directly or through others, for `to`. */
function reaches(waits: readonly number[][], from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length > 0) {
    const next = stack.pop() ?? -1;
    if (next === to && next !== from) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(waits[next] ?? []));
  }
  return false;
}

/**
 * A full resource ID, or `[resourceId(...)]` as ARM resolves it in a deployment at
 * `scope` (a resource group): lower case; undefined for anything else.
 */
function resolve(text: string, scope: string): string | undefined {
  if (text.toLowerCase().startsWith('/subscriptions/')) return text.toLowerCase();
  const call = /^\[resourceId\((.*)\)\]$/i.exec(text);
  if (!call) return undefined;
  const args = [...(call[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  const typeAt = args.findIndex((arg) => arg.includes('/'));
  const [, subscription, group] = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(scope) ?? [];
  if (typeAt < 0 || subscription === undefined || group === undefined) return undefined;
  const before = args.slice(0, typeAt);
  const [sub, rg] = before.length === 2 ? before : [subscription, before[0] ?? group];
  return childId(
    `/subscriptions/${sub ?? ''}/resourceGroups/${rg ?? ''}`,
    args[typeAt] ?? '',
    args.slice(typeAt + 1).join('/'),
  ).toLowerCase();
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}
