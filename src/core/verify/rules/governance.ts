/**
 * Rules on how policy reaches the cluster (spec "Policy management"): through
 * Azure Policy rather than Gatekeeper objects applied by hand, and the same in
 * preproduction as in production.
 */
import type { AzureResource, Inventory } from '../inventory.js';
import type { Rule } from '../rule.js';
import { at } from '../../arm-values.js';
import { isProduction, kubeLabel, lastSegment, ofType, outcome } from './select.js';

const SECTION = 'Policy management';
const ASSIGNMENTS = 'Microsoft.Authorization/policyAssignments';

/** The clusters by name in lower case, the first of each name. */
function clustersByName(inventory: Inventory): Map<string, AzureResource> {
  const byName = new Map<string, AzureResource>();
  for (const cluster of ofType(inventory, 'Microsoft.ContainerService/managedClusters')) {
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

export const GOVERNANCE_RULES: readonly Rule[] = [
  {
    id: 'policy/no-direct-gatekeeper',
    title: 'No Gatekeeper constraint is applied to the cluster directly',
    severity: 'warning',
    area: 'policy',
    spec: { section: SECTION, quote: "Don't apply custom policies directly to the cluster." },
    why: 'Azure Policy manages the Gatekeeper it installs: constraints applied beside it are invisible to compliance reports and can be removed or overridden by the add-on.',
    fix: 'Wrap the ConstraintTemplate in a custom Azure Policy definition and assign it, instead of applying it with kubectl or Flux.',
    check: (inventory) => {
      if (inventory.kubernetes.length === 0) return [];
      const direct = inventory.kubernetes.filter((o) =>
        /^(templates|constraints)\.gatekeeper\.sh\//.test(o.apiVersion),
      );
      return direct.length === 0
        ? [outcome('pass', 'the Kubernetes objects')]
        : direct.map((o) => outcome('fail', kubeLabel(o), `${o.apiVersion} applied directly`, o.source));
    },
  },
  {
    id: 'policy/environment-parity',
    title: 'Preproduction clusters get the policies and effects of production',
    severity: 'warning',
    area: 'policy',
    spec: {
      section: SECTION,
      quote: 'Ensure the production policies are also validated against your preproduction environment.',
    },
    why: 'A policy that production denies and preproduction lacks is found at the production deployment, by the production deployment failing.',
    fix: 'Assign every production policy, with the same effect, to the preproduction clusters too.',
    check: (inventory) => {
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
      const clusters = ofType(inventory, 'Microsoft.ContainerService/managedClusters').filter(
        (c) => !isProduction(c),
      );
      return clusters.map((cluster) => {
        const own = enforcing.get(cluster) ?? new Set<string>();
        const missing = [...production].filter((p) => !own.has(p));
        const name = cluster.name.split('/').at(-1) ?? cluster.name;
        return missing.length === 0
          ? outcome('pass', name, undefined, cluster.source)
          : outcome('fail', name, `lacks ${missing.join(', ')}`, cluster.source);
      });
    },
  },
];
