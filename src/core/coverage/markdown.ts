/**
 * docs/coverage.md, from the coverage table: every heading of the spec, each
 * recommendation with how Baseplate handles it, and the left-out items by
 * reason. Plain GitHub Markdown, so it reads the same in the repository.
 */
import type { Rule } from '../verify/rule.js';
import { PSRULE_DECISIONS } from './psrule.js';
import type { Artifact, LeftOutBecause, Recommendation, SectionCoverage } from './types.js';

/** Table cells hold no pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function artifact(a: Artifact): string {
  if ('stage' in a) return `\`${a.stage}\` ${a.resource}`;
  return a.object ? `\`${a.file}\` ${a.object}` : `\`${a.file}\``;
}

function handling(r: Recommendation, rules: ReadonlyMap<string, Rule>): string {
  if (r.leftOut) return `Left out (${r.leftOut.because}): ${r.leftOut.why}`;
  return [
    r.rules?.length
      ? `Verified by ${r.rules.map((id) => `\`${id}\` (${rules.get(id)?.severity ?? '?'})`).join(', ')}`
      : undefined,
    r.artifacts?.length ? `Built in ${r.artifacts.map(artifact).join(', ')}` : undefined,
    r.config?.length ? `Set by ${r.config.map((c) => `\`${c}\``).join(', ')}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('. ');
}

export function coverageMarkdown(table: readonly SectionCoverage[], rules: readonly Rule[]): string {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const all = table.flatMap((s) => s.recommendations);
  const left = all.filter((r) => r.leftOut);
  const verified = all.filter((r) => r.rules?.length);
  const built = all.filter((r) => !r.leftOut && !r.rules?.length);
  const reasons = [...new Set(left.map((r) => r.leftOut?.because))].filter(
    (b): b is LeftOutBecause => b !== undefined,
  );
  const lines = [
    '# Spec coverage',
    '',
    'How Baseplate accounts for each recommendation of Microsoft\'s "Baseline architecture for an Azure',
    'Kubernetes Service (AKS) cluster" (vendored in `docs/spec/`): the rules that verify it, the artifacts',
    'that build it (ARM stages as `deployment-order.json` names them, `NN` for the spoke; files of the GitOps',
    'repository and the pipelines), the configuration that changes it, or why it is left out.',
    '',
    'Generated from `src/core/coverage/table.ts` by `npm run coverage`; a test fails when this file is stale,',
    'when a heading of the spec has no entry, or when an entry names a rule, an artifact or a setting that',
    'does not exist.',
    '',
    `${table.length} sections, ${all.length} recommendations: ${verified.length} verified by a rule, ` +
      `${built.length} built without a rule of their own, ${left.length} left out.`,
    '',
  ];
  for (const section of table) {
    lines.push(`## ${section.heading}`, '', '| Recommendation | How Baseplate handles it |', '| --- | --- |');
    for (const r of section.recommendations) lines.push(`| ${cell(r.text)} | ${cell(handling(r, byId))} |`);
    lines.push('');
  }
  lines.push('## Left out, by reason', '');
  for (const because of reasons) {
    lines.push(`### ${because[0]?.toUpperCase() ?? ''}${because.slice(1)}`, '');
    for (const section of table)
      for (const r of section.recommendations)
        if (r.leftOut?.because === because) lines.push(`- ${section.heading}: ${r.text} ${r.leftOut.why}`);
    lines.push('');
  }
  lines.push(
    '## PSRule for Azure',
    '',
    "Baseplate's decision on each GA rule of PSRule for Azure for the resource types it deploys and for the",
    'template files. A departure is declared in `azure/ps-rule.yaml` with its reason: suppressed for the resources',
    "that depart, or set through the rule's own option, or (rules on the template files) excluded; a gap is",
    'never suppressed. Generated from `src/core/coverage/psrule.ts`.',
    '',
    '| Rule | Decision | Reason | Spec section |',
    '| --- | --- | --- | --- |',
    ...PSRULE_DECISIONS.map((d) => `| \`${d.rule}\` | ${d.decision} | ${cell(d.reason)} | ${d.section} |`),
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
