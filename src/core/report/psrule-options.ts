/**
 * azure/ps-rule.yaml: the options file of PSRule for Azure for the plan's
 * templates. It turns on the expansion of parameter files (each
 * `NN-stage.parameters.json` names its template by the naming convention), and
 * declares each rule the design departs from, with the reason and the spec
 * section as comments: a rule option set to the design's choice
 * (`configuration`), the rule excluded (`rule.exclude`, for rules on the
 * template files), or the rule suppressed for the resources that depart
 * (`suppression`: a rule name and the target names it skips). The decisions are
 * coverage/psrule.ts's.
 *
 * Sources: PSRule for Azure, "Suppression and excluding rules"
 * (azure.github.io/PSRule.Rules.Azure/concepts/suppression) and "Using
 * templates" (azure.github.io/PSRule.Rules.Azure/using-templates).
 */
import type { ResolvedResource } from '../formats/resources.js';
import type { PsRuleEntry } from '../coverage/psrule.js';
import { PSRULE_DECISIONS } from '../coverage/psrule.js';

export const PSRULE_OPTIONS_PATH = 'azure/ps-rule.yaml';

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Comment lines of at most about 100 characters. */
function comment(text: string, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length > 96) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}# ${line}`);
  return lines;
}

/** The resources each departure suppresses, in the order of resources.json. */
export function psRuleSuppressions(
  resources: readonly ResolvedResource[],
  decisions: readonly PsRuleEntry[] = PSRULE_DECISIONS,
): readonly { readonly entry: PsRuleEntry; readonly names: readonly string[] }[] {
  return decisions.flatMap((entry) => {
    if (entry.decision !== 'departure' || !entry.departs) return [];
    const names = [...new Set(resources.filter((r) => entry.departs?.(r, resources)).map((r) => r.name))];
    return names.length ? [{ entry, names }] : [];
  });
}

/** The rule options the departures set, each with its entry. */
export function psRuleConfiguration(
  resources: readonly ResolvedResource[],
  decisions: readonly PsRuleEntry[] = PSRULE_DECISIONS,
): readonly { readonly entry: PsRuleEntry; readonly options: Readonly<Record<string, unknown>> }[] {
  return decisions.flatMap((entry) => {
    const options = entry.decision === 'departure' ? entry.configure?.(resources) : undefined;
    return options ? [{ entry, options }] : [];
  });
}

/** A scalar in YAML: strings quoted. */
const scalar = (value: unknown) => (typeof value === 'string' ? quoted(value) : String(value));

export function psRuleOptions(resources: readonly ResolvedResource[]): string {
  const suppressed = psRuleSuppressions(resources);
  const configured = psRuleConfiguration(resources);
  const excluded = PSRULE_DECISIONS.filter((d) => d.decision === 'departure' && d.exclude);
  const gaps = [
    ...PSRULE_DECISIONS.filter((d) => d.decision === 'gap').map((d) => ({ rule: d.rule, why: d.reason })),
    ...PSRULE_DECISIONS.flatMap((d) =>
      d.decision === 'departure' && d.gap ? [{ rule: d.rule, why: d.gap }] : [],
    ),
  ];
  const lines = [
    ...comment(
      'PSRule for Azure options for the ARM templates of this folder, written by Baseplate. Run PSRule ' +
        'for Azure from this folder (see the README of Baseplate, "PSRule for Azure"). Every rule ' +
        'declared below (set through its option, excluded, or suppressed for the resources named) is a ' +
        'deliberate departure of the design, with its reason and the section of "Baseline architecture ' +
        'for an AKS cluster" that decides it; docs/coverage.md of Baseplate lists the decision on every ' +
        'GA rule of PSRule for Azure for these resource types and for the template files.',
    ),
    'configuration:',
    '  # Expand each NN-<stage>.parameters.json with the NN-<stage>.json beside it.',
    '  AZURE_PARAMETER_FILE_EXPANSION: true',
  ];
  for (const { entry, options } of configured) {
    lines.push(...comment(`${entry.rule}: ${entry.reason}. Spec: "${entry.section}".`, '  '));
    for (const [key, value] of Object.entries(options))
      if (Array.isArray(value)) lines.push(`  ${key}:`, ...value.map((v) => `  - ${scalar(v)}`));
      else lines.push(`  ${key}: ${scalar(value)}`);
  }
  if (excluded.length) {
    lines.push('rule:', '  exclude:');
    for (const entry of excluded) {
      lines.push(...comment(`${entry.reason}. Spec: "${entry.section}".`, '  '));
      lines.push(`  - ${entry.rule}`);
    }
  }
  if (suppressed.length) {
    lines.push('suppression:');
    for (const { entry, names } of suppressed) {
      lines.push(`  ${entry.rule}:`);
      lines.push(...comment(`${entry.reason}. Spec: "${entry.section}".`, '  '));
      for (const name of names) lines.push(`  - ${quoted(name)}`);
    }
  }
  if (gaps.length) {
    lines.push(
      ...comment('Not declared: rules the design does not meet yet, left to fail until it does:'),
      ...gaps.flatMap((g) =>
        comment(`${g.rule}: ${g.why}.`).map((line, i) => line.replace(/^# /, i ? '#     ' : '#   ')),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
