/** Preproduction clusters are assigned every policy production is, with the same effect. */
import type { AzureResource, Inventory } from '../../inventory.js';
import { defineRule } from '../../rule.js';
import { at } from '../../../arm-values.js';
import { isProduction, lastSegment, ofType, outcome } from '../select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const ASSIGNMENTS = 'Microsoft.Authorization/policyAssignments';

/** The clusters by name in lower case, the first of each name. */
function clustersByName(inventory: Inventory): Map<string, AzureResource> {
  const byName = new Map<string, AzureResource>();
  for (const cluster of ofType(inventory, AKS)) {
    const name = lastSegment(cluster.name).toLowerCase();
    if (!byName.has(name)) byName.set(name, cluster);
  }
  return byName;
}

/** The cluster an assignment is for: Baseplate and many teams prefix its display name with `[cluster]`. */
function clusterNamed(
  clusters: ReadonlyMap<string, AzureResource>,
  assignment: AzureResource,
): AzureResource | undefined {
  const name = /^\[([^\]]+)\]/.exec(String(at(assignment.body, 'properties.displayName') ?? ''))?.[1];
  return name === undefined ? undefined : clusters.get(name.toLowerCase());
}

/** What an assignment enforces: its definition and its effect. */
function enforced(assignment: AzureResource): string {
  const definition = String(at(assignment.body, 'properties.policyDefinitionId') ?? '').toLowerCase();
  const effect = String(at(assignment.body, 'properties.parameters.effect.value') ?? 'default');
  return `${definition.split('/').at(-1) ?? definition} (${effect})`;
}

export default defineRule({
  ref: 'BP1073',
  id: 'policy/environment-parity',
  title: 'Preproduction clusters get the policies and effects of production',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'policy',
  spec: {
    section: 'Policy management',
    quote: 'Ensure the production policies are also validated against your preproduction environment.',
  },
  why: 'A policy that production denies and preproduction lacks is found at the production deployment, by the production deployment failing.',
  fix: 'Assign every production policy, with the same effect, to the preproduction clusters too.',
  messages: { lacks: 'lacks {policies}' },
  check: (inventory, say) => {
    const byName = clustersByName(inventory);
    const assignments = ofType(inventory, ASSIGNMENTS).flatMap((a) => {
      const cluster = clusterNamed(byName, a);
      return cluster ? [{ cluster, enforces: enforced(a) }] : [];
    });
    const production = new Set(assignments.filter((a) => isProduction(a.cluster)).map((a) => a.enforces));
    if (production.size === 0) return [];
    // What each cluster enforces.
    const enforcing = new Map<AzureResource, Set<string>>();
    for (const { cluster, enforces } of assignments) {
      const own = enforcing.get(cluster);
      if (own) own.add(enforces);
      else enforcing.set(cluster, new Set([enforces]));
    }
    // Every preproduction cluster, those with no assignment at all included.
    const clusters = ofType(inventory, AKS).filter((c) => !isProduction(c));
    return clusters.map((cluster) => {
      const own = enforcing.get(cluster) ?? new Set<string>();
      const missing = [...production].filter((p) => !own.has(p));
      const name = cluster.name.split('/').at(-1) ?? cluster.name;
      return missing.length === 0
        ? outcome('pass', name, undefined, cluster.source)
        : outcome('fail', name, say('lacks', { policies: missing.join(', ') }), cluster.source);
    });
  },
});
