/**
 * Every namespace a Deny assignment of a Kubernetes policy exempts is still
 * audited by an Audit assignment of the same definition. The Kubernetes
 * definitions never evaluate kube-system, gatekeeper-system and azure-arc
 * ("always excluded by design", azure-policy built-in-policies/policyDefinitions/
 * Kubernetes/*.json, parameter excludedNamespaces): exempting those exempts nothing.
 */
import { isUnresolved } from '../../../arm-values.js';
import type { Outcome } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { label, outcome } from '../select.js';
import type { Assignment } from './assignments.js';
import { assignments } from './assignments.js';
import { NEVER_EVALUATED_NAMESPACES } from '../../../policy-namespaces.js';

const parameter = (a: Assignment, name: string): unknown => a.parameter(name);

const names = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Whether assignment `a` evaluates namespace `ns`: true, false, or the unresolved value it rests on. */
function evaluates(a: Assignment, ns: string): boolean | string {
  const only = parameter(a, 'namespaces');
  const excluded = parameter(a, 'excludedNamespaces');
  for (const value of [only, excluded]) if (isUnresolved(value)) return String(value);
  const included = names(only);
  const out = names(excluded);
  if (included.length > 0 && !included.includes(ns)) return included.find(isUnresolved) ?? false;
  if (out.includes(ns)) return false;
  // A namespace only deployment knows may be this one.
  return out.find(isUnresolved) ?? true;
}

export default defineRule({
  ref: 'BP1113',
  id: 'policy/exempt-namespaces-audited',
  title: 'Namespaces exempt from a Deny policy are still audited',
  severity: 'warning',
  pillar: 'Security',
  area: 'policy',
  spec: {
    section: 'Policy management',
    quote:
      "We recommend that you still apply policies in Audit mode so that you're aware of those instances.",
  },
  why: 'A namespace exempt from enforcement and from audit is invisible: whatever runs there is never reported.',
  fix: 'For every Deny assignment with excludedNamespaces, assign the same definition with effect Audit and namespaces set to the exempt ones.',
  messages: { unaudited: 'exempts {namespaces} and no Audit assignment of the definition evaluates them' },
  check: (inventory, say) => {
    const { known: all, byDefinition, hidden: hiddenDefinition } = assignments(inventory);
    return all.flatMap((a): Outcome[] => {
      const same = byDefinition.get(a.definition) ?? [];
      if (String(a.effect).toLowerCase() !== 'deny') return [];
      const excluded = parameter(a, 'excludedNamespaces');
      const target = a.member ? `${label(a.resource)} (${a.member})` : label(a.resource);
      if (isUnresolved(excluded))
        return [
          outcome('unknown', target, say('unresolved', { value: String(excluded) }), a.resource.source),
        ];
      // Only the Kubernetes definitions take excludedNamespaces.
      if (!Array.isArray(excluded)) return [];
      const exempt = names(excluded).filter(
        (ns) => !NEVER_EVALUATED_NAMESPACES.includes(ns) && !isUnresolved(ns),
      );
      // An exempt namespace only deployment knows: nobody can tell whether it is audited.
      const unnamed = names(excluded).find(isUnresolved);
      const audits = same.filter((b) => String(b.effect).toLowerCase() === 'audit');
      const verdicts = exempt.map((ns) => ({ ns, seen: audits.map((b) => evaluates(b, ns)) }));
      const unaudited = verdicts.filter((v) => v.seen.every((s) => s === false)).map((v) => v.ns);
      const hidden =
        unnamed ??
        verdicts.flatMap((v) => (v.seen.includes(true) ? [] : v.seen)).find((s) => typeof s === 'string');
      // An assignment of a definition, or with an effect, only deployment knows may be the audit.
      const maybe = hiddenDefinition ?? same.find((b) => isUnresolved(b.effect))?.effect;
      if (unaudited.length > 0 && maybe !== undefined)
        return [outcome('unknown', target, say('unresolved', { value: String(maybe) }), a.resource.source)];
      if (unaudited.length > 0)
        return [
          outcome('fail', target, say('unaudited', { namespaces: unaudited.join(', ') }), a.resource.source),
        ];
      return hidden !== undefined
        ? [outcome('unknown', target, say('unresolved', { value: String(hidden) }), a.resource.source)]
        : [outcome('pass', target, undefined, a.resource.source)];
    });
  },
});
