/**
 * No finding rests on a value only deployment knows. Each value of the default
 * plan's resources (every leaf and every object, one at a time) is replaced by
 * an ARM expression that cannot be resolved offline (`reference()`), and no rule
 * may then fail where it did not before: a rule that depends on the value must
 * say unknown (issue 26: "never a confident wrong answer").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AzureResource, Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { keeping } from '../src/core/verify/rules/select.js';
import { planOk } from './helpers.js';

const { files } = planOk('{}');
const base = inventoryFrom(
  files
    .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
    .map((f) => ({ name: f.path, text: f.content })),
);

/** What an unresolvable reference reads as in a template (the evaluator keeps it as written). */
const UNKNOWN = "[reference('elsewhere').properties.value]";

/** Each failing outcome, as rule and target. */
function failures(inventory: Inventory): Set<string> {
  return keeping(() => {
    const found = new Set<string>();
    for (const rule of RULES)
      for (const outcome of rule.check(inventory))
        if (outcome.status === 'fail') found.add(`${rule.id} on ${outcome.target}`);
    return found;
  });
}

/** Every path in a value: its leaves and the objects and arrays that hold them. */
function paths(value: unknown, at: readonly string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [[...at]];
  const inner = Object.entries(value).flatMap(([key, child]) => paths(child, [...at, key]));
  return at.length > 0 ? [...inner, [...at]] : inner;
}

function replaced(body: Json, path: readonly string[]): Json {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[path.at(-1)!] = UNKNOWN;
  return copy;
}

const before = failures(base);

/** The new failures when one value of one resource becomes unknown, each with the path that caused it. */
function newFailures(resource: AzureResource): string[] {
  const found: string[] = [];
  for (const path of paths(resource.body)) {
    const body = replaced(resource.body, path);
    const inventory = { ...base, azure: base.azure.map((r) => (r === resource ? { ...r, body } : r)) };
    for (const failure of failures(inventory))
      if (!before.has(failure)) found.push(`${failure} when ${path.join('.')} is unknown`);
  }
  return found;
}

/** Every resource type of the default plan. */
const TYPES = [...new Set(base.azure.map((r) => r.type))].sort();

describe('a value only deployment knows', () => {
  it('the default plan fails only cost/budget and aks/cluster-admin (notes: it sets no budget, no admin group), so that any failure below is new', () => {
    assert.deepEqual(
      [...before].map((failure) => failure.split(' on ')[0]),
      ['cost/budget', 'aks/cluster-admin'],
    );
  });

  for (const type of TYPES)
    it(`never turns a rule to fail: ${type}`, () => {
      const resources = base.azure.filter((r) => r.type === type);
      assert.ok(resources.length > 0, `the default plan has a ${type}`);
      // One message per rule: the first path that shows it.
      const byRule = new Map<string, string>();
      for (const failure of resources.flatMap(newFailures)) {
        const rule = failure.split(' on ')[0]!;
        if (!byRule.has(rule)) byRule.set(rule, failure);
      }
      assert.deepEqual([...byRule.values()], []);
    });
});
