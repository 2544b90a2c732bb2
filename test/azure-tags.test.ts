/**
 * Tags and node labels are refused at plan time when Azure or Kubernetes would
 * refuse them at deployment (Learn "Use tags to organize your Azure resources",
 * Limitations; Kubernetes "Labels and Selectors", Syntax and character set), and
 * the tags counted are those each planned resource really carries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import type { ArmResource } from '../src/core/artifacts/arm/template.js';
import { BASEPLATE_TAGS, NODE_POOL_TAG } from '../src/core/config/azure-tags.js';
import { labelKeyProblem, labelValueProblem } from '../src/core/config/kubernetes-labels.js';
import { loadConfig } from '../src/core/config/load.js';
import type { OutputFile } from '../src/core/plan.js';
import { only, planErrors, planOk } from './helpers.js';

/** `count` tags named t0, t1 … as YAML lines under `indent`. */
const tagLines = (count: number, indent: string, name = (i: number) => `t${i}`) =>
  Array.from({ length: count }, (_, i) => `${indent}${name(i)}: v${i}\n`).join('');

/** Every resource of the plan's templates with its tags, node pools as their own entries. */
function taggedResources(
  files: readonly OutputFile[],
): Array<{ type: string; tags: Record<string, string> }> {
  const found: Array<{ type: string; tags: Record<string, string> }> = [];
  const visit = (resources: readonly ArmResource[]) => {
    for (const resource of resources) {
      if (typeof resource.tags === 'object' && resource.tags !== null)
        found.push({ type: resource.type, tags: resource.tags as Record<string, string> });
      const properties = (resource.properties ?? {}) as {
        agentPoolProfiles?: Array<{ tags?: Record<string, string> }>;
        template?: { resources?: ArmResource[] };
      };
      for (const pool of properties.agentPoolProfiles ?? [])
        if (pool.tags) found.push({ type: 'agentPool', tags: pool.tags });
      visit(properties.template?.resources ?? []);
    }
  };
  for (const file of files.filter(
    (f) => /^azure\/.*\.json$/.test(f.path) && !f.path.endsWith('parameters.json'),
  ))
    visit((JSON.parse(file.content) as { resources?: ArmResource[] }).resources ?? []);
  return found;
}

const POOL = `spokes:
  - name: '00'
    addressSpace: 10.240.0.0/16
    cluster:
      userPools:
        - name: npuser01
          tags:
`;

describe('Azure tags, as each resource really gets them', () => {
  it('plans 12 tags of its own: a private DNS zone then carries 15, the most Azure allows on one', () => {
    const outcome = planOk(`tags:\n${tagLines(12, '  ')}`);
    const resources = taggedResources(outcome.files);
    const zones = resources.filter((r) => r.type === 'Microsoft.Network/privateDnsZones');
    assert.ok(zones.length > 0, 'every plan has private DNS zones');
    for (const zone of zones) assert.equal(Object.keys(zone.tags).length, 15);
    assert.ok(resources.every((r) => Object.keys(r.tags).length <= 50));
  });

  it('refuses a 13th tag (exit 2, naming the field and the limit)', () => {
    const refused = only(planErrors(`tags:\n${tagLines(13, '  ')}`), 'config/tag-count');
    assert.deepEqual(refused.path, ['tags']);
    assert.match(refused.message, /16 tags .*Azure allows 15 on a private DNS zone/);
    assert.match(refused.fix ?? '', /at most 12/);
  });

  it("counts Baseplate's own names once: a tag named environment adds none", () => {
    planOk(`tags:\n  environment: x\n${tagLines(12, '  ')}`);
  });

  it('plans a node pool at 50 tags with the top-level ones and refuses the 51st', () => {
    // 5 top-level + workload, environment, component + node-pool = 9; 41 of the pool's own make 50.
    const top = `tags:\n${tagLines(5, '  ', (i) => `top${i}`)}`;
    const outcome = planOk(`${top}${POOL}${tagLines(41, '            ')}`);
    const pools = taggedResources(outcome.files).filter((r) => r.type === 'agentPool');
    assert.equal(Math.max(...pools.map((p) => Object.keys(p.tags).length)), 50);
    const refused = only(planErrors(`${top}${POOL}${tagLines(42, '            ')}`), 'config/tag-count');
    assert.deepEqual(refused.path, ['spokes', 0, 'cluster', 'userPools', 0, 'tags']);
    assert.match(refused.message, /51 tags .*Azure allows 50/);
  });

  it('knows every tag name Baseplate writes: only the configured ones and its own appear', () => {
    const outcome = planOk(`tags:\n  costCenter: '4711'\n${POOL}            team: payments\n`);
    const allowed = new Set(['costCenter', 'team', ...BASEPLATE_TAGS, NODE_POOL_TAG]);
    for (const { type, tags } of taggedResources(outcome.files))
      for (const name of Object.keys(tags)) assert.ok(allowed.has(name), `${type} has the tag ${name}`);
  });

  it('refuses each character Azure forbids in a tag name, and accepts the others', () => {
    for (const character of ['<', '>', '%', '&', '\\', '?', '/']) {
      const name = `a${character}b`;
      const refused = only(planErrors(`tags:\n  ${JSON.stringify(name)}: x\n`), 'config/tag-name');
      assert.deepEqual(refused.path, ['tags', name]);
      assert.ok(refused.message.includes(character), refused.message);
    }
    planOk(`tags:\n  "Cost Center: #1 (ops) é.=+-_@": x\n`);
  });

  it('refuses names over 512 characters and values over 256, and takes them at the limits', () => {
    planOk(`tags:\n  ${'n'.repeat(512)}: ${'v'.repeat(256)}\n`);
    assert.match(
      only(planErrors(`tags:\n  ${'n'.repeat(513)}: x\n`), 'config/tag-name').message,
      /513 characters; Azure allows 512/,
    );
    assert.match(
      only(planErrors(`tags:\n  note: ${'v'.repeat(257)}\n`), 'config/tag-value').message,
      /257 characters; Azure allows 256/,
    );
  });

  it('refuses one name in two cases, which Azure reads as one tag', () => {
    const refused = only(planErrors('tags:\n  Owner: a\n  owner: b\n'), 'config/tag-name');
    assert.deepEqual(refused.path, ['tags', 'owner']);
    assert.equal(
      only(planErrors(`tags:\n  owner: a\n${POOL}            OWNER: b\n`), 'config/tag-name').path?.at(-1),
      'OWNER',
    );
    // The same name, written the same, gives the pool its own value.
    planOk(`tags:\n  owner: a\n${POOL}            owner: b\n`);
  });

  it('refuses 10,000 tags with one count and no more than a screen of problems', () => {
    const refused = planErrors(`tags:\n${tagLines(10_000, '  ')}`);
    assert.equal(only(refused, 'config/tag-count').path?.length, 1);
    const bad = planErrors(`tags:\n${tagLines(10_000, '  ', (i) => `a/${i}`)}`);
    assert.ok(bad.length <= 10, `${bad.length} diagnostics`);
    assert.match(only(bad, 'config/more').message, /and 9995 more problems/);
  });
});

describe('node labels, as Kubernetes and AKS take them', () => {
  it('accepts the label syntax of "Labels and Selectors"', () => {
    for (const key of [
      'team',
      'a',
      'A-b_c.d9',
      'x'.repeat(63),
      'example.com/team',
      'a.b-c.example/Tier_1',
      `${'a'.repeat(253)}/x`,
      'kubernetes.io.example.com/x',
    ])
      assert.equal(labelKeyProblem(key), undefined, key);
    for (const value of ['', 'v', 'V-1.2_b', 'x'.repeat(63)])
      assert.equal(labelValueProblem(value), undefined);
  });

  it('refuses what Kubernetes or AKS would refuse, saying why', () => {
    const keys: Array<[string, RegExp]> = [
      ['x'.repeat(64), /64 characters; at most 63/],
      ['-team', /begin and end with a letter or digit/],
      ['team.', /begin and end with a letter or digit/],
      ['te am', /hold only letters/],
      ['', /empty/],
      ['example.com/', /empty/],
      ['a/b/c', /more than one "\/"/],
      ['Example.com/x', /DNS subdomain/],
      ['exa_mple.com/x', /DNS subdomain/],
      [`${'a'.repeat(254)}/x`, /254 characters; at most 253/],
      ['kubernetes.io/role', /kubernetes\.io, which Kubernetes reserves/],
      ['node-role.kubernetes.io/agent', /kubernetes\.io/],
      ['k8s.io/x', /k8s\.io/],
      ['kubernetes.azure.com/mode', /kubernetes\.azure\.com, which AKS reserves/],
    ];
    for (const [key, why] of keys) assert.match(labelKeyProblem(key) ?? 'accepted', why, key);
    for (const value of ['x'.repeat(64), '-a', 'a b', 'é']) assert.ok(labelValueProblem(value), value);
  });

  it('refuses a bad node label at plan time (exit 2), naming the field', () => {
    const refused = only(
      planErrors(`${POOL.replace('tags:', 'labels:')}            tier: front end\n`),
      'config/label-value',
    );
    assert.deepEqual(refused.path, ['spokes', 0, 'cluster', 'userPools', 0, 'labels', 'tier']);
    assert.match(refused.message, /Kubernetes refuses/);
  });
});

describe('unique keys, checked in one pass', () => {
  const keys = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '1.0', '"1"', '0x1', 'null', '~', 'true', 'True');
  it('reports a key written twice where the YAML library does (property)', () => {
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 6 }), fc.boolean(), (list, flow) => {
        const text = flow
          ? `x: {${list.map((k) => `${k}: 1`).join(', ')}}\n`
          : `x:\n${list.map((k) => `  ${k}: 1\n`).join('')}`;
        const library = parseDocument(text, { uniqueKeys: true }).errors.filter(
          (e) => e.code === 'DUPLICATE_KEY',
        );
        const loaded = loadConfig({ name: 'x.yaml', text });
        const ours = loaded.ok ? [] : loaded.diagnostics.filter((d) => d.message.includes('DUPLICATE_KEY'));
        assert.equal(ours.length, library.length, text);
      }),
    );
  });
});
