/**
 * No rule throws, whatever shape a value has (issue 26, point 1): the default
 * plan's resources and objects with subtrees replaced by null, strings,
 * expression strings, numbers, arrays and maps, as foreign input writes them.
 * verify.ts turns a rule that throws into a `verify/rule-failed` finding; none
 * may appear here. Deterministic (fixed seeds) and a few seconds long.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import type { Rule } from '../src/core/verify/rule.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { verify } from '../src/core/verify/verify.js';
import { planOk, repoRoot } from './helpers.js';

const { files } = planOk('{}');
/** The manifests of the foreign-style corpus that are not hostile: kinds Baseplate does not write. */
const foreign = ['kubernetes', 'flux'].flatMap((part) => {
  const root = join(repoRoot, 'test', 'fixtures', 'foreign', part);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ name: `${part}/${file}`, text: readFileSync(join(root, file), 'utf8') }));
});
const seed: Inventory = inventoryFrom([
  ...files
    .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
    .map((f) => ({ name: f.path, text: f.content })),
  ...foreign,
]);

/** What foreign input puts where an object is expected. */
const HOSTILE: readonly unknown[] = [
  null,
  'x',
  '',
  "[concat(variables('a'), variables('b'))]",
  "[parameters('p')]",
  0,
  -1,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  [null, 'x', 3, [], { a: null }],
  { a: null, b: 'x', 0: [] },
];

/** The rule failures of a run, as text (empty when no rule threw). */
function failures(inventory: Inventory): string[] {
  return verify(inventory)
    .diagnostics.filter((d) => d.code === 'verify/rule-failed')
    .map((d) => d.message);
}

type Node = Record<string, unknown> | unknown[];
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Replaces every value `depth` levels below each body's top with `value`. */
function replaceAtDepth(inventory: Inventory, depth: number, value: unknown): void {
  const walk = (node: Node, level: number): void => {
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (level === depth) (node as Record<string, unknown>)[key] = structuredClone(value);
      else if (isNode(child)) walk(child, level + 1);
    }
  };
  for (const item of [...inventory.azure, ...inventory.kubernetes]) walk(item.body, 0);
}

describe('every rule, on values of any shape', () => {
  it('throws on no value replaced at any depth by null, a string, an expression, a number, an array or a map', () => {
    for (let depth = 0; depth < 9; depth++)
      for (const value of HOSTILE) {
        const inventory = structuredClone(seed);
        replaceAtDepth(inventory, depth, value);
        assert.deepEqual(failures(inventory), [], `depth ${depth}, ${JSON.stringify(value)}`);
      }
  });

  it('throws on no random subtree replaced (property, fixed seed)', () => {
    const mutation = fc.record({
      target: fc.nat(),
      path: fc.array(fc.nat(), { maxLength: 10 }),
      value: fc.constantFrom(...HOSTILE),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const inventory = structuredClone(seed);
        const targets = [...inventory.azure, ...inventory.kubernetes];
        for (const { target, path, value } of mutations) {
          let node: Node = targets[target % targets.length]!.body;
          for (const [i, step] of path.entries()) {
            const keys = Object.keys(node);
            if (keys.length === 0) break;
            const key = keys[step % keys.length]!;
            const child: unknown = (node as Record<string, unknown>)[key];
            if (i === path.length - 1 || !isNode(child)) {
              (node as Record<string, unknown>)[key] = structuredClone(value);
              break;
            }
            node = child;
          }
        }
        assert.deepEqual(failures(inventory), [], JSON.stringify(mutations));
      }),
      { seed: 26, numRuns: 300 },
    );
  });
});

describe('a rule that throws anyway', () => {
  const throwing: Rule = {
    ...RULES[0]!,
    id: 'test/throws',
    check: (inventory) => {
      if (inventory.kubernetes.some((o) => o.name === 'bad')) throw new TypeError('boom');
      return [];
    },
  };
  const object = (name: string, source: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name,
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } } as Json,
    source,
  });
  const inventory: Inventory = {
    azure: [],
    kubernetes: [object('good', 'good.yaml'), object('bad', 'bad.yaml')],
    problems: [],
  };

  it('is a warning of that rule, naming the file it fails on, and the other rules still run', () => {
    const run = verify(inventory, [throwing, ...RULES]);
    const failed = run.diagnostics.filter((d) => d.code === 'verify/rule-failed');
    assert.deepEqual(
      failed.map((d) => [d.severity, d.file]),
      [['warning', 'bad.yaml']],
    );
    assert.match(
      failed[0]!.message,
      /rule test\/throws failed .*TypeError: boom.*bug in Baseplate.*Reporting a bug/,
    );
    assert.equal(run.results.length, RULES.length + 1);
    assert.deepEqual(run.results[0]!.outcomes, []);
    assert.deepEqual(
      run.results.slice(1).map((r) => r.outcomes),
      verify(inventory).results.map((r) => r.outcomes),
    );
  });

  it('names no file when it throws on none of them alone', () => {
    const always: Rule = {
      ...throwing,
      check: () => {
        throw new Error('always');
      },
    };
    const run = verify({ ...inventory, kubernetes: [] }, [always]);
    assert.deepEqual(
      run.diagnostics.map((d) => [d.code, d.file]),
      [['verify/rule-failed', undefined]],
    );
  });
});
