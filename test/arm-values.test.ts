/** The one reader of ARM values (src/core/arm-values.ts) that verify, the report and preflight share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  at,
  isExpression,
  isUnresolved,
  literalString,
  literalStrings,
  parameterOf,
} from '../src/core/arm-values.js';
import { fill, judge } from '../src/core/verify/rule.js';

describe('ARM values', () => {
  it('tells an expression from a literal, "[[" escaping a literal "["', () => {
    assert.ok(isExpression("[parameters('x')]"));
    assert.ok(isExpression("[concat('a',\n'b')]"));
    assert.ok(!isExpression('[[literal]'));
    assert.ok(!isExpression('plain'));
    assert.ok(!isExpression(3));
    assert.equal(literalString('[[literal]'), '[literal]');
    assert.equal(literalString("[parameters('x')]"), undefined);
    assert.deepEqual(literalStrings([1, '2']), ['1', '2']);
    assert.equal(literalStrings(['1', "[parameters('z')]"]), undefined);
  });

  it('counts a placeholder Baseplate writes for a deployment value as unresolved, an escaped "[" not', () => {
    assert.ok(isUnresolved("[parameters('x')]"));
    assert.ok(isUnresolved('/subscriptions/<subscription-id>/resourceGroups/rg'));
    assert.ok(!isUnresolved('[[literal]'));
    assert.ok(!isUnresolved('10.0.0.0/16'));
    // So a rule judges the escaped literal rather than calling it unknown.
    assert.equal(
      judge(
        't',
        '[[x]',
        (v) => v === '[[x]',
        () => fill('no', 'no'),
      ).status,
      'pass',
    );
    assert.equal(
      judge(
        't',
        "[parameters('x')]",
        () => true,
        () => fill('no', 'no'),
      ).status,
      'unknown',
    );
  });

  it("names the parameter of `[parameters('x')]` and of nothing else", () => {
    assert.equal(parameterOf("[parameters('startDate')]"), 'startDate');
    assert.equal(parameterOf("[variables('x')]"), undefined);
    assert.equal(parameterOf("[parameters('a')]x"), undefined);
    assert.equal(parameterOf(undefined), undefined);
  });

  it('reads a dotted path in any case, array items by index', () => {
    const body = { Properties: { pools: [{ Name: 'system' }] } };
    assert.equal(at(body, 'properties.pools.0.name'), 'system');
    assert.equal(at(body, 'properties.missing.name'), undefined);
  });
});
