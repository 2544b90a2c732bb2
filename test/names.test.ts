import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findRegion, REGIONS } from '../src/core/data/regions.js';
import { nameProblem } from '../src/core/design/naming-rules.js';
import { derivedSuffix, hubNames, namedResources, spokeNames } from '../src/core/design/names.js';
import { configOf, only, planErrors, planOk } from './helpers.js';

describe('resource names', () => {
  it('follow <type>-<business unit><workload>-<spoke>-<environment>-<region>', () => {
    const { design } = planOk('naming: { suffix: k3x9q }');
    const names = design.spokes[0]!.names;
    assert.equal(names.cluster, 'aks-bu0001a0008-00-prod-eus2');
    assert.equal(names.virtualNetwork, 'vnet-bu0001a0008-00-prod-eus2');
    assert.equal(names.registry, 'crbu0001a000800prodk3x9q');
    assert.equal(names.keyVault, 'kv-bu0001a0008-00-k3x9q');
    assert.equal(design.hub.names?.firewall, 'afw-bu0001a0008-hub-prod-eus2');
    assert.deepEqual(design.hub.names?.firewallPublicIps, [
      'pip-afw-bu0001a0008-hub-prod-eus2-01',
      'pip-afw-bu0001a0008-hub-prod-eus2-02',
      'pip-afw-bu0001a0008-hub-prod-eus2-03',
    ]);
  });

  it('use the spoke environment where a spoke has its own', () => {
    const { design } = planOk(
      'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }\n  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }',
    );
    assert.equal(design.spokes[1]!.names.cluster, 'aks-bu0001a0008-01-preprod-eus2');
  });

  it('derive a stable suffix that changes with who and where', () => {
    const a = derivedSuffix(configOf('{}'));
    assert.equal(a, derivedSuffix(configOf('{}')));
    assert.match(a, /^[a-z0-9]{5}$/);
    assert.notEqual(a, derivedSuffix(configOf('naming: { workload: a0009 }')));
    assert.notEqual(a, derivedSuffix(configOf('location: westeurope')));
  });

  it('take overrides for the globally unique names', () => {
    const { design } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, names: { registry: contosoprodacr, keyVault: kv-contoso-prod } }]',
    );
    assert.equal(design.spokes[0]!.names.registry, 'contosoprodacr');
    assert.equal(design.spokes[0]!.names.keyVault, 'kv-contoso-prod');
  });

  it('refuse a Key Vault name over 24 characters and point at the override', () => {
    const d = only(
      planErrors(
        'naming: { businessUnit: contosoret, workload: checkout01 }\nspokes: [{ name: prodeast, addressSpace: 10.240.0.0/16 }]',
      ),
      'name/invalid',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'names', 'keyVault']);
    assert.match(d.fix ?? '', /names\.keyVault/);
  });

  it('refuse the same global name in two spokes', () => {
    const d = only(
      planErrors(
        'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] }, names: { registry: sharedacr } }\n  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] }, names: { registry: SharedAcr } }',
      ),
      'name/duplicate',
    );
    assert.deepEqual(d.path, ['spokes', 1, 'names', 'registry']);
  });

  it('fit the longest naming the schema accepts (found by the property below)', () => {
    const config = configOf(
      JSON.stringify({
        naming: {
          businessUnit: 'a00aa00aa0',
          workload: 'aa00aa0aa0',
          environment: '00a00a0a',
          suffix: 'abcde',
        },
        location: 'westus3',
        zones: [],
        spokes: [
          {
            name: 'aa000aa0',
            addressSpace: '10.240.0.0/16',
            registry: { geoReplication: { enabled: false } },
          },
        ],
      }),
    );
    const region = findRegion('westus3')!;
    const names = spokeNames(config, config.spokes[0]!, region);
    assert.equal(nameProblem('dataCollectionRule', names.monitoring.containerInsightsRule), undefined);
    // The case is at the limit: the former "-containerinsights" made this name 65 characters.
    assert.equal(
      names.monitoring.containerInsightsRule.replace(/-insights$/, '-containerinsights').length,
      65,
    );
  });

  it('give deployment records names that stay apart between designs and fit 64 characters', () => {
    const orderOf = (text: string) => planOk(text).deploymentOrder.stages;
    const prod = orderOf('{}');
    const dev = orderOf('naming: { environment: dev }');
    const atSubscription = (stages: typeof prod) =>
      stages.filter((s) => s.scope === 'subscription').map((s) => s.deploymentName);
    // A subscription holds every design's records: two designs must not share one.
    assert.deepEqual(atSubscription(prod), [
      'baseplate-bu0001a0008-prod-eus2-resource-groups',
      'baseplate-bu0001a0008-prod-eus2-defender',
    ]);
    assert.deepEqual(atSubscription(dev), [
      'baseplate-bu0001a0008-dev-eus2-resource-groups',
      'baseplate-bu0001a0008-dev-eus2-defender',
    ]);
    // A resource group holds one design's records: the stage name is enough.
    assert.equal(prod.find((s) => s.name === 'cluster-00')?.deploymentName, 'baseplate-cluster-00');

    const longest = orderOf(
      JSON.stringify({
        naming: { businessUnit: 'a00aa00aa0', workload: 'aa00aa0aa0', environment: '00a00a0a' },
        location: 'westus3',
        subscriptionId: '00000000-0000-0000-0000-000000000001',
        defender: { enabled: true },
        cost: { monthlyBudget: 1000 },
        spokes: Array.from({ length: 10 }, (_, i) => ({
          name: `s${i}`,
          names: { keyVault: `kv-longest-s${i}` },
          addressSpace: `10.${240 + i}.0.0/16`,
          ingress: { hostNames: [`s${i}.contoso.com`] },
          subscriptionId: `00000000-0000-0000-0000-0000000000${String(i + 10)}`,
        })),
      }),
    );
    const names = longest.map((s) => s.deploymentName);
    assert.ok(names.includes('baseplate-a00aa00aa0aa00aa0aa0-00a00a0a-wus3-resource-groups-11'));
    for (const name of names) assert.ok(name.length <= 64, `${name} is ${name.length} characters`);
  });

  it("obey every type's rule for any naming the schema accepts (property)", () => {
    const part = (max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]{1,${max}}$`));
    const regions = REGIONS.map((r) => r.name);
    fc.assert(
      fc.property(
        part(10),
        part(10),
        part(8),
        part(8),
        fc.constantFrom(...regions),
        fc.integer({ min: 1, max: 250 }),
        (businessUnit, workload, environment, spoke, location, publicIpCount) => {
          const config = configOf(
            JSON.stringify({
              naming: { businessUnit, workload, environment, suffix: 'abcde' },
              location,
              zones: [],
              hub: { firewall: { publicIpCount } },
              spokes: [
                {
                  name: spoke,
                  addressSpace: '10.240.0.0/16',
                  registry: { geoReplication: { enabled: false } },
                },
              ],
            }),
          );
          const region = findRegion(location)!;
          const hub = hubNames(config, region);
          const names = spokeNames(config, config.spokes[0]!, region);
          for (const [kind, name] of namedResources(hub, names)) {
            if (kind === 'keyVault') continue; // checked, and reported, by checkSpokeNames
            assert.equal(nameProblem(kind, name), undefined, `${kind} ${name}`);
          }
        },
      ),
    );
  });
});

describe('naming rules', () => {
  it('catch each way a name can be wrong', () => {
    assert.match(nameProblem('containerRegistry', 'abcd') ?? '', /5–50 characters/);
    assert.match(nameProblem('containerRegistry', 'has-hyphen') ?? '', /letters and digits only/);
    assert.match(nameProblem('keyVault', '1starts-with-digit') ?? '', /starting with a letter/);
    assert.match(nameProblem('keyVault', 'kv--double') ?? '', /no "--"/);
    assert.match(nameProblem('keyVault', 'kv-ends-') ?? '', /ending with a letter or digit/);
    assert.match(nameProblem('virtualNetwork', 'v') ?? '', /2–64/);
    assert.match(nameProblem('firewall', `afw-${'x'.repeat(47)}`) ?? '', /1–50/);
    assert.match(nameProblem('resourceGroup', 'rg-ends.') ?? '', /not ending with a period/);
    assert.equal(nameProblem('keyVault', 'kv-bu0001a0008-00-k3x9q'), undefined);
  });
});
