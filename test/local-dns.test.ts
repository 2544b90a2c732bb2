/**
 * LocalDNS (AKS "Configure LocalDNS"): from Kubernetes 1.37 AKS turns it on in
 * node pools that state no mode, and pods then ask their node, which the
 * baseline's allow-dns policies do not admit. The plan states the mode.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  atLeastMinor,
  LOCAL_DNS_DEFAULT_FROM,
  SUPPORTED_KUBERNETES_MINORS,
} from '../src/core/data/kubernetes-versions.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { RULES } from '../src/core/verify/rules/index.js';
import type { Json } from './artifacts.js';
import { resolved } from './artifacts.js';
import { planOk } from './helpers.js';

const pools = (text: string): Json[] =>
  resolved(planOk(text).files, 'Microsoft.ContainerService/managedClusters').flatMap(
    (cluster) => (cluster['properties'] as Json)['agentPoolProfiles'] as Json[],
  );

describe('LocalDNS', () => {
  it('is Disabled on every node pool, so no Kubernetes version or upgrade turns it on under the DNS policies', () => {
    const all = pools(`
upgrades: { clusterChannel: stable }
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    cluster:
      userPools: [{ name: npuser01 }, { name: npbatch01 }]
`);
    assert.equal(all.length, 3);
    for (const pool of all)
      assert.deepEqual(pool['localDNSProfile'], { mode: 'Disabled' }, String(pool['name']));
  });

  it('defaults on from the minor the version table names, newer than every minor Baseplate offers today', () => {
    assert.equal(LOCAL_DNS_DEFAULT_FROM, '1.37');
    assert.equal(atLeastMinor('1.37', LOCAL_DNS_DEFAULT_FROM), true);
    assert.equal(atLeastMinor('1.37.2', LOCAL_DNS_DEFAULT_FROM), true);
    assert.equal(atLeastMinor('1.40', LOCAL_DNS_DEFAULT_FROM), true);
    assert.equal(atLeastMinor('2.0', LOCAL_DNS_DEFAULT_FROM), true);
    assert.equal(atLeastMinor('1.36.9', LOCAL_DNS_DEFAULT_FROM), false);
    assert.equal(atLeastMinor('latest', LOCAL_DNS_DEFAULT_FROM), undefined);
    for (const minor of SUPPORTED_KUBERNETES_MINORS) assert.equal(atLeastMinor(minor, '1.37'), false, minor);
  });

  it("a plan's cluster moved to 1.37 passes with its modes stated, and fails without them", () => {
    const { files } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { kubernetesVersion: "1.37" } }]',
    );
    const sources = files
      .filter((f) => f.path === 'azure/resources.json' || /^gitops\/.*\.yaml$/.test(f.path))
      .map((f) => ({ name: f.path, text: f.content }));
    const rule = RULES.find((r) => r.id === 'netpol/local-dns')!;
    assert.deepEqual(
      rule.check(inventoryFrom(sources)).map((o) => o.status),
      ['pass', 'pass'],
    );
    const unstated = sources.map((s) => ({
      ...s,
      text: s.text.replace(/"localDNSProfile": \{[^}]*\},?/g, ''),
    }));
    const outcomes = rule.check(inventoryFrom(unstated));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fail', 'fail'],
    );
    assert.match(String(outcomes[0]?.message?.text), /a0008\/aspnetapp.*cannot reach it on UDP 53/);
  });
});
