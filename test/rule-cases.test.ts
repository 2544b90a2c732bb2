/**
 * Every rule's table of cases (src/core/verify/rules/<area>/<name>.cases.ts),
 * run, and the tables checked as a whole: each rule has one, with a pass, a
 * fail, a case it does not apply to and an unknown one (or why it has none),
 * every message it declares is said by some case, and it says no message it
 * does not declare.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome, Rule } from '../src/core/verify/rule.js';
import { COMMON_MESSAGES } from '../src/core/verify/rule.js';
import type { RuleCase } from '../src/core/verify/rules/cases.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { casesOf, nothing, useBaseline } from '../src/core/verify/rules/cases.js';
import kubernetesRbac from '../src/core/verify/rules/aks/kubernetes-rbac.js';
import { verify } from '../src/core/verify/verify.js';
import { ruleCaseTables } from '../scripts/rule-case-tables.js';
import { planOk } from './helpers.js';

// The default plan's files that verify reads, for the cases written as one change to it.
const baselineFiles = planOk('{}')
  .files.filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
  .map((f) => ({ name: f.path, text: f.content }));
useBaseline(() => baselineFiles);

const tables = await ruleCaseTables();

const run = (rule: Rule, c: RuleCase): readonly Outcome[] => rule.check(c.input());
const show = (outcomes: readonly Outcome[]) =>
  JSON.stringify(outcomes.map((o) => [o.status, o.target, o.message?.id, o.message?.text]));

describe('the tables of cases', () => {
  it('one per rule module, beside it and named after it', () => {
    assert.ok(tables.length > 0);
    const byRule = new Map<Rule, string>(tables.map(({ file, cases }) => [cases.rule, file]));
    assert.equal(byRule.size, tables.length, 'no rule has two tables');
    for (const rule of RULES) {
      const file = byRule.get(rule);
      assert.ok(file, `${rule.id} has a table of cases`);
      // `aks/local-accounts` lives in aks/local-accounts.ts, its table in aks/local-accounts.cases.ts.
      assert.equal(file, `${rule.id}.cases.js`);
    }
    for (const { cases } of tables)
      assert.ok((RULES as readonly Rule[]).includes(cases.rule), `${cases.rule.id} is among RULES`);
  });

  it('every rule has a unique name and ID, a title, a spec section and quote, why and how to fix', () => {
    for (const key of ['id', 'ref'] as const) {
      const values = RULES.map((r) => r[key]);
      assert.equal(new Set(values).size, values.length, `${key}s are unique`);
    }
    for (const rule of RULES)
      assert.ok(rule.title && rule.spec.section && rule.spec.quote && rule.why && rule.fix, rule.id);
  });

  it('each has a pass, a fail, a case it does not apply to, and an unknown one or why it cannot be', () => {
    for (const { cases } of tables) {
      const { id } = cases.rule;
      assert.ok(cases.pass.length > 0, `${id}: a pass`);
      assert.ok(cases.fail.length > 0, `${id}: a fail`);
      assert.ok(cases.notApplicable.length > 0, `${id}: a case it does not apply to`);
      if ('never' in cases.unknown)
        assert.ok(cases.unknown.never.length > 20, `${id}: why it is never unknown`);
      else assert.ok(cases.unknown.length > 0, `${id}: an unknown case`);
      const titles = [
        ...cases.pass,
        ...cases.fail,
        ...cases.notApplicable,
        ...('never' in cases.unknown ? [] : cases.unknown),
      ].map((c) => c.title);
      assert.equal(new Set(titles).size, titles.length, `${id}: one title per case`);
    }
  });

  it('every message a rule declares is said by a case, and it says no other', () => {
    for (const { cases } of tables) {
      const { rule } = cases;
      const declared = new Set([...Object.keys(rule.messages), ...Object.keys(COMMON_MESSAGES)]);
      const said = new Set<string>();
      const all = [
        ...cases.pass,
        ...cases.fail,
        ...cases.notApplicable,
        ...('never' in cases.unknown ? [] : cases.unknown),
      ];
      for (const c of all)
        for (const o of run(rule, c)) {
          if (o.status === 'pass') continue;
          assert.ok(o.message, `${rule.id} "${c.title}": ${o.status} says a message of the rule`);
          assert.ok(declared.has(o.message.id), `${rule.id} says ${o.message.id}, which it does not declare`);
          said.add(o.message.id);
        }
      for (const id of Object.keys(rule.messages)) assert.ok(said.has(id), `${rule.id}: no case says ${id}`);
    }
  });

  it('every fail case is a finding of verify, naming its file and its JSON path', () => {
    let findings = 0;
    for (const { cases } of tables) {
      const { rule } = cases;
      for (const c of cases.fail) {
        const own = verify(c.input()).diagnostics.filter((d) => d.code === rule.id);
        const shown = JSON.stringify(own.map((d) => [d.message, d.file, d.jsonPath]));
        // Advice (info) is a finding too, of its own severity.
        assert.ok(
          own.some((d) => d.severity === rule.severity),
          `${rule.id} "${c.title}": ${shown}`,
        );
        for (const d of own.filter((d) => d.severity === rule.severity)) {
          assert.ok(d.file && d.jsonPath?.startsWith('$'), `${rule.id} "${c.title}": ${shown}`);
          findings += 1;
        }
      }
    }
    process.stdout.write(`# fail cases caught by verify: ${findings} findings\n`);
  });

  it("checks a table's message IDs by type", () => {
    // Compiled, not run: the build fails when a directive below has no error to expect.
    void (() =>
      casesOf(kubernetesRbac, {
        pass: [],
        // @ts-expect-error: kubernetes-rbac declares no message `on`.
        fail: [{ title: 'a misspelt message', input: nothing, message: 'on' }],
        notApplicable: [],
        unknown: [],
      }));
    assert.deepEqual(Object.keys(kubernetesRbac.messages), ['off']);
  });
});

for (const { cases } of tables) {
  const { rule } = cases;
  describe(`${rule.ref ?? rule.id} ${rule.id}`, () => {
    for (const c of cases.pass)
      it(`passes: ${c.title}`, () => {
        const outcomes = run(rule, c);
        assert.ok(outcomes.length > 0, 'it looks at something');
        assert.ok(
          outcomes.every((o) => o.status === 'pass'),
          show(outcomes),
        );
      });
    for (const c of cases.fail)
      it(`fails: ${c.title}`, () => {
        const outcomes = run(rule, c);
        const failing = outcomes.filter((o) => o.status === 'fail');
        assert.ok(failing.length > 0, show(outcomes));
        assert.ok(
          failing.some((o) => o.message?.id === c.message),
          `says ${c.message}: ${show(outcomes)}`,
        );
        for (const o of failing) assert.ok(o.source, `a failing outcome names its file: ${show([o])}`);
      });
    for (const c of cases.notApplicable)
      it(`does not apply: ${c.title}`, () => {
        const outcomes = run(rule, c);
        assert.deepEqual(show(outcomes), '[]');
      });
    if (!('never' in cases.unknown))
      for (const c of cases.unknown)
        it(`cannot tell: ${c.title}`, () => {
          const outcomes = run(rule, c);
          assert.ok(!outcomes.some((o) => o.status === 'fail'), `never a fail: ${show(outcomes)}`);
          const unknown = outcomes.filter((o) => o.status === 'unknown');
          assert.ok(unknown.length > 0, show(outcomes));
          if (c.message)
            assert.ok(
              unknown.some((o) => o.message?.id === c.message),
              `says ${c.message}: ${show(outcomes)}`,
            );
        });
  });
}
