/**
 * The registry's admin user and anonymous pull are denied by Azure Policy,
 * not only audited. Definitions: github.com/Azure/azure-policy
 * built-in-policies/policyDefinitions/Container Registry/ACR_AdminAccountDisabled_AuditDeny.json
 * and ACR_AnonymousPullDisabled_AuditDeny.json (Audit, Deny or Disabled), which
 * mspnp/aks-baseline assigns with Deny.
 */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { label, ofType, outcome } from '../select.js';
import type { Requirement } from './assignments.js';
import { ASSIGNMENTS, assignments, meets } from './assignments.js';

const REQUIRED: readonly Requirement[] = [
  { anyOf: [{ id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2', name: 'admin account disabled' }], deny: true },
  {
    anyOf: [{ id: '9f2dea28-e834-476c-99c5-3507b4728395', name: 'anonymous authentication disabled' }],
    deny: true,
  },
];

export default absentWhenWhole(
  [ASSIGNMENTS],
  defineRule({
    ref: 'BP1112',
    id: 'policy/registry-deny',
    title: "The registry's admin user and anonymous pull are denied by policy",
    severity: 'warning',
    pillar: 'Security',
    area: 'registry',
    spec: {
      section: 'Policy management',
      quote: 'such as Container Registry, Application Gateway, or Key Vault, that interact with the cluster',
    },
    why: 'Audited only, an admin password or anonymous pull turned on after deployment opens the registry to anyone with the password, or to anyone, until somebody reads the compliance report.',
    fix: 'Assign "Container registries should have local admin account disabled" and "… anonymous authentication disabled" with effect Deny.',
    messages: {
      missing: 'no assignment of {policies}',
      notDenied: '{policies} not in Deny mode',
    },
    check: (inventory, say) => {
      const verdict = meets(assignments(inventory), REQUIRED);
      return ofType(inventory, 'Microsoft.ContainerRegistry/registries').map((registry) =>
        verdict.status === 'pass'
          ? outcome('pass', label(registry), undefined, registry.source)
          : verdict.status === 'fail'
            ? outcome(
                'fail',
                label(registry),
                say(verdict.why, { policies: verdict.policies }),
                registry.source,
              )
            : outcome(
                'unknown',
                label(registry),
                say('unresolved', { value: verdict.value }),
                registry.source,
              ),
      );
    },
  }),
);
