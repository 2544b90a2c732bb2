/** Custom initiatives for the policy rules' cases: a set of built-ins, and its assignment. */
import type { Json } from '../../inventory.js';
import { resource } from '../cases.js';

const passed = (name: string) => ({ value: `[[parameters('${name}')]` });

/**
 * A custom initiative of built-in Kubernetes definitions that passes its effect
 * and namespaces on to each, the effect Deny unless the assignment says otherwise.
 */
export function initiative(name: string, definitions: readonly string[], defaultEffect = 'Deny'): Json {
  return resource('Microsoft.Authorization/policySetDefinitions', name, {
    policyType: 'Custom',
    parameters: {
      effect: { type: 'String', defaultValue: defaultEffect },
      excludedNamespaces: { type: 'Array', defaultValue: [] },
      namespaces: { type: 'Array', defaultValue: [] },
    },
    policyDefinitions: definitions.map((id) => ({
      policyDefinitionReferenceId: `member-${id.slice(0, 8)}`,
      policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${id}`,
      parameters: {
        effect: passed('effect'),
        excludedNamespaces: passed('excludedNamespaces'),
        namespaces: passed('namespaces'),
      },
    })),
  });
}

/** An assignment of initiative `set` with these parameter values. */
export function assignInitiative(name: string, set: string, parameters: Record<string, unknown> = {}): Json {
  return resource('Microsoft.Authorization/policyAssignments', name, {
    policyDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policySetDefinitions/${set}`,
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, value]) => [k, { value }])),
  });
}
