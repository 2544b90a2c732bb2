/**
 * A spoke's share of the hub firewall's policy: an IP group of its node subnets
 * and a rule collection group with exactly the egress its features need. In the
 * hub stage when Baseplate owns the hub; handed to the hub owner otherwise.
 */
import type { ArmExpression, ArmObject } from '../arm/expression.js';
import { resourceId } from '../arm/scope.js';
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

/** @param policyDeployedHere the policy is in the same template, so its groups wait for it. */
export function spokeRules(
  ctx: StageContext,
  policy: string,
  policyDeployedHere: boolean,
  spokes: readonly SpokeEgress[],
): SpokeRules {
  const id = (type: string, ...parts: string[]) => resourceId(ctx.at, ctx.at, type, ...parts);
  const tags = ctx.tags('firewall');
  const ipGroups = spokes.map((spoke) =>
    armResource('Microsoft.Network/ipGroups', spoke.ipGroup, {
      location: ctx.location,
      tags,
      comments: "The spoke's node subnets: the sources of its egress rules.",
      properties: { ipAddresses: spoke.addresses },
    }),
  );
  const groupIds = spokes.map((spoke) =>
    id('Microsoft.Network/firewallPolicies/ruleCollectionGroups', policy, spoke.ruleCollectionGroup),
  );
  // Azure updates a policy's rule collection groups one at a time: chain them.
  const ruleGroups = spokes.map((spoke, i) =>
    armResource(
      'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      `${policy}/${spoke.ruleCollectionGroup}`,
      {
        comments:
          "Exactly the egress this spoke's features need, each rule named after the feature it serves.",
        dependsOn: [
          ...(policyDeployedHere ? [id('Microsoft.Network/firewallPolicies', policy)] : []),
          id('Microsoft.Network/ipGroups', spoke.ipGroup),
          ...groupIds.slice(Math.max(0, i - 1), i),
        ],
        properties: { priority: 1000 + i * 100, ruleCollections: spoke.ruleCollections },
      },
    ),
  );
  return { resources: [...ipGroups, ...ruleGroups], groupIds };
}
