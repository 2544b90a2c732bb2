/**
 * What the design decides that the artifacts used to work out while being
 * built (issue 22): where the hub, its firewall policy and the DNS zones live,
 * and each spoke's resolved settings and egress.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planOk } from './helpers.js';

const HUB_GROUP = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-connectivity';
const EXISTING_HUB = (extra: string) => `
subscriptionId: 11111111-1111-1111-1111-111111111111
hub:
  existing:
    addressSpace: 10.100.0.0/22
    virtualNetworkId: ${HUB_GROUP}/providers/Microsoft.Network/virtualNetworks/vnet-hub-eastus2
    firewallPrivateIp: 10.100.0.4
    firewallPublicIps: [20.10.10.1]
    firewallPolicyId: /subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-policies/providers/Microsoft.Network/firewallPolicies/afwp-org
    ruleCollectionGroupPriority: 2000
${extra}`;

describe('design', () => {
  it("places everything in Baseplate's own hub", () => {
    const { topology, hub } = planOk('{}').design;
    const hubAt = { subscriptionId: undefined, resourceGroup: 'rg-bu0001a0008-hub-prod-eus2' };
    assert.deepEqual(topology.hubAt, hubAt);
    assert.deepEqual(topology.rulesAt, hubAt);
    assert.equal(topology.firewallPolicy, undefined);
    assert.equal(topology.hubVirtualNetworkId, undefined);
    assert.deepEqual(topology.dnsZones, {
      names: ['privatelink.azurecr.io', 'privatelink.vaultcore.azure.net'],
      apiServer: 'privatelink.eastus2.azmk8s.io',
      at: hubAt,
      createdBy: 'hub',
    });
    assert.equal(hub.network.role, 'hub');
  });

  it("hands the spokes' rules to an existing hub's firewall policy, where it is", () => {
    const { topology } = planOk(EXISTING_HUB('')).design;
    const hubAt = {
      subscriptionId: '22222222-2222-2222-2222-222222222222',
      resourceGroup: 'rg-connectivity',
    };
    assert.deepEqual(topology.hubAt, hubAt, 'the resource group only, not the network name');
    assert.deepEqual(topology.rulesAt, {
      subscriptionId: '33333333-3333-3333-3333-333333333333',
      resourceGroup: 'rg-policies',
    });
    assert.equal(topology.firewallPolicy?.name, 'afwp-org');
    assert.equal(topology.firewallPolicy?.firstPriority, 2000);
    assert.deepEqual(topology.firewallPublicIps, ['20.10.10.1']);
    assert.equal(topology.dnsZones.createdBy, 'handed-off');
    assert.deepEqual(topology.dnsZones.at, hubAt);
  });

  it("uses a landing zone's own DNS zones where it names them", () => {
    const { topology } = planOk(
      EXISTING_HUB(
        '    privateDnsZonesResourceGroupId: /subscriptions/44444444-4444-4444-4444-444444444444/resourceGroups/rg-dns',
      ),
    ).design;
    assert.equal(topology.dnsZones.createdBy, 'elsewhere');
    assert.deepEqual(topology.dnsZones.at, {
      subscriptionId: '44444444-4444-4444-4444-444444444444',
      resourceGroup: 'rg-dns',
    });
  });

  it("holds a private API server's zone only when a spoke has a private cluster", () => {
    const { topology } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true } } }]',
    ).design;
    assert.ok(topology.dnsZones.names.includes('privatelink.eastus2.azmk8s.io'));
  });

  it("resolves each spoke's settings, tags and egress", () => {
    const { design } = planOk(`
tags: { costCenter: '42' }
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app.contoso.com] } }
  - name: "01"
    environment: preprod
    addressSpace: 10.241.0.0/16
    ingress: { hostNames: [preprod.contoso.com] }
    workload: { enabled: false }
    cluster: { apiServer: { private: true }, tier: Free }
`);
    const [prod, preprod] = design.spokes;
    assert.deepEqual(preprod!.tags, { costCenter: '42', workload: 'bu0001a0008', environment: 'preprod' });
    assert.deepEqual(design.hub.tags, { costCenter: '42', workload: 'bu0001a0008', environment: 'prod' });
    assert.equal(prod!.workload.enabled, true);
    assert.equal(preprod!.workload.enabled, false);
    assert.equal(preprod!.cluster.tier, 'Free');
    assert.equal(preprod!.gitopsPath, 'clusters/aks-bu0001a0008-01-preprod-eus2');
    assert.equal(preprod!.network.spoke, '01');
    assert.equal(preprod!.ranges.spoke, '01');
    assert.deepEqual(preprod!.egress.addresses, [
      preprod!.network.subnets.find((s) => s.role === 'nodes')!.prefix,
    ]);
    // A public API server is reached through the firewall; a private one is not.
    assert.ok(prod!.egress.rules.some((rule) => rule.name === 'api-server'));
    assert.ok(!preprod!.egress.rules.some((rule) => rule.name === 'api-server'));
  });

  it('holds the settings every spoke shares once', () => {
    const { design } = planOk(
      'defender: { enabled: true }\ncost: { monthlyBudget: 5000 }\nnaming: { workload: a0009 }',
    );
    assert.equal(design.defender, true);
    assert.equal(design.budget.monthlyBudget, 5000);
    assert.equal(design.budget.name, 'budget-bu0001a0009-prod');
    assert.equal(design.workloadNamespace, 'a0009');
    assert.equal(design.key, 'bu0001a0009-prod-eus2');
  });
});
