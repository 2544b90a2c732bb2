/** Assignments for the policy rules' cases: of a built-in definition, of a custom initiative (with it). */
import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { resource } from '../cases.js';

export const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments';

/** An assignment of built-in definition `id` with `effect`. */
export function assignBuiltIn(id: string, effect: string): Json {
  return resource(ASSIGNMENT, id, {
    policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${id}`,
    parameters: { effect: { value: effect } },
  });
}

/** Whether a resource is an assignment of definition `id`. */
export const ofDefinition =
  (id: string) =>
  (r: { type: string; body: Json }): boolean =>
    r.type === ASSIGNMENT && String((r.body['properties'] as Json)['policyDefinitionId']).endsWith(id);

/** The properties of the baseline's (first) assignment of definition `id`, to change in place. */
export function assignmentOf(p: Baseline, id: string): Json {
  const [first] = assignmentsOf(p, id);
  if (!first) throw new Error(`no assignment of ${id}`);
  return first;
}

/** The properties of every baseline assignment of definition `id`, to change in place. */
export function assignmentsOf(p: Baseline, id: string): Json[] {
  const found = p.inventory.azure.filter(ofDefinition(id)).map((r) => r.body['properties'] as Json);
  if (found.length === 0) throw new Error(`no assignment of ${id}`);
  return found;
}

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
  return resource(ASSIGNMENT, name, {
    policyDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policySetDefinitions/${set}`,
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, value]) => [k, { value }])),
  });
}
