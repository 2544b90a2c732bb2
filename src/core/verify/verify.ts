/**
 * Runs the rules on an inventory. A failing outcome is a finding at the rule's
 * severity; an unknown one is a note, never a pass or a fail. The result is the
 * pipeline's one diagnostic shape, so exit codes and output work as for plan.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Inventory } from './inventory.js';
import type { Outcome, Rule } from './rule.js';
import { RULES } from './rules/index.js';

export interface RuleResult {
  readonly rule: Rule;
  readonly outcomes: readonly Outcome[];
}

export interface Verification {
  readonly results: readonly RuleResult[];
  readonly diagnostics: readonly Diagnostic[];
}

/** "Nodes have …" → "nodes have …", but "LoadBalancer services" stays. */
function inSentence(title: string): string {
  const first = title.split(' ')[0] ?? '';
  return first.slice(1) === first.slice(1).toLowerCase()
    ? `${title.charAt(0).toLowerCase()}${title.slice(1)}`
    : title;
}

function finding(rule: Rule, outcome: Outcome): Diagnostic {
  const unknown = outcome.status === 'unknown';
  return {
    code: rule.id,
    severity: unknown ? 'info' : rule.severity,
    kind: 'finding',
    message: `${outcome.target}: ${unknown ? 'cannot tell whether ' : ''}${inSentence(rule.title)}${outcome.detail ? ` (${outcome.detail})` : ''}`,
    fix: unknown ? undefined : rule.fix,
    file: outcome.source,
  };
}

export function verify(inventory: Inventory, rules: readonly Rule[] = RULES): Verification {
  const results = rules.map((rule) => ({ rule, outcomes: rule.check(inventory) }));
  return {
    results,
    diagnostics: [
      ...inventory.problems,
      ...results.flatMap(({ rule, outcomes }) =>
        outcomes.filter((o) => o.status !== 'pass').map((o) => finding(rule, o)),
      ),
    ],
  };
}
