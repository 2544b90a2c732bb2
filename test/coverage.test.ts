/**
 * The spec coverage table accounts for the whole spec: every heading of the
 * spec has an entry, every entry names rules, artifacts and settings that
 * exist (or says why it is left out), every rule cites a heading and quotes
 * the spec, and docs/coverage.md is what the table says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { coverageMarkdown } from '../src/core/coverage/markdown.js';
import { COVERAGE } from '../src/core/coverage/table.js';
import type { Artifact, SectionCoverage } from '../src/core/coverage/types.js';
import type { DeploymentOrder } from '../src/core/formats/deployment-order.js';
import type { Rule } from '../src/core/verify/rule.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { planOk, repoRoot } from './helpers.js';
import { quoted, specHeadings } from './spec.js';

type Json = Record<string, unknown>;

/** Plans whose artifacts together hold every optional stage: the default, and each option turned on. */
const plans = [
  '{}',
  'cost: { monthlyBudget: 4000 }\ndefender: { enabled: true }',
  'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true, vnetIntegration: true } } }]',
].map((config) => new Map(planOk(config).files.map((f) => [f.path, f.content] as const)));
/** The files of the default plan, where the GitOps repository and the pipelines are the same in every plan. */
const files = plans[0] ?? new Map<string, string>();

/** Every resource type of a template, nested deployments included. */
function resourceTypes(template: Json, into = new Set<string>()): Set<string> {
  const resources = template['resources'];
  for (const r of (Array.isArray(resources) ? resources : Object.values(resources ?? {})) as Json[]) {
    into.add(String(r['type']).toLowerCase());
    const inner = (r['properties'] as Json | undefined)?.['template'];
    if (inner) resourceTypes(inner as Json, into);
  }
  return into;
}

/** The resource types of each stage of the plans, by stage name. */
const templates = new Map<string, Set<string>>();
for (const plan of plans) {
  const order = plan.get('azure/deployment-order.json') ?? '{"stages":[]}';
  for (const stage of (JSON.parse(order) as DeploymentOrder).stages) {
    const template = plan.get(`azure/${stage.template}`);
    if (template) templates.set(stage.name, resourceTypes(JSON.parse(template) as Json));
  }
}

function artifactProblem(a: Artifact): string | undefined {
  if ('stage' in a) {
    const types = templates.get(a.stage.replace('NN', '00'));
    if (!types) return `no stage ${a.stage}`;
    return types.has(a.resource.toLowerCase()) ? undefined : `no ${a.resource} in stage ${a.stage}`;
  }
  const content = files.get(a.file);
  if (content === undefined) return `no file ${a.file}`;
  if (!a.object) return undefined;
  const [kind, name] = a.object.split('/');
  const found = parseAllDocuments(content).some((d) => {
    const o = d.toJS() as Json | null;
    return o?.['kind'] === kind && (o?.['metadata'] as Json | undefined)?.['name'] === name;
  });
  return found ? undefined : `no ${a.object} in ${a.file}`;
}

/** The configuration fields, as dotted paths with `[]` for arrays, from the committed JSON schema. */
function configPaths(): Set<string> {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'baseplate.schema.json'), 'utf8')) as Json;
  const out = new Set<string>();
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as Json;
    for (const [key, child] of Object.entries((n['properties'] ?? {}) as Json)) {
      out.add(`${prefix}${key}`);
      walk(child, `${prefix}${key}.`);
    }
    if (n['items']) walk(n['items'], `${prefix.replace(/\.$/, '')}[].`);
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
      for (const alt of (n[k] ?? []) as unknown[]) walk(alt, prefix);
  };
  walk(schema, '');
  return out;
}
const CONFIG = configPaths();

/** What is wrong with a coverage table, against the spec, the rules, the plans and the schema. */
function problemsOf(table: readonly SectionCoverage[], rules: readonly Rule[] = RULES): string[] {
  const problems: string[] = [];
  const headings = specHeadings();
  const listed = table.map((s) => s.heading);
  for (const h of headings) if (!listed.includes(h)) problems.push(`heading "${h}" has no entry`);
  for (const h of listed) if (!headings.includes(h)) problems.push(`"${h}" is not a heading of the spec`);
  if (
    listed.filter((h) => headings.includes(h)).join('\n') !==
    headings.filter((h) => listed.includes(h)).join('\n')
  )
    problems.push('the entries are not in the order of the spec');
  const ids = new Set(rules.map((r) => r.id));
  const cited = new Map<string, string[]>();
  for (const section of table) {
    if (section.recommendations.length === 0) problems.push(`${section.heading}: no recommendation`);
    for (const r of section.recommendations) {
      const where = `${section.heading}: "${r.text}"`;
      const handled = Boolean(r.rules?.length || r.artifacts?.length || r.config?.length);
      if (r.leftOut && handled) problems.push(`${where} is left out and handled at once`);
      if (!r.leftOut && !handled) problems.push(`${where} is neither handled nor left out`);
      if (r.leftOut && r.leftOut.why.trim() === '') problems.push(`${where} is left out without a reason`);
      for (const id of r.rules ?? []) {
        if (!ids.has(id)) problems.push(`${where} cites rule ${id}, which does not exist`);
        cited.set(id, [...(cited.get(id) ?? []), section.heading]);
      }
      for (const a of r.artifacts ?? []) {
        const problem = artifactProblem(a);
        if (problem) problems.push(`${where}: ${problem}`);
      }
      for (const path of r.config ?? [])
        if (!CONFIG.has(path)) problems.push(`${where} cites setting ${path}, which does not exist`);
    }
  }
  for (const rule of rules) {
    if (!headings.includes(rule.spec.section))
      problems.push(`rule ${rule.id} cites "${rule.spec.section}", which is not a heading of the spec`);
    if (!quoted(rule.spec.quote, rule.spec.section))
      problems.push(`rule ${rule.id} quotes what its section of the spec does not say`);
    if (!cited.get(rule.id)?.includes(rule.spec.section))
      problems.push(`rule ${rule.id} is not in the table under "${rule.spec.section}", the section it cites`);
  }
  return problems;
}

describe('spec coverage', () => {
  it('accounts for every heading of the spec, with rules, artifacts and settings that exist', () => {
    assert.ok(specHeadings().length > 60, `${specHeadings().length} headings`);
    assert.deepEqual(problemsOf(COVERAGE), []);
  });

  it('catches a missing heading, an unknown rule, artifact or setting, and a rule citing no heading', () => {
    const [first, second, ...rest] = COVERAGE;
    assert.ok(first && second);
    const broken: SectionCoverage[] = [
      {
        heading: first.heading,
        recommendations: [
          { text: 'a rule that is not', rules: ['aks/no-such-rule'] },
          {
            text: 'a stage that is not',
            artifacts: [{ stage: 'cluster-NN', resource: 'Microsoft.Web/sites' }],
          },
          { text: 'a file that is not', artifacts: [{ file: 'gitops/nowhere.yaml' }] },
          {
            text: 'an object that is not',
            artifacts: [{ file: 'gitops/infrastructure/traefik/traefik.yaml', object: 'Deployment/nginx' }],
          },
          { text: 'a setting that is not', config: ['spokes[].cluster.magic'] },
          { text: 'neither' },
          {
            text: 'both',
            rules: ['aks/local-accounts'],
            leftOut: { because: 'optional in the spec', why: 'x' },
          },
        ],
      },
      ...rest,
    ];
    const lonely: Rule = {
      ...RULES[0]!,
      id: 'x/lonely',
      spec: { section: 'Deployment Safeguards', quote: 'no latest tags' },
    };
    const problems = problemsOf(broken, [...RULES, lonely]);
    for (const expected of [
      `heading "${second.heading}" has no entry`,
      'cites rule aks/no-such-rule, which does not exist',
      'no Microsoft.Web/sites in stage cluster-NN',
      'no file gitops/nowhere.yaml',
      'no Deployment/nginx in gitops/infrastructure/traefik/traefik.yaml',
      'cites setting spokes[].cluster.magic, which does not exist',
      '"neither" is neither handled nor left out',
      '"both" is left out and handled at once',
      'rule x/lonely cites "Deployment Safeguards", which is not a heading of the spec',
      'rule x/lonely quotes what its section of the spec does not say',
    ])
      assert.ok(
        problems.some((p) => p.includes(expected)),
        `${expected} not among:\n${problems.join('\n')}`,
      );
    const reordered = [second, first, ...rest];
    assert.ok(problemsOf(reordered).includes('the entries are not in the order of the spec'));
  });

  it('gives the items left out by choice their reason', () => {
    const left = COVERAGE.flatMap((s) => s.recommendations).filter((r) => r.leftOut);
    for (const topic of [
      /Windows/,
      /multi-?region|active\/active/i,
      /backup/i,
      /KEDA/,
      /Flagger|canary|blue-green/i,
      /service mesh|pod-to-pod TLS|end-to-end TLS/i,
      /HTTP proxy/i,
      /SLO/,
      /access review/i,
      /preview/i,
    ])
      assert.ok(
        left.some((r) => topic.test(`${r.text} ${r.leftOut?.why ?? ''}`)),
        `nothing left out about ${String(topic)}`,
      );
  });

  it('is what docs/coverage.md says (npm run coverage rewrites it)', () => {
    const committed = readFileSync(join(repoRoot, 'docs', 'coverage.md'), 'utf8');
    assert.equal(
      committed,
      coverageMarkdown(COVERAGE, RULES),
      'docs/coverage.md is stale: run npm run coverage',
    );
  });
});
