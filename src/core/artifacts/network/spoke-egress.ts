/**
 * A spoke's share of the hub firewall's policy: an IP group of its node subnets
 * and a rule collection group with exactly the egress its features need. In the
 * hub stage when Baseplate owns the hub; handed to the hub owner otherwise.
 */
import type { ArmExpression, ArmObject } from '../arm/expression.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import type { StageContext } from './context.js';

export interface SpokeEgress {
  readonly ipGroup: string;
  readonly addresses: readonly string[];
  readonly ruleCollectionGroup: string;
  readonly ruleCollections: readonly ArmObject[];
}

export interface SpokeRules {
  readonly resources: readonly ArmResource[];
  /** The rule collection groups, which the firewall waits for. */
  readonly groupIds: readonly ArmExpression[];
}

/** In a hub Baseplate owns, the spokes' groups start here, after room for the organisation's. */
export const FIRST_SPOKE_GROUP_PRIORITY = 1000;

export interface PolicyTarget {
  readonly name: string;
  /** The policy is in the same template, so its groups wait for it. */
  readonly deployedHere: boolean;
  /** Priority of the first group; the next ones follow by 100. */
  readonly firstPriority: number;
}

export function spokeRules(
  ctx: StageContext,
  policy: PolicyTarget,
  spokes: readonly SpokeEgress[],
): SpokeRules {
  const id = localId(ctx.at);
  const tags = ctx.tags('firewall');
  const ipGroups = spokes.map((spoke) =>
    armResource('Microsoft.Network/ipGroups', spoke.ipGroup, {
      location: ctx.location,
      tags,
      comments: "The spoke's node (and API server) subnets: the sources of its egress rules.",
      properties: { ipAddresses: spoke.addresses },
    }),
  );
  const groupIds = spokes.map((spoke) =>
    id('Microsoft.Network/firewallPolicies/ruleCollectionGroups', policy.name, spoke.ruleCollectionGroup),
  );
  // Azure updates a policy's rule collection groups one at a time: chain them.
  const ruleGroups = spokes.map((spoke, i) =>
    armResource(
      'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      `${policy.name}/${spoke.ruleCollectionGroup}`,
      {
        comments:
          "Exactly the egress this spoke's features need, each rule named after the feature it serves.",
        dependsOn: [
          ...(policy.deployedHere ? [id('Microsoft.Network/firewallPolicies', policy.name)] : []),
          id('Microsoft.Network/ipGroups', spoke.ipGroup),
          ...groupIds.slice(Math.max(0, i - 1), i),
        ],
        properties: { priority: policy.firstPriority + i * 100, ruleCollections: spoke.ruleCollections },
      },
    ),
  );
  return { resources: [...ipGroups, ...ruleGroups], groupIds };
}
