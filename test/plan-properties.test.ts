/**
 * Whatever a user writes, `plan` answers with a plan or with clear errors, never
 * a crash; and any plan it accepts is sound: no range overlaps another, every
 * subnet lies inside its network and holds what it must.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { cidr, contains, overlaps } from '../src/core/cidr.js';
import type { PlanOutcome } from '../src/core/plan.js';
import { plan } from '../src/core/plan.js';

const prefix = (min: number, max: number) =>
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min, max })).map(([address, length]) => {
    const base = Math.floor(address / 2 ** (32 - length)) * 2 ** (32 - length);
    return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${length}`;
  });

/** Configurations near the valid space: plausible ranges, counts and switches. */
const plausibleConfig = fc.record(
  {
    preset: fc.constantFrom('baseline', 'dev'),
    hub: fc.record(
      { addressSpace: prefix(20, 27), bastion: fc.record({ enabled: fc.boolean() }) },
      { requiredKeys: [] },
    ),
    otherNetworks: fc.array(
      fc.record({
        name: fc.constant('onprem'),
        addressPrefixes: fc.array(prefix(8, 24), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    ipPlan: fc.record({ scaleOutFactor: fc.constantFrom(1, 2, 4) }),
    spokes: fc.uniqueArray(
      fc
        .record(
          {
            name: fc.stringMatching(/^[a-z0-9]{1,3}$/),
            addressSpace: prefix(16, 26),
            subnetPerNodePool: fc.boolean(),
            cluster: fc.record(
              {
                systemPool: fc.record(
                  { minCount: fc.integer({ min: 0, max: 5 }), maxCount: fc.integer({ min: 1, max: 20 }) },
                  { requiredKeys: [] },
                ),
                userPools: fc.array(
                  fc.record(
                    {
                      name: fc.stringMatching(/^np[a-z]{1,4}$/),
                      minCount: fc.integer({ min: 0, max: 10 }),
                      maxCount: fc.integer({ min: 1, max: 100 }),
                    },
                    { requiredKeys: ['name'] },
                  ),
                  { minLength: 1, maxLength: 3 },
                ),
                network: fc.record(
                  { podCidr: prefix(12, 26), serviceCidr: prefix(12, 24) },
                  { requiredKeys: [] },
                ),
                apiServer: fc.record({ vnetIntegration: fc.boolean() }),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: ['name', 'addressSpace'] },
        )
        // With several spokes each names its public host names; the name keeps them apart.
        .map((spoke) => ({ ...spoke, ingress: { hostNames: [`${spoke.name}.contoso.com`] } })),
      { minLength: 1, maxLength: 4, selector: (spoke) => spoke.name },
    ),
  },
  { requiredKeys: [] },
);

/** Returns whether the plan was accepted, after checking it either way. */
function assertSound(outcome: PlanOutcome): boolean {
  if (!outcome.ok) {
    assert.ok(outcome.diagnostics.length > 0, 'refused without a reason');
    for (const d of outcome.diagnostics) {
      assert.ok(d.message.length > 0);
      assert.ok(d.severity === 'error' || d.severity === 'warning');
    }
    assert.ok(outcome.diagnostics.some((d) => d.severity === 'error'));
    return false;
  }
  const { networks, clusters, otherNetworks } = outcome.design.ipPlan;
  const spaces = [
    ...networks.map((n) => cidr(n.addressSpace)),
    ...otherNetworks.flatMap((o) => o.addressPrefixes.map(cidr)),
  ];
  spaces.forEach((a, i) => spaces.slice(0, i).forEach((b) => assert.ok(!overlaps(a, b), 'networks overlap')));
  for (const network of networks) {
    const space = cidr(network.addressSpace);
    const subnets = network.subnets.map((s) => cidr(s.prefix));
    subnets.forEach((s, i) => {
      assert.ok(contains(space, s), `${network.subnets[i]?.name} outside ${network.addressSpace}`);
      subnets.slice(0, i).forEach((t) => assert.ok(!overlaps(s, t), 'subnets overlap'));
      assert.ok((network.subnets[i]?.headroom ?? -1) >= 0, 'a subnet cannot hold what it must');
    });
  }
  for (const cluster of clusters) {
    for (const range of [cidr(cluster.podCidr), cidr(cluster.serviceCidr)]) {
      assert.ok(
        spaces.every((space) => !overlaps(space, range)),
        'cluster range overlaps a network',
      );
    }
    assert.ok(!overlaps(cidr(cluster.podCidr), cidr(cluster.serviceCidr)));
    assert.ok(cluster.podCidrNodeCapacity >= cluster.nodesNeeded);
  }
  return true;
}

/** Breaks a valid document in one place: a value replaced by something of another kind. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (Array.isArray(value) && value.length > 0) {
    const i = path[0]! % value.length;
    return value.map((item, j) => (j === i ? mutate(item, path.slice(1), replacement) : item));
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return replacement;
    const key = keys[path[0]! % keys.length]!;
    return { ...value, [key]: mutate((value as Record<string, unknown>)[key], path.slice(1), replacement) };
  }
  return replacement;
}

const resolvedDefault = (() => {
  const outcome = plan({ name: 'default', text: '{}' });
  if (!outcome.ok) throw new Error('the default plan is refused');
  return JSON.parse(JSON.stringify(outcome.config)) as unknown;
})();

describe('plan on generated input', () => {
  it('answers plausible configurations with a sound plan or clear errors', () => {
    let accepted = 0;
    fc.assert(
      fc.property(plausibleConfig, (config) => {
        if (assertSound(plan({ name: 'generated.yaml', text: stringify(config) }))) accepted += 1;
      }),
      { numRuns: 300 },
    );
    // Both halves of the property must be exercised, not only the refusals.
    assert.ok(accepted >= 30, `only ${accepted} of 300 generated configurations were accepted`);
  });

  it('answers a resolved configuration broken in one place with a plan or clear errors', () => {
    const junk = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.object(),
    );
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), junk, (path, replacement) => {
        const broken = mutate(resolvedDefault, path, replacement);
        void assertSound(plan({ name: 'mutated.json', text: JSON.stringify(broken) }));
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        void assertSound(plan({ name: 'random.yaml', text }));
      }),
      { numRuns: 300 },
    );
  });
});
