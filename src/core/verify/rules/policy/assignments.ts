/**
 * What the policy rules read of Azure Policy assignments: which built-in
 * definition each assigns (by its GUID, the last segment of the definition
 * ID), with which effect and parameters. An assignment of a custom initiative
 * among the inputs assigns each of its members, with the values the
 * initiative passes them.
 */
import type { AzureResource, Inventory } from '../../inventory.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { isUnknownId, lastSegment, ofType, remember } from '../select.js';

export const ASSIGNMENTS = 'Microsoft.Authorization/policyAssignments';
const SETS = 'Microsoft.Authorization/policySetDefinitions';

export interface Assignment {
  /** The definition's GUID in lower case. */
  readonly definition: string;
  /** The `effect` parameter as written; the definition's default (`Audit`) when absent. */
  readonly effect: unknown;
  /** The value the definition gets for parameter `name` (undefined: its default). */
  readonly parameter: (name: string) => unknown;
  readonly resource: AzureResource;
  /** The initiative member's reference ID, when assigned through a custom initiative. */
  readonly member?: string;
}

/**
 * The value a member of an initiative gets: what the initiative passes it, where
 * `[parameters('x')]` is the assignment's value of the initiative's parameter x,
 * else x's default (learn.microsoft.com/azure/governance/policy/concepts/initiative-definition-structure:
 * "policyDefinitions … parameters: the values passed to the policy definition").
 */
function passed(set: AzureResource, assignment: AzureResource, value: unknown): unknown {
  // Written "[[parameters('x')]" in a template, "[parameters('x')]" once deployed.
  const name = typeof value === 'string' ? /^\[\[?parameters\('([^']+)'\)\]$/.exec(value)?.[1] : undefined;
  if (name === undefined) return value;
  return (
    at(assignment.body, `properties.parameters.${name}.value`) ??
    at(set.body, `properties.parameters.${name}.defaultValue`)
  );
}

/** An assignment of a custom initiative among the inputs: one assignment per member. */
function members(set: AzureResource, resource: AzureResource): Assignment[] {
  const list = at(set.body, 'properties.policyDefinitions');
  if (!Array.isArray(list)) return [];
  return list.flatMap((member: unknown): Assignment[] => {
    const id = at(member, 'policyDefinitionId');
    if (typeof id !== 'string' || isUnknownId(id)) return [];
    const parameter = (name: string) => passed(set, resource, at(member, `parameters.${name}.value`));
    const reference = at(member, 'policyDefinitionReferenceId');
    return [
      {
        definition: lastSegment(id).toLowerCase(),
        effect: parameter('effect') ?? 'Audit',
        parameter,
        resource,
        ...(typeof reference === 'string' ? { member: reference } : {}),
      },
    ];
  });
}

/** A built-in definition a rule looks for. */
export interface Wanted {
  readonly id: string;
  readonly name: string;
}

export interface Assignments {
  readonly known: readonly Assignment[];
  /** The same by definition: what a rule looks up per cluster or per assignment. */
  readonly byDefinition: ReadonlyMap<string, readonly Assignment[]>;
  /** A definition ID only deployment knows: it may be any of the wanted ones. */
  readonly hidden?: string;
}

/** Every assignment among the inputs (kept for a run of the rules). */
export function assignments(inventory: Inventory): Assignments {
  return remember(inventory, assignments, () => {
    const known: Assignment[] = [];
    const byDefinition = new Map<string, Assignment[]>();
    let hidden: string | undefined;
    const sets = new Map(ofType(inventory, SETS).map((set) => [lastSegment(set.name).toLowerCase(), set]));
    for (const resource of ofType(inventory, ASSIGNMENTS)) {
      const id = at(resource.body, 'properties.policyDefinitionId');
      if (isUnknownId(id)) {
        hidden ??= id;
        continue;
      }
      const definition = lastSegment(String(id ?? '')).toLowerCase();
      const set = String(id ?? '')
        .toLowerCase()
        .includes('/policysetdefinitions/')
        ? sets.get(definition)
        : undefined;
      const parameter = (name: string) => at(resource.body, `properties.parameters.${name}.value`);
      const found: Assignment[] = set
        ? members(set, resource)
        : [{ definition, effect: parameter('effect') ?? 'Audit', parameter, resource }];
      for (const assignment of found) {
        known.push(assignment);
        const same = byDefinition.get(assignment.definition);
        if (same) same.push(assignment);
        else byDefinition.set(assignment.definition, [assignment]);
      }
    }
    return hidden === undefined ? { known, byDefinition } : { known, byDefinition, hidden };
  });
}

/** The assignments of one definition that take effect (not Disabled). */
export function assigned(all: Assignments, wanted: Wanted): Assignment[] {
  return (all.byDefinition.get(wanted.id) ?? []).filter((a) => String(a.effect).toLowerCase() !== 'disabled');
}

/** Whether some assignment denies: true, false, or the unresolved effect that may. */
export function denies(found: readonly Assignment[]): true | false | string {
  if (found.some((a) => String(a.effect).toLowerCase() === 'deny')) return true;
  const hidden = found.find((a) => isUnresolved(a.effect));
  return hidden ? String(hidden.effect) : false;
}

/** A policy a rule asks for: one of `anyOf` assigned, in Deny mode when `deny`. */
export interface Requirement {
  readonly anyOf: readonly Wanted[];
  readonly deny: boolean;
}

export type Verdict =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly why: 'missing' | 'notDenied'; readonly policies: string }
  | { readonly status: 'unknown'; readonly value: string };

/** Whether the assignments meet every requirement. */
export function meets(all: Assignments, requirements: readonly Requirement[]): Verdict {
  const names = (list: readonly Requirement[]) =>
    list.map((r) => r.anyOf.map((w) => w.name).join(' or ')).join(', ');
  const found = requirements.map((r) => ({ r, found: r.anyOf.flatMap((w) => assigned(all, w)) }));
  const missing = found.filter((f) => f.found.length === 0).map((f) => f.r);
  if (missing.length > 0)
    return all.hidden !== undefined
      ? { status: 'unknown', value: all.hidden }
      : { status: 'fail', why: 'missing', policies: names(missing) };
  const denying = found.filter((f) => f.r.deny).map((f) => ({ r: f.r, denies: denies(f.found) }));
  const notDenied = denying.filter((d) => d.denies === false).map((d) => d.r);
  // An assignment of a definition only deployment knows may be the one that denies.
  if (notDenied.length > 0)
    return all.hidden !== undefined
      ? { status: 'unknown', value: all.hidden }
      : { status: 'fail', why: 'notDenied', policies: names(notDenied) };
  const hidden = denying.find((d) => typeof d.denies === 'string');
  return hidden ? { status: 'unknown', value: String(hidden.denies) } : { status: 'pass' };
}
