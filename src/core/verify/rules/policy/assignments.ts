/**
 * What the policy rules read of Azure Policy assignments: which built-in
 * definition each assigns (by its GUID, the last segment of the definition
 * ID), with which effect and parameters.
 */
import type { AzureResource, Inventory } from '../../inventory.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { isUnknownId, ofType, remember } from '../select.js';

export const ASSIGNMENTS = 'Microsoft.Authorization/policyAssignments';

export interface Assignment {
  /** The definition's GUID in lower case. */
  readonly definition: string;
  /** The `effect` parameter as written; the definition's default (`Audit`) when absent. */
  readonly effect: unknown;
  readonly resource: AzureResource;
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
    for (const resource of ofType(inventory, ASSIGNMENTS)) {
      const id = at(resource.body, 'properties.policyDefinitionId');
      if (isUnknownId(id)) {
        hidden ??= id;
        continue;
      }
      const definition = (
        String(id ?? '')
          .split('/')
          .at(-1) ?? ''
      ).toLowerCase();
      const assignment = {
        definition,
        effect: at(resource.body, 'properties.parameters.effect.value') ?? 'Audit',
        resource,
      };
      known.push(assignment);
      const same = byDefinition.get(definition);
      if (same) same.push(assignment);
      else byDefinition.set(definition, [assignment]);
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
