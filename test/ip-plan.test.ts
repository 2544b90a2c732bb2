import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlannedNetwork } from '../src/core/ipplan/plan.js';
import { only, planErrors, planOk } from './helpers.js';

const subnetsOf = (network: PlannedNetwork | undefined) =>
  Object.fromEntries((network?.subnets ?? []).map((s) => [s.name, s.prefix]));

describe('the IP address plan (spec: "Plan the IP addresses")', () => {
  it('lays the default networks out as the reference implementation does', () => {
    const { design } = planOk('{}');
    const [hub, spoke] = design.ipPlan.networks;
    assert.deepEqual(subnetsOf(hub), {
      AzureFirewallSubnet: '10.200.0.0/26',
      GatewaySubnet: '10.200.0.64/27',
      AzureBastionSubnet: '10.200.0.128/26',
      // Not the reference's: the build agents' place, in the room the reference leaves.
      'snet-build-agents': '10.200.0.96/27',
    });
    assert.deepEqual(subnetsOf(spoke), {
      'snet-nodes': '10.240.0.0/22',
      'snet-ingress': '10.240.4.0/28',
      'snet-apiserver': '10.240.4.16/28',
      'snet-privatelink': '10.240.4.32/28',
      'snet-appgw': '10.240.5.0/24',
    });
    assert.equal(design.ipPlan.firewallPrivateIp, '10.200.0.4');
    assert.equal(design.ipPlan.clusters[0]?.ingressIp, '10.240.4.4');
  });

  it('gives a /16 pod range 256 nodes of a /24 each ("about 250 nodes")', () => {
    const { design } = planOk('{}');
    const cluster = design.ipPlan.clusters[0]!;
    assert.equal(cluster.podCidr, '192.168.0.0/16');
    assert.equal(cluster.podCidrNodeCapacity, 256);
  });

  it('sizes the node subnet for pool maximums, surge and 4× scale-out', () => {
    const { design } = planOk('{}');
    const nodes = design.ipPlan.networks[1]!.subnets.find((s) => s.role === 'nodes')!;
    // (4 + 5 max) + (ceil(33% of 4) + ceil(33% of 5)) surge = 13 nodes, × 4
    assert.equal(nodes.required, 52);
    assert.equal(nodes.usable, 1019);
    assert.equal(nodes.headroom, 1019 - 52);
  });

  it('counts a private endpoint address per registry replica', () => {
    const replicated = planOk('{}').design.ipPlan.networks[1]!.subnets.find(
      (s) => s.role === 'privateEndpoints',
    )!;
    const single = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, registry: { geoReplication: { enabled: false } } }]',
    ).design.ipPlan.networks[1]!.subnets.find((s) => s.role === 'privateEndpoints')!;
    assert.equal(replicated.required, 4); // registry 2 + 1 replica, Key Vault 1
    assert.equal(single.required, 3);
  });

  it('falls back to compact sizes when the reference sizes do not fit', () => {
    const { design } = planOk('spokes: [{ name: "00", addressSpace: 10.240.0.0/24 }]');
    const spoke = design.ipPlan.networks[1]!;
    for (const subnet of spoke.subnets) assert.ok(subnet.usable >= subnet.required, subnet.name);
    assert.equal(subnetsOf(spoke)['snet-nodes'], '10.240.0.0/26');
  });

  it('keeps given prefixes and allocates around them', () => {
    const { design } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, subnets: { ingress: 10.240.0.0/28, nodes: 10.240.8.0/21 } }]',
    );
    const subnets = design.ipPlan.networks[1]!.subnets;
    assert.equal(subnets.find((s) => s.role === 'nodes')?.prefix, '10.240.8.0/21');
    assert.equal(subnets.find((s) => s.role === 'nodes')?.allocated, false);
    assert.equal(subnets.find((s) => s.role === 'ingress')?.prefix, '10.240.0.0/28');
    assert.equal(subnets.find((s) => s.role === 'apiServer')?.prefix, '10.240.0.16/28');
  });

  it('renumbers nothing when API server VNet integration or Bastion is turned on or off', () => {
    const off = planOk('{}').design.ipPlan;
    const on = planOk(
      'hub: { bastion: { enabled: false } }\nspokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { vnetIntegration: true } } }]',
    ).design.ipPlan;
    assert.deepEqual(
      on.networks.map((n) => n.subnets.map((s) => s.prefix)),
      off.networks.map((n) => n.subnets.map((s) => s.prefix)),
    );
    assert.equal(on.networks[1]!.subnets.find((s) => s.role === 'apiServer')?.inUse, true);
    assert.equal(off.networks[1]!.subnets.find((s) => s.role === 'apiServer')?.inUse, false);
  });

  it('gives each node pool its own subnet when asked', () => {
    const { design } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, subnetPerNodePool: true }]',
    );
    const names = design.ipPlan.networks[1]!.subnets.map((s) => s.name);
    assert.deepEqual(names.slice(0, 2), ['snet-nodes-npsystem', 'snet-nodes-npuser01']);
  });

  it('lets clusters reuse the same pod and service ranges (spec: "Pod IP address space")', () => {
    const { design } = planOk(
      'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }\n  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }',
    );
    assert.equal(design.ipPlan.clusters.length, 2);
    assert.equal(design.ipPlan.clusters[0]?.podCidr, design.ipPlan.clusters[1]?.podCidr);
  });
});

describe('IP plan errors', () => {
  it('refuses overlapping spokes and names the earlier network', () => {
    const d = only(
      planErrors(
        'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }\n  - { name: "01", addressSpace: 10.240.128.0/17, ingress: { hostNames: [app01.contoso.com] } }',
      ),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 1, 'addressSpace']);
    assert.match(d.message, /spoke 00/);
  });

  it('refuses a spoke that overlaps an on-premises range, blaming the spoke', () => {
    const d = only(
      planErrors('otherNetworks: [{ name: on-premises, addressPrefixes: [10.240.64.0/18] }]'),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'addressSpace']);
  });

  it('refuses a pod range that overlaps a virtual network', () => {
    const d = only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { podCidr: 10.200.0.0/16 } } }]',
      ),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'cluster', 'network', 'podCidr']);
  });

  it('refuses pod and service ranges that overlap each other', () => {
    const d = only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { serviceCidr: 192.168.0.0/20, dnsServiceIp: 192.168.0.10 } } }]',
      ),
      'ip-plan/overlap',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'cluster', 'network', 'serviceCidr']);
  });

  it('refuses a pod range too small for the nodes and says how large it must be', () => {
    const d = only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { podCidr: 192.168.0.0/20 } } }]',
      ),
      'ip-plan/pod-range',
    );
    assert.match(d.message, /gives 16 nodes/);
    assert.match(d.fix ?? '', /\/18/);
  });

  it('refuses a DNS service IP outside the service range, or on its reserved first addresses', () => {
    for (const ip of ['10.0.0.10', '172.16.0.1', '172.16.0.0', '172.16.255.255']) {
      const d = only(
        planErrors(
          `spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { dnsServiceIp: ${ip} } } }]`,
        ),
        'ip-plan/dns-service-ip',
      );
      assert.equal(d.value, ip);
    }
  });

  it('refuses a service range larger than /12', () => {
    only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { network: { serviceCidr: 160.0.0.0/11, dnsServiceIp: 160.0.0.10 } } }]',
      ),
      'ip-plan/service-range',
    );
  });

  it('refuses a subnet outside its network, too small, or overlapping another', () => {
    const outside = only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, subnets: { ingress: 10.241.0.0/28 } }]',
      ),
      'ip-plan/subnet',
    );
    assert.match(outside.message, /outside/);
    const small = only(planErrors('hub: { subnets: { firewall: 10.200.0.0/27 } }'), 'ip-plan/subnet');
    assert.match(small.message, /\/26 or larger/);
    const crowded = only(
      planErrors('spokes: [{ name: "00", addressSpace: 10.240.0.0/16, subnets: { nodes: 10.240.0.0/28 } }]'),
      'ip-plan/subnet',
    );
    assert.match(crowded.message, /must hold 52/);
    const clash = only(
      planErrors(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, subnets: { nodes: 10.240.0.0/22, ingress: 10.240.1.0/28 } }]',
      ),
      'ip-plan/subnet',
    );
    assert.match(clash.message, /overlaps snet-nodes/);
  });

  it('refuses an address space with no room and names the size it needs', () => {
    const d = only(
      planErrors('spokes: [{ name: "00", addressSpace: 10.240.0.0/26 }]'),
      'ip-plan/space-too-small',
    );
    assert.deepEqual(d.path, ['spokes', 0, 'addressSpace']);
    assert.match(d.fix ?? '', /at least a \/\d+/);
  });

  it('refuses an ingress IP that Azure reserves or that lies outside the ingress subnet', () => {
    for (const ip of ['10.240.4.1', '10.240.4.15', '10.240.9.9']) {
      only(
        planErrors(`spokes: [{ name: "00", addressSpace: 10.240.0.0/16, ingress: { staticIp: ${ip} } }]`),
        'ip-plan/ingress-ip',
      );
    }
    assert.equal(
      planOk('spokes: [{ name: "00", addressSpace: 10.240.0.0/16, ingress: { staticIp: 10.240.4.9 } }]')
        .design.ipPlan.clusters[0]?.ingressIp,
      '10.240.4.9',
    );
  });
});
