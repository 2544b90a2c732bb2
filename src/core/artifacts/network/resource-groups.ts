/**
 * The resource groups, one subscription-scope stage per subscription. Spec
 * "Isolate workload responsibilities": the hub and each spoke in groups of their own.
 */
import type { Stage } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export interface PlannedGroup {
  readonly name: string;
  readonly subscriptionId?: string;
  readonly tags: Record<string, string>;
}

export function resourceGroupStages(
  groups: readonly PlannedGroup[],
  location: string,
  design: string,
): Stage[] {
  const subscriptions = [...new Set(groups.map((group) => group.subscriptionId))];
  return subscriptions.map((subscriptionId, i) => ({
    name: subscriptions.length === 1 ? 'resource-groups' : `resource-groups-${i + 1}`,
    description: `Resource groups${subscriptionId ? ` in subscription ${subscriptionId}` : ''}.`,
    owner: 'network team',
    roles: [
      {
        role: 'Contributor',
        scope: `subscription ${subscriptionId ?? "(the deployment's)"}`,
        why: 'Create the resource groups.',
      },
    ],
    scope: { kind: 'subscription', subscriptionId, location, design },
    parameters: {},
    resources: groups
      .filter((group) => group.subscriptionId === subscriptionId)
      .map((group) =>
        armResource('Microsoft.Resources/resourceGroups', group.name, {
          comments: 'Spec "Isolate workload responsibilities": one group per team and lifecycle.',
          location,
          tags: group.tags,
          properties: {},
        }),
      ),
    outputs: {},
    dependsOn: [],
  }));
}
