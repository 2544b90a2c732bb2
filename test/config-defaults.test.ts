/** The defaults are the spec's baseline; presets change only what they say. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf } from './helpers.js';

describe("the default configuration (the spec's baseline)", () => {
  const config = configOf('{}');
  const spoke = config.spokes[0]!;
  const { cluster } = spoke;

  it('runs three DS2_v2 system nodes with a 512 GB OS disk ("Configure compute for the base cluster")', () => {
    assert.equal(cluster.systemPool.vmSize, 'Standard_DS2_v2');
    assert.equal(cluster.systemPool.minCount, 3);
    assert.equal(cluster.systemPool.osDiskSizeGB, 512);
  });

  it('runs DS4_v2 user nodes, at least two ("Deploy at least two nodes")', () => {
    assert.equal(cluster.userPools.length, 1);
    assert.equal(cluster.userPools[0]?.vmSize, 'Standard_DS4_v2');
    assert.equal(cluster.userPools[0]?.minCount, 2);
  });

  it('sets 30 pods per node and Azure Linux on every pool', () => {
    for (const pool of [cluster.systemPool, ...cluster.userPools]) {
      assert.equal(pool.maxPods, 30);
      assert.equal(pool.osSku, 'AzureLinux');
    }
  });

  it('spreads over zones 1, 2 and 3 in a region with zones', () => {
    assert.deepEqual(config.zones, [1, 2, 3]);
    assert.equal(config.location, 'eastus2');
  });

  it('uses the Standard tier, Azure network policy, Entra ID with Azure RBAC, no local accounts', () => {
    assert.equal(cluster.tier, 'Standard');
    assert.equal(cluster.network.networkPolicy, 'azure');
    assert.equal(cluster.entra.azureRbac, true);
    assert.equal(cluster.disableLocalAccounts, true);
  });

  it('upgrades node images weekly (NodeImage) and the cluster by hand, with 33% surge', () => {
    assert.equal(config.upgrades.nodeOsChannel, 'NodeImage');
    assert.equal(config.upgrades.clusterChannel, 'none');
    assert.equal(config.upgrades.nodeOsWindow.frequency, 'Weekly');
    assert.equal(config.upgrades.maxSurge, '33%');
  });

  it('assigns the restricted initiative in Audit and the extra policies in Deny', () => {
    assert.equal(config.policy.initiative, 'restricted');
    assert.equal(config.policy.initiativeEffect, 'Audit');
    assert.equal(config.policy.customPolicyEffect, 'Deny');
  });

  it('logs the four recommended control plane categories and puts ContainerLogV2 on Basic', () => {
    assert.deepEqual(config.monitoring.controlPlaneLogs, [
      'cluster-autoscaler',
      'kube-controller-manager',
      'kube-audit-admin',
      'guard',
    ]);
    assert.equal(config.monitoring.containerLogV2Plan, 'Basic');
    assert.equal(config.monitoring.networkObservability, true);
    assert.equal(config.monitoring.advancedNetworkObservability, false);
  });

  it('keeps a Premium, geo-replicated registry and three firewall IPs', () => {
    assert.equal(spoke.registry.sku, 'Premium');
    assert.equal(spoke.registry.geoReplication.enabled, true);
    assert.equal(config.hub.firewall.publicIpCount, 3);
    assert.equal(config.hub.bastion.enabled, true);
  });
});

describe('the dev preset', () => {
  const dev = configOf('preset: dev');
  const baseline = configOf('{}');

  it('is cheaper: Free tier, smaller pools, no Bastion, one firewall IP, no geo-replication', () => {
    const cluster = dev.spokes[0]!.cluster;
    assert.equal(cluster.tier, 'Free');
    assert.equal(cluster.systemPool.minCount, 1);
    assert.equal(cluster.userPools[0]?.vmSize, 'Standard_DS3_v2');
    assert.equal(dev.hub.bastion.enabled, false);
    assert.equal(dev.hub.firewall.publicIpCount, 1);
    assert.equal(dev.spokes[0]!.registry.geoReplication.enabled, false);
  });

  it('keeps the production policies ("validated against your preproduction environment")', () => {
    assert.deepEqual(dev.policy, baseline.policy);
  });

  it('yields to what the user writes', () => {
    const mine = configOf(
      'preset: dev\nhub: { bastion: { enabled: true } }\nspokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { tier: Standard } }]',
    );
    assert.equal(mine.hub.bastion.enabled, true);
    assert.equal(mine.spokes[0]!.cluster.tier, 'Standard');
    assert.equal(mine.spokes[0]!.cluster.userPools[0]?.vmSize, 'Standard_DS3_v2');
  });

  it('applies to every spoke and every user pool', () => {
    const two = configOf(
      'preset: dev\nspokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] }, cluster: { userPools: [{ name: a }, { name: b, vmSize: Standard_D4s_v5 }] } }\n  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }',
    );
    assert.deepEqual(
      two.spokes.map((s) => s.cluster.tier),
      ['Free', 'Free'],
    );
    assert.deepEqual(
      two.spokes[0]!.cluster.userPools.map((p) => [p.vmSize, p.minCount]),
      [
        ['Standard_DS3_v2', 1],
        ['Standard_D4s_v5', 1],
      ],
    );
  });
});
