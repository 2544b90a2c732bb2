/**
 * The runner that pushes images (pipelines/README.md) works where the README puts
 * it, end to end, as the reachability analysis computes from the plan's own
 * resources: a path to every registry's private endpoint (peering), no route
 * taking it elsewhere, security groups that admit it, its name resolved; and its
 * internet traffic through the firewall, let out only where the jobs go.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OutputFile } from '../src/core/plan.js';
import type { AzureReachability } from '../src/core/verify/azure-reachability.js';
import { azureReachability } from '../src/core/verify/azure-reachability.js';
import type { Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { cidr, containsAddress, parseIp } from '../src/core/cidr.js';
import { planErrors, planOk } from './helpers.js';
import { runCli } from './support/cli.js';

const AGENTS = 'vnet-bu0001a0008-hub-prod-eus2/snet-build-agents';
const TWO_SPOKES = `
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [a.contoso.com] } }
  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [b.contoso.com] } }
`;
const LANDING_ZONE = `
subscriptionId: 11111111-1111-1111-1111-111111111111
hub:
  existing:
    addressSpace: 10.100.0.0/22
    virtualNetworkId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-connectivity/providers/Microsoft.Network/virtualNetworks/vnet-hub
    firewallPrivateIp: 10.100.0.4
    firewallPublicIps: [20.10.10.1]
    firewallPolicyId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-connectivity/providers/Microsoft.Network/firewallPolicies/afwp-org
`;

function inventory(files: readonly OutputFile[]): Inventory {
  const resources = files.find((f) => f.path === 'azure/resources.json');
  assert.ok(resources);
  return inventoryFrom([{ name: resources.path, text: resources.content }]);
}

function readme(files: readonly OutputFile[]): string {
  return files.find((f) => f.path === 'pipelines/README.md')?.content ?? '';
}

/** Each registry's private endpoint, with the subnets that reach it. */
function registries(reach: AzureReachability) {
  const found = reach.privateEndpoints.filter((e) => e.endpoint.endsWith('-registry'));
  assert.ok(found.length > 0, 'the plan has registry endpoints');
  return found;
}

const props = (resource: { body: Json }) => resource.body['properties'] as Json;
const named = (inv: Inventory, type: string, ending: string) => {
  const found = inv.azure.filter((r) => r.type === type && r.name.endsWith(ending));
  assert.ok(found.length > 0, `${type} …${ending}`);
  return found;
};

describe('the build agents (pipelines/README.md: the runner that pushes images)', () => {
  for (const [label, config] of [
    ['one spoke', '{}'],
    ['two spokes', TWO_SPOKES],
  ] as const) {
    it(`reach every registry's private endpoint from the hub, and resolve its name: ${label}`, () => {
      const reach = azureReachability(inventory(planOk(config).files));
      for (const endpoint of registries(reach)) {
        assert.deepEqual(
          endpoint.reachedFrom.find((s) => s.subnet === AGENTS),
          { subnet: AGENTS, path: 'peering', dns: 'resolves' },
          endpoint.endpoint,
        );
        // Of the hub, only they: the private endpoints' security groups keep the others out.
        assert.deepEqual(
          endpoint.reachedFrom
            .filter((s) => s.subnet.startsWith('vnet-bu0001a0008-hub-'))
            .map((s) => s.subnet),
          [AGENTS],
        );
      }
    });
  }

  it('are cut off by each broken link: the security group rule, the peering, a route elsewhere, the DNS zone link', () => {
    const { files } = planOk('{}');
    const reaches = (inv: Inventory) =>
      registries(azureReachability(inv))[0]!.reachedFrom.find((s) => s.subnet === AGENTS);
    const breaks: Array<[string, (inv: Inventory) => void, unknown]> = [
      [
        'no security group rule for them',
        (inv) => {
          const group = props(named(inv, 'Microsoft.Network/networkSecurityGroups', '-privatelink')[0]!);
          group['securityRules'] = (group['securityRules'] as Json[]).filter(
            (r) => r['name'] !== 'AllowHttpsFromBuildAgents',
          );
        },
        undefined,
      ],
      [
        'no hub side of the peering (a network peered one way, or not at all, reaches nothing)',
        (inv) => {
          const list = inv.azure as unknown as Array<{ type: string; name: string }>;
          const at = list.findIndex(
            (r) =>
              r.type === 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings' &&
              r.name.startsWith('vnet-bu0001a0008-hub-'),
          );
          list.splice(at, 1);
        },
        undefined,
      ],
      [
        "a route sending the spoke's range to the firewall",
        (inv) => {
          const table = props(named(inv, 'Microsoft.Network/routeTables', '-build-agents')[0]!);
          (table['routes'] as Json[]).push({
            name: 'spokes',
            properties: {
              addressPrefix: '10.240.0.0/16',
              nextHopType: 'VirtualAppliance',
              nextHopIpAddress: '10.200.0.4',
            },
          });
        },
        undefined,
      ],
      [
        "the hub unlinked from the registry's zone",
        (inv) => {
          const list = inv.azure as unknown as Array<{ type: string; name: string }>;
          const at = list.findIndex(
            (r) => r.name === 'privatelink.azurecr.io/vnet-bu0001a0008-hub-prod-eus2',
          );
          assert.ok(at >= 0);
          list.splice(at, 1);
        },
        { subnet: AGENTS, path: 'peering', dns: 'does not resolve' },
      ],
    ];
    assert.ok(reaches(inventory(files)), 'unbroken, they reach it');
    for (const [what, breakIt, expected] of breaks) {
      const inv = inventory(files);
      breakIt(inv);
      assert.deepEqual(reaches(inv), expected, what);
    }
  });

  it('send their internet traffic to the firewall, which lets out only where the delivery jobs go', () => {
    const reach = azureReachability(inventory(planOk('{}').files));
    assert.deepEqual(
      reach.subnets.find((s) => s.subnet === AGENTS),
      { subnet: AGENTS, egress: 'firewall', detail: '0.0.0.0/0 → 10.200.0.4' },
    );
    const theirs = reach.firewallAllows.filter((rule) => rule.sources.includes('10.200.0.96/27'));
    assert.deepEqual(
      theirs.flatMap((rule) => rule.destinations),
      [
        'github.com',
        '*.github.com',
        '*.githubusercontent.com',
        'ghcr.io',
        '*.blob.core.windows.net',
        'login.microsoftonline.com',
        'management.azure.com',
      ],
    );
    assert.ok(theirs.every((rule) => rule.ports.every((port) => port === 'Https/443')));
  });

  it('tells in pipelines/README.md where the runner goes, and the rule collection group that lets it out', () => {
    const text = readme(planOk('{}').files);
    assert.match(text, /`snet-build-agents` \(`10\.200\.0\.96\/27`\) of `vnet-bu0001a0008-hub-prod-eus2`/);
    assert.match(text, /`rcg-bu0001a0008-hub-prod-eus2-build-agents`/);
    assert.doesNotMatch(text, /in a\s+network peered with the hub \(/, 'not a place that reaches no spoke');
  });

  it('admit SSH from Bastion alone, the operators\' way in (Learn "Working with NSG access and Azure Bastion")', () => {
    const sessions = (config: string) => {
      const inv = inventory(planOk(config).files);
      const subnet = (name: string) =>
        inv.azure
          .filter((r) => r.type === 'Microsoft.Network/virtualNetworks' && r.name.includes('-hub-'))
          .flatMap((n) => props(n)['subnets'] as Json[])
          .find((s) => s['name'] === name);
      const group = named(inv, 'Microsoft.Network/networkSecurityGroups', '-build-agents')[0]!;
      const rules = (props(group)['securityRules'] as Json[])
        .map((r) => r['properties'] as Json)
        .filter((r) => r['direction'] === 'Inbound')
        .sort((a, b) => Number(a['priority']) - Number(b['priority']));
      const first = (prefix: string) => {
        const address = parseIp(prefix.split('/')[0]!);
        assert.ok(address !== undefined);
        return address + 4;
      };
      // The first rule that matches decides (Learn "Network security groups", "Security rules").
      const admits = (source: number, port: number) => {
        const decisive = rules.find((r) => {
          const from = String(r['sourceAddressPrefix']);
          const ports = (r['destinationPortRanges'] as string[] | undefined) ?? [
            String(r['destinationPortRange']),
          ];
          return (
            ['*', 'tcp'].includes(String(r['protocol']).toLowerCase()) &&
            (from === '*' || containsAddress(cidr(from), source)) &&
            ports.some((p) => p === '*' || Number(p) === port)
          );
        });
        return decisive?.['access'] === 'Allow';
      };
      const prefixOf = (name: string) =>
        String((subnet(name)?.['properties'] as Json | undefined)?.['addressPrefix']);
      return { admits, first, prefixOf, rules, hasBastion: subnet('AzureBastionSubnet') !== undefined };
    };
    const on = sessions('{}');
    assert.ok(on.hasBastion);
    const bastion = on.first(on.prefixOf('AzureBastionSubnet'));
    assert.equal(on.admits(bastion, 22), true, 'Bastion opens SSH');
    assert.equal(on.admits(bastion, 3389), false, 'no RDP: the runner is Linux');
    assert.equal(on.admits(bastion, 443), false);
    for (const other of [on.first(on.prefixOf('AzureFirewallSubnet')), on.first('10.240.0.0/16')])
      assert.equal(on.admits(other, 22), false, 'nothing else opens a session');
    // Bastion turned off: nothing comes in.
    const off = sessions('hub: { bastion: { enabled: false } }');
    assert.ok(!off.hasBastion);
    assert.deepEqual(
      off.rules.map((r) => r['access']),
      ['Deny'],
    );
  });

  it('turned off: no subnet, no rule for them, and a README that says what the runner needs', () => {
    const { files } = planOk('hub: { buildAgents: { enabled: false } }');
    const reach = azureReachability(inventory(files));
    assert.ok(registries(reach).every((e) => !e.reachedFrom.some((s) => s.subnet === AGENTS)));
    assert.ok(!files.some((f) => f.content.includes('AllowHttpsFromBuildAgents')));
    assert.match(readme(files), /no place for the runner is planned/);
  });

  it("with an existing hub: the private endpoints admit the landing zone's build agents, which the README names", () => {
    const { files } = planOk(`${LANDING_ZONE}    buildAgentPrefixes: [10.100.1.0/27]\n`);
    const inv = inventory(files);
    const rules = props(named(inv, 'Microsoft.Network/networkSecurityGroups', '-privatelink')[0]!)[
      'securityRules'
    ] as Json[];
    const admitted = rules.find((r) => r['name'] === 'AllowHttpsFromBuildAgents');
    assert.equal((admitted?.['properties'] as Json | undefined)?.['sourceAddressPrefix'], '10.100.1.0/27');
    assert.match(readme(files), /`10\.100\.1\.0\/27` \(`hub\.existing\.buildAgentPrefixes`\)/);
  });

  it('refuses build agents outside the existing hub, which the spokes are not peered with, and writes nothing', async (t) => {
    const config = `${LANDING_ZONE}    buildAgentPrefixes: [10.100.0.0/27, 10.50.0.0/27]\n`;
    const [problem, ...others] = planErrors(config);
    assert.deepEqual(others, []);
    assert.equal(problem?.code, 'ip-plan/build-agents');
    assert.deepEqual(problem?.path, ['hub', 'existing', 'buildAgentPrefixes', 1]);
    const dir = mkdtempSync(join(tmpdir(), 'wt-net-agents-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'baseplate.yaml'), config);
    const run = await runCli(['plan', '--out', 'out'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /hub\.existing\.buildAgentPrefixes\[1\]: lies outside the hub's address space 10\.100\.0\.0\/22/,
    );
    assert.deepEqual(readdirSync(dir), ['baseplate.yaml']);
  });
});
