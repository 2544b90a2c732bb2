/** Cross-field rules that warn rather than refuse, and choices that must be accepted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../src/core/diagnostics.js';
import { configOf, only, planOk, planYaml } from './helpers.js';

const EXISTING_HUB = `subscriptionId: 11111111-1111-1111-1111-111111111111
hub:
  existing:
    addressSpace: 10.100.0.0/22
    virtualNetworkId: /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub
    firewallPrivateIp: 10.100.0.4
    firewallPublicIps: [20.10.10.1]
    firewallPolicyId: /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/org
`;

describe('an existing hub (landing zone)', () => {
  it('is planned with its own address space and firewall address', () => {
    const { design } = planOk(EXISTING_HUB);
    const hub = design.ipPlan.networks[0]!;
    assert.equal(hub.addressSpace, '10.100.0.0/22');
    assert.deepEqual(hub.subnets, []);
    assert.equal(design.ipPlan.firewallPrivateIp, '10.100.0.4');
    assert.equal(design.hub.names, undefined, 'no hub resources are named: none are deployed');
  });

  it('warns about hub settings the user wrote that have no effect', () => {
    const outcome = planOk(`${EXISTING_HUB}  addressSpace: 10.200.0.0/24\n  firewall: { tier: Premium }\n`);
    const ignored = outcome.diagnostics.filter((d) => d.code === 'config/ignored').map((d) => d.path);
    assert.deepEqual(ignored, [
      ['hub', 'addressSpace'],
      ['hub', 'firewall'],
    ]);
    // Warnings, not errors (the notes of prices the built-in table lacks aside).
    assert.ok(
      outcome.diagnostics
        .filter((d) => d.kind === 'input' && d.code !== 'prices/missing')
        .every((d) => d.severity === 'warning'),
    );
  });

  it('checks spokes against its address space', () => {
    const outcome = planOk(`${EXISTING_HUB}spokes: [{ name: "00", addressSpace: 10.200.0.0/16 }]`);
    assert.equal(outcome.ok, true, 'the default hub range does not count once a hub exists');
  });
});

describe('upgrades', () => {
  it('warns that channels written with the immutable strategy have no effect', () => {
    const outcome = planOk('upgrades: { strategy: immutable, clusterChannel: patch }');
    const d = only(outcome.diagnostics, 'config/ignored');
    assert.deepEqual(d.path, ['upgrades', 'clusterChannel']);
  });

  it('stays silent about the default channels under the immutable strategy', () => {
    assert.deepEqual(
      planOk('upgrades: { strategy: immutable }').diagnostics.filter(
        (d) => d.kind === 'input' && d.code !== 'prices/missing',
      ),
      [],
    );
  });

  it('accepts a minor version with an automatic cluster channel', () => {
    planOk(
      'upgrades: { clusterChannel: stable }\nspokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { kubernetesVersion: "1.36" } }]',
    );
  });
});

describe('hub subnets', () => {
  it('fits a small hub when Bastion is off: the reserved slot gives way', () => {
    const { design } = planOk('hub: { addressSpace: 10.200.0.0/25, bastion: { enabled: false } }');
    assert.deepEqual(
      design.ipPlan.networks[0]!.subnets.map((s) => s.name),
      ['AzureFirewallSubnet', 'GatewaySubnet', 'snet-build-agents'],
    );
  });

  it('accepts a GatewaySubnet between /29 and /27 with a warning', () => {
    const outcome = planOk('hub: { subnets: { gateway: 10.200.0.64/28 } }');
    const d = only(outcome.diagnostics, 'ip-plan/small-subnet');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.path, ['hub', 'subnets', 'gateway']);
  });
});

describe('cluster ranges', () => {
  it('derives the DNS service IP from a changed service range', () => {
    const config = configOf(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { serviceCidr: 10.96.0.0/16 } } }]',
    );
    assert.equal(config.spokes[0]!.cluster.network.dnsServiceIp, '10.96.0.10');
  });
});

describe('global names', () => {
  it('do not change when the subscription is added to the file', () => {
    const before = planOk('{}').design.spokes[0]!.names;
    const after = planOk('subscriptionId: 11111111-1111-1111-1111-111111111111').design.spokes[0]!.names;
    assert.equal(after.registry, before.registry);
    assert.equal(after.keyVault, before.keyVault);
  });
});

describe('secrets in the configuration', () => {
  it('refuses a webhook with a key in its URL without ever echoing the key', () => {
    const outcome = planYaml(
      'monitoring: { kubernetesVersionWebhook: "https://hooks.contoso.com/aks?sig=s3cr3t-key" }',
    );
    assert.equal(outcome.ok, false);
    const d = only(outcome.ok ? [] : outcome.diagnostics, 'config/invalid');
    assert.deepEqual(d.path, ['monitoring', 'kubernetesVersionWebhook']);
    assert.doesNotMatch(`${formatDiagnostic(d)} ${JSON.stringify(d)}`, /s3cr3t/);
  });
});
