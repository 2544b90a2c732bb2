/**
 * Bad input is one problem, told once, on the field the user can change: a
 * spoke overlapping an on-premises range is the spoke's to move, a string where a
 * list goes is one error, and a VM size typo gets the size it was meant to be.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearVmSize } from '../src/core/data/vm-sizes.js';
import { formatPath } from '../src/core/diagnostics.js';
import { LANDING_ZONE, only, planErrors, planOk } from './helpers.js';

const SPOKE = `spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
`;

describe('an overlap with an on-premises range', () => {
  it('is blamed on the spoke, at the line of its address space', () => {
    const d = only(
      planErrors(`otherNetworks:\n  - name: on-premises\n    addressPrefixes: [10.240.64.0/18]\n${SPOKE}`),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'addressSpace']);
    assert.deepEqual(d.position, { line: 6, column: 19 });
    assert.equal(d.value, '10.240.0.0/16');
    assert.match(d.message, /^overlaps on-premises \(10\.240\.64\.0\/18\)/);
    assert.match(d.fix ?? '', /outside 10\.240\.64\.0\/18/);
  });

  it('is blamed on the hub Baseplate deploys, not on the on-premises range', () => {
    const d = only(
      planErrors('otherNetworks: [{ name: datacentre, addressPrefixes: [10.200.0.0/16] }]'),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['hub', 'addressSpace']);
  });

  it('is blamed on the later network when both are given (an existing hub and on-premises)', () => {
    const d = only(
      planErrors(`${LANDING_ZONE}\notherNetworks: [{ name: datacentre, addressPrefixes: [10.200.0.0/25] }]`),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['otherNetworks', 0, 'addressPrefixes', 0]);
  });

  it('is blamed on the later of two spokes, as before', () => {
    const d = only(
      planErrors(
        `${SPOKE}    ingress: { hostNames: [a.contoso.com] }\n  - name: "01"\n    addressSpace: 10.240.128.0/17\n    ingress: { hostNames: [b.contoso.com] }\n`,
      ),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 1, 'addressSpace']);
  });

  it('is no problem when the ranges are apart', () => {
    const { diagnostics } = planOk(
      `otherNetworks:\n  - name: on-premises\n    addressPrefixes: [10.100.0.0/16]\n${SPOKE}`,
    );
    assert.ok(!diagnostics.some((d) => d.code === 'ip-plan/overlap'));
  });
});

describe('a string where a list of zones goes', () => {
  it('is one error, that it must be a list', () => {
    const errors = planErrors('zones: "1,2,3"\n');
    assert.deepEqual(
      errors.map((d) => [d.code, formatPath(d.path ?? []), d.message]),
      [['config/type', 'zones', 'must be a list, not a string']],
    );
    assert.equal(errors[0]!.fix, 'Write a list such as [1,2,3].');
  });

  it('is one error in a pool too', () => {
    const errors = planErrors(`${SPOKE}    cluster:\n      systemPool: { zones: "1" }\n`);
    assert.deepEqual(
      errors.map((d) => formatPath(d.path ?? [])),
      ['spokes[0].cluster.systemPool.zones'],
    );
  });

  it('keeps the length check of a list', () => {
    const errors = planErrors('zones: [1, 2, 3, 1]\n');
    assert.ok(errors.some((d) => d.code === 'config/range' && /at most 3 items/.test(d.message)));
  });

  it('keeps each problem of a list that is a list', () => {
    assert.equal(planOk('zones: [1, 2]\n').config.zones.length, 2);
  });
});

describe('a VM size typo', () => {
  const pool = (size: string) =>
    `${SPOKE}    cluster:\n      userPools:\n        - name: npuser01\n          vmSize: ${size}\n`;

  it('that Baseplate does not know gets the known size it is closest to', () => {
    const warning = only(planOk(pool('Standard_DS4_v3')).diagnostics, 'design/unknown-vm-size');
    assert.match(warning.message, /Standard_DS4_v3 \(did you mean Standard_DS4_v2\?\)/);
    assert.equal(
      warning.fix,
      'If Standard_DS4_v3 is a typo, write Standard_DS4_v2; else accept that capacity is shown as unknown.',
    );
    assert.deepEqual(warning.position, { line: 7, column: 19 });
  });

  it('that misses the pattern gets the known size it is closest to', () => {
    const d = only(planErrors(pool('standard_ds4v2')), 'config/invalid');
    assert.match(d.message, /did you mean "Standard_DS4_v2"\?$/);
    assert.equal(d.fix, 'Write "Standard_DS4_v2".');
  });

  it('gets no guess when no known size is close', () => {
    const warning = only(planOk(pool('Standard_X99_v9')).diagnostics, 'design/unknown-vm-size');
    assert.doesNotMatch(warning.message, /did you mean/);
    const d = only(planErrors(pool('m5.large')), 'config/invalid');
    assert.doesNotMatch(d.message, /did you mean/);
  });

  it('that differs from a known size in case only is told the size as Azure writes it', () => {
    const d = only(planErrors(pool('standard_ds4_v2')), 'config/invalid');
    assert.match(d.message, /did you mean "Standard_DS4_v2"\?$/);
  });

  it('is no problem for a known size, in any case after Standard_', () => {
    const { diagnostics } = planOk(pool('Standard_ds4_V2'));
    assert.ok(!diagnostics.some((d) => d.code === 'design/unknown-vm-size'));
    assert.equal(nearVmSize('Standard_DS4_v2'), undefined);
    assert.equal(nearVmSize('Standard_DS3_v3'), 'Standard_DS3_v2');
  });
});
