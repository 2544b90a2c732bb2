/** The spokes' egress rules (design/egress-rules.ts) as Azure Firewall rule collections. */
import type { ApplicationRule, EgressRule, NetworkRule } from '../../design/egress-rules.js';
import type { ArmExpression, ArmObject } from '../arm/expression.js';

/** The rules as Azure Firewall rule collections: one of network rules, one of application rules. */
export function ruleCollections(rules: readonly EgressRule[], source: ArmExpression): ArmObject[] {
  const network = rules.filter((rule): rule is NetworkRule => rule.kind === 'network');
  const application = rules.filter((rule): rule is ApplicationRule => rule.kind === 'application');
  const collection = (name: string, priority: number, list: readonly ArmObject[]): ArmObject[] =>
    list.length === 0
      ? []
      : [
          {
            ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
            name,
            priority,
            action: { type: 'Allow' },
            rules: list,
          },
        ];
  return [
    ...collection(
      'network-egress',
      100,
      network.map(({ kind, sources, ...rule }) => ({
        ruleType: 'NetworkRule',
        ...rule,
        sourceIpGroups: [source],
      })),
    ),
    ...collection(
      'application-egress',
      200,
      application.map(({ kind, sources, ...rule }) => ({
        ruleType: 'ApplicationRule',
        ...rule,
        terminateTLS: false,
        sourceIpGroups: [source],
      })),
    ),
  ];
}
