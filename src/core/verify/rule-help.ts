/**
 * A rule's documentation, in one place: the page docs/rules/<ID>.md
 * (`npm run rule-docs`, scripts/write-rule-docs.ts) and the `help` of its SARIF
 * descriptor (./sarif.ts) are both made here, from the rule's module (and its
 * table of cases, for the page), so neither can say what the other does not.
 */
import type { Rule } from './rule.js';
import { IGNORE_PREFIX, ignoreKey } from './suppressions.js';
import type { RuleCase, RuleCases } from './rules/cases.js';
import { CASE_KINDS } from './rules/cases.js';

/** The spec the rules cite, in the repository. */
export const SPEC = {
  title: 'Baseline architecture for an AKS cluster',
  file: 'docs/spec/aks-baseline-architecture.txt',
};

/** Markdown that shows `text` as it is: its own markup characters escaped. */
const escape = (text: string): string => text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);

/** How a finding of the rule is accepted on purpose (the configuration's `verify.suppress`). */
function suppression(rule: Rule): { text: string; markdown: string } {
  const yaml = [
    'verify:',
    '  suppress:',
    `    - rule: ${rule.id}`,
    '      target: <part of the target>  # optional: all of its findings when left out',
    '      reason: <why it is accepted>',
  ].join('\n');
  const lead = 'Accept a finding in the configuration, with its reason; reports list it as suppressed:';
  const key = ignoreKey(rule);
  const beside =
    `Or beside what it excuses: \`${key}: <why it is accepted>\` (or \`${IGNORE_PREFIX}${rule.ref}\`) in a Kubernetes object's ` +
    "annotations or an ARM resource's `metadata`; it applies to that object's findings only.";
  return {
    text: `${lead}\n\n${yaml}\n\n${beside.replaceAll('`', '')}`,
    markdown: `${lead}\n\n\`\`\`yaml\n${yaml}\n\`\`\`\n\n${beside}`,
  };
}

export interface RuleHelp {
  /** The heading of the rule's page: its ID and title. */
  readonly heading: string;
  /** Plain text, for SARIF's `help.text`. */
  readonly text: string;
  /** The body of the rule's page, and SARIF's `help.markdown`. */
  readonly markdown: string;
}

/** The rule's messages, as its findings say them (`{name}`: a value filled in). */
function messages(rule: Rule): string | undefined {
  if (!rule.messages) return undefined;
  const rows = Object.entries(rule.messages).map(
    ([id, text]) => `| \`${id}\` | ${escape(text).replace(/\|/g, '\\|')} |`,
  );
  return [
    '## Messages',
    'What a finding of the rule says after its target, by message ID (findings.json\'s `said`, SARIF\'s `messageId`); `{name}` is a value filled in. Besides these, an unknown outcome may say `unresolved` ("depends on {value}") or that the resources it needs are not among the inputs.',
    `| ID | Text |\n| --- | --- |\n${rows.join('\n')}`,
  ].join('\n\n');
}

const KIND_NAMES: Record<(typeof CASE_KINDS)[number][0], string> = {
  pass: 'pass',
  fail: 'fail',
  notApplicable: 'not applicable',
  unknown: 'unknown',
};

/** The rule's table of cases, as the page lists it. */
function casesSection(rule: Rule, cases: RuleCases): string {
  const rows: string[] = [];
  for (const [kind] of CASE_KINDS) {
    const list = cases[kind];
    if ('never' in list) continue;
    for (const c of list as readonly (RuleCase & { message?: string })[])
      rows.push(`| ${KIND_NAMES[kind]} | ${escape(c.title)} | ${c.message ? `\`${c.message}\`` : ''} |`);
  }
  const never = 'never' in cases.unknown ? `\n\nNever unknown: ${escape(cases.unknown.never)}` : '';
  return [
    '## Cases',
    `Each case is an input and the outcome the rule must give for it; the test suite runs them all (\`src/core/verify/rules/${rule.id}.cases.ts\`).`,
    `| Outcome | Case | Message |\n| --- | --- | --- |\n${rows.join('\n')}${never}`,
  ].join('\n\n');
}

export function ruleHelp(rule: Rule, cases?: RuleCases): RuleHelp {
  const { ref: id, pillar } = rule;
  const suppress = suppression(rule);
  const facts: Array<[string, string]> = [
    ['Name', `\`${rule.id}\``],
    ['Severity', rule.severity],
    ['Pillar', pillar],
    ['Area', rule.area],
    ['Spec section', `${escape(rule.spec.section)} (${SPEC.title}, \`${SPEC.file}\`)`],
  ];
  const markdown = [
    '| | |\n| --- | --- |\n' + facts.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`).join('\n'),
    `> ${escape(rule.spec.quote)}`,
    `## Why\n\n${escape(rule.why)}`,
    `## How to fix\n\n${escape(rule.fix)}`,
    '## Outcomes\n\n' +
      'Pass or fail for each thing the rule looks at; unknown, never pass or fail, when the answer rests on a value only deployment knows or on resources not among the inputs; nothing when the inputs hold nothing it applies to.',
    messages(rule),
    cases && casesSection(rule, cases),
    `## How to suppress\n\n${suppress.markdown}`,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
  const text = [
    `${id} ${rule.id}: ${rule.title}`,
    `Severity ${rule.severity}, pillar ${pillar}, area ${rule.area}.`,
    `Spec "${rule.spec.section}" (${SPEC.title}): "${rule.spec.quote}"`,
    `Why: ${rule.why}`,
    `Fix: ${rule.fix}`,
    suppress.text,
  ].join('\n\n');
  return { heading: `${id}: ${rule.title}`, text, markdown };
}

/** The page docs/rules/<ID>.md. */
export function ruleDoc(rule: Rule, cases?: RuleCases): string {
  const help = ruleHelp(rule, cases);
  return `# ${escape(help.heading)}\n\n${help.markdown}\n`;
}

/** Every file of docs/rules/, by name: a page per rule given an ID, and the index of them. */
export function ruleDocFiles(
  rules: readonly Rule[],
  tables: readonly RuleCases[] = [],
): Record<string, string> {
  const casesOf = new Map<Rule, RuleCases>(tables.map((table) => [table.rule, table]));
  const given = [...rules].sort((a, b) => (a.ref < b.ref ? -1 : 1));
  const index = [
    '# Rules',
    '',
    `Every rule of \`baseplate verify\` and \`plan\`, by its stable ID. Generated from the rules' modules and their tables of cases (\`src/core/verify/rules/<name>.ts\`, \`<name>.cases.ts\`) by \`npm run rule-docs\`; SARIF carries the same text as each rule's \`help\`.`,
    '',
    '| ID | Name | Title | Severity | Pillar |',
    '| --- | --- | --- | --- | --- |',
    ...given.map(
      (rule) =>
        `| [${rule.ref}](${rule.ref}.md) | \`${rule.id}\` | ${escape(rule.title)} | ${rule.severity} | ${rule.pillar} |`,
    ),
    '',
  ].join('\n');
  return {
    'README.md': index,
    ...Object.fromEntries(given.map((rule) => [`${rule.ref}.md`, ruleDoc(rule, casesOf.get(rule))])),
  };
}
