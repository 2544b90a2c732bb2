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

/** A rule collection group of the policy beyond the spokes' (the hub's build agents). */
export interface OtherRules {
  readonly name: string;
  readonly priority: number;
  readonly comments: string;
  readonly ruleCollections: readonly ArmObject[];
}

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
  others: readonly OtherRules[] = [],
): SpokeRules {
  const id = localId(ctx.at);
  const tags = ctx.tags('firewall');
  const ipGroupId = (spoke: SpokeEgress) => id('Microsoft.Network/ipGroups', spoke.ipGroup);
  const groupId = (spoke: SpokeEgress) =>
    id('Microsoft.Network/firewallPolicies/ruleCollectionGroups', policy.name, spoke.ruleCollectionGroup);
  // Azure updates what sits under one firewall policy one change at a time: the policy, its rule
  // collection groups, and the IP groups its rules reference (Learn "What is Azure Firewall?",
  // known issues: "parallel updates aren't supported"; Learn "IP Groups in Azure Firewall":
  // updating several IP groups of one policy at once needs the opt-in parallel update, else
  // IpGroupsUpdateFailed, hashicorp/terraform-provider-azurerm#19843). So one chain: the policy,
  // then each IP group, then each rule collection group, each waiting for the one before it.
  const otherId = (other: OtherRules) =>
    id('Microsoft.Network/firewallPolicies/ruleCollectionGroups', policy.name, other.name);
  const chain: ArmExpression[] = [
    ...(policy.deployedHere ? [id('Microsoft.Network/firewallPolicies', policy.name)] : []),
    ...spokes.map(ipGroupId),
    ...spokes.map(groupId),
    ...others.map(otherId),
  ];
  const before = (own: ArmExpression): ArmExpression[] => {
    const at = chain.findIndex((link) => link.$arm === own.$arm);
    return chain.slice(Math.max(0, at - 1), at);
  };
  const ipGroups = spokes.map((spoke) =>
    armResource('Microsoft.Network/ipGroups', spoke.ipGroup, {
      location: ctx.location,
      tags,
      comments: "The spoke's node (and API server) subnets: the sources of its egress rules.",
      dependsOn: nonEmpty(before(ipGroupId(spoke))),
      properties: { ipAddresses: spoke.addresses },
    }),
  );
  const ruleGroups = spokes.map((spoke, i) =>
    armResource(
      'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      `${policy.name}/${spoke.ruleCollectionGroup}`,
      {
        comments:
          "Exactly the egress this spoke's features need, each rule named after the feature it serves.",
        dependsOn: distinct([...before(groupId(spoke)), ipGroupId(spoke)]),
        properties: { priority: policy.firstPriority + i * 100, ruleCollections: spoke.ruleCollections },
      },
    ),
  );
  const otherGroups = others.map((other) =>
    armResource('Microsoft.Network/firewallPolicies/ruleCollectionGroups', `${policy.name}/${other.name}`, {
      comments: other.comments,
      dependsOn: nonEmpty(before(otherId(other))),
      properties: { priority: other.priority, ruleCollections: other.ruleCollections },
    }),
  );
  return {
    resources: [...ipGroups, ...ruleGroups, ...otherGroups],
    groupIds: [...spokes.map(groupId), ...others.map(otherId)],
  };
}

function nonEmpty(list: readonly ArmExpression[]): readonly ArmExpression[] | undefined {
  return list.length > 0 ? list : undefined;
}

function distinct(list: readonly ArmExpression[]): ArmExpression[] {
  return list.filter((item, i) => list.findIndex((other) => other.$arm === item.$arm) === i);
}
