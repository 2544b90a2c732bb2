/**
 * The network stages deployed, and deployed again, against the stand-in, which
 * answers as Azure does where a re-deploy is where Azure punishes: updates under
 * one firewall policy that run at the same time, and settings one stage sets
 * and a later one sets back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientCache } from '../src/deploy/clients.js';
import type { DeployRun } from '../src/deploy/deploy.js';
import { deploy } from '../src/deploy/deploy.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import type { DeployEvent } from '../src/deploy/events.js';
import type { DeployStage } from '../src/deploy/stages.js';
import { stagesFrom } from '../src/deploy/stages.js';
import { advance, startDeployment } from './support/stand-in/deployments.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import type { DeploymentState, TemplateResource } from './support/stand-in/state.js';
import { planOk, repoRoot } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000aa';
const TWO_SPOKES = `
hub: { gatewayTransit: true }
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [a.contoso.com] } }
  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [b.contoso.com] } }
`;

describe('the network stages against the stand-in', () => {
  let standIn: StandIn;
  let events: DeployEvent[];
  const run = (stages: readonly DeployStage[], overrides: Partial<DeployRun> = {}) =>
    deploy({
      stages,
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: (event) => events.push(event),
      ...overrides,
    });
  /** A template put at a resource group and polled to its end, as the stand-in's own deploy would. */
  const putTemplate = (name: string, resources: TemplateResource[]): DeploymentState => {
    const deployment = startDeployment(
      standIn.state,
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-firewall`,
      name,
      {
        template: { resources },
        parameters: {},
      },
    );
    while (deployment.state === 'Running') advance(standIn.state, deployment);
    return deployment;
  };

  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());
  beforeEach(() => {
    events = [];
    standIn.clock.reset();
    const { state } = standIn;
    state.startOver();
    state.outputs = {
      firewallPrivateIp: '10.200.0.4',
      firewallEgressRanges: ['20.1.1.1/32'],
      loginServer: 'crexample.azurecr.io',
    };
  });

  describe('updates under one firewall policy (Azure takes one at a time)', () => {
    const ipGroup = (name: string, dependsOn: string[]): TemplateResource => ({
      type: 'Microsoft.Network/ipGroups',
      apiVersion: '2025-07-01',
      name,
      location: 'eastus2',
      dependsOn,
      properties: { ipAddresses: ['10.240.0.0/24'] },
    });
    const policy: TemplateResource = {
      type: 'Microsoft.Network/firewallPolicies',
      apiVersion: '2025-07-01',
      name: 'afwp',
      location: 'eastus2',
      properties: {},
    };
    const rules: TemplateResource = {
      type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      apiVersion: '2025-07-01',
      name: 'afwp/rcg',
      dependsOn: [
        "[resourceId('Microsoft.Network/firewallPolicies', 'afwp')]",
        "[resourceId('Microsoft.Network/ipGroups', 'ipg-a')]",
        "[resourceId('Microsoft.Network/ipGroups', 'ipg-b')]",
      ],
      properties: {
        priority: 1000,
        ruleCollections: [
          {
            ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
            rules: [
              {
                ruleType: 'NetworkRule',
                sourceIpGroups: [
                  "[resourceId('Microsoft.Network/ipGroups', 'ipg-a')]",
                  "[resourceId('Microsoft.Network/ipGroups', 'ipg-b')]",
                ],
              },
            ],
          },
        ],
      },
    };
    const afterPolicy = ["[resourceId('Microsoft.Network/firewallPolicies', 'afwp')]"];

    it('the stand-in fails the second of two IP groups a policy references, updated without an order, as Azure does', () => {
      const unordered = [policy, ipGroup('ipg-a', afterPolicy), ipGroup('ipg-b', afterPolicy), rules];
      // The first time no policy references them yet: Azure creates them side by side.
      assert.equal(putTemplate('first', unordered).state, 'Succeeded');
      const again = putTemplate('again', unordered);
      assert.equal(again.state, 'Failed');
      assert.deepEqual(
        again.operations.filter((o) => o.state === 'Failed').map((o) => [o.resourceName, o.error]),
        [
          [
            'ipg-b',
            {
              code: 'IpGroupsUpdateFailed',
              message: 'Put on IP Groups ipg-b Failed with 1 faulted referenced firewalls',
            },
          ],
        ],
      );
      // One after the other, the same update goes through.
      const chained = [
        policy,
        ipGroup('ipg-a', afterPolicy),
        ipGroup('ipg-b', ["[resourceId('Microsoft.Network/ipGroups', 'ipg-a')]"]),
        rules,
      ];
      assert.equal(putTemplate('chained', chained).state, 'Succeeded');
    });

    it('the stand-in lets IP groups that no policy references change side by side', () => {
      const alone = [ipGroup('ipg-a', []), ipGroup('ipg-b', [])];
      assert.equal(putTemplate('first', alone).state, 'Succeeded');
      assert.equal(putTemplate('again', alone).state, 'Succeeded');
    });

    it('the stand-in fails an IP group updated alongside its policy', () => {
      const beside = [
        policy,
        ipGroup('ipg-a', []),
        ipGroup('ipg-b', [...afterPolicy, "[resourceId('Microsoft.Network/ipGroups', 'ipg-a')]"]),
        rules,
      ];
      assert.equal(putTemplate('first', beside).state, 'Succeeded');
      const again = putTemplate('again', beside);
      assert.deepEqual(
        again.operations.filter((o) => o.state === 'Failed').map((o) => [o.resourceName, o.error?.code]),
        [['ipg-a', 'IpGroupsUpdateFailed']],
      );
    });

    it('deploys the hub of two spokes again: its policy, IP groups and rule collection groups one at a time', async () => {
      const stages = stagesFrom(planOk(TWO_SPOKES), SUBSCRIPTION);
      await run(stages, { only: 'resource-groups' });
      await run(stages, { only: 'hub' });
      // Forced: unchanged since it succeeded, the stage would be skipped, and nothing updated.
      const again = await run(stages, { only: 'hub', force: true }).catch((error: unknown) => {
        assert.ok(error instanceof AzureOperationError, String(error));
        assert.fail(`the second hub deployment failed: ${JSON.stringify(error.failures)}`);
      });
      assert.deepEqual(again, { status: 'deployed', stages: ['hub'], skipped: [] });
    });
  });

  describe("with the hub's gateway (hub.gatewayTransit)", () => {
    const PEERING = 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings';
    /**
     * The network team's gateway in the hub's GatewaySubnet (spec: "a placeholder for a VPN gateway or
     * an Azure ExpressRoute gateway"), which a peering using remote gateways needs: the stand-in refuses
     * one to a network without (RemoteVnetHasNoGateways).
     */
    const hubGateway = (stages: readonly DeployStage[]) => {
      const peering = stages
        .flatMap((s) => s.resources)
        .find((r) => r.type === PEERING && r.properties?.['useRemoteGateways'] === true);
      const hub = String((peering?.properties?.['remoteVirtualNetwork'] as { id?: unknown } | undefined)?.id);
      const id = `${hub.slice(0, hub.toLowerCase().indexOf('/providers/'))}/providers/Microsoft.Network/virtualNetworkGateways/vgw-hub`;
      standIn.state.resources.set(id.toLowerCase(), {
        id,
        type: 'Microsoft.Network/virtualNetworkGateways',
        name: 'vgw-hub',
        body: {
          properties: {
            ipConfigurations: [{ properties: { subnet: { id: `${hub}/subnets/GatewaySubnet` } } }],
          },
        },
      });
    };

    it('stops at the gateway-transit stage while the hub holds no gateway, naming the cause', async () => {
      const stages = stagesFrom(planOk(TWO_SPOKES), SUBSCRIPTION);
      const failure = await run(stages).then(
        () => assert.fail('expected the peering to be refused'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.match(failure.what, /gateway-transit/);
      assert.ok(
        failure.failures.some((f) => f.code === 'RemoteVnetHasNoGateways'),
        JSON.stringify(failure.failures),
      );
    });
    /** Each peering's settings as Azure holds them now. */
    const peerings = () =>
      new Map(
        [...standIn.state.resources.values()]
          .filter((r) => r.type === PEERING)
          .map((r) => [r.id, JSON.stringify(r.body['properties'])]),
      );

    it('a re-deploy of every stage in order never changes a peering setting on the way, not even for a while', async () => {
      const stages = stagesFrom(planOk(TWO_SPOKES), SUBSCRIPTION);
      hubGateway(stages);
      assert.equal((await run(stages)).status, 'deployed');
      const settled = peerings();
      assert.equal(settled.size, 4, 'both sides of both spokes');
      assert.ok(
        [...settled.values()].filter((p) => p.includes('"useRemoteGateways":true')).length === 2,
        'each spoke uses the gateway',
      );
      const flips: string[] = [];
      // Forced: every stage put again, as a changed plan or `--force` would.
      const again = await run(stages, {
        force: true,
        listener: (event) => {
          if (event.kind !== 'stage-done') return;
          for (const [id, settings] of peerings())
            if (settings !== settled.get(id)) flips.push(`after ${event.stage}: ${id} ${settings}`);
        },
      });
      assert.equal(again.status, 'deployed');
      assert.deepEqual(flips, []);
    });

    it("with an existing hub, goes on once the hub owner's side exists: the spoke's side of the peering comes after it", async () => {
      const config = readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8');
      const stages = stagesFrom(
        planOk(config.replace('hub:\n', 'hub:\n  gatewayTransit: true\n')),
        SUBSCRIPTION,
      );
      hubGateway(stages);
      assert.equal((await run(stages)).status, 'handoff');
      // The network team applies its templates in the hub's subscription.
      for (const stage of stages.filter((s) => s.handoff)) {
        const deployment = startDeployment(
          standIn.state,
          `/subscriptions/${stage.subscriptionId}/resourceGroups/${stage.resourceGroup ?? ''}`,
          stage.deploymentName,
          { template: stage.template as never, parameters: stage.parameters },
        );
        while (deployment.state === 'Running') advance(standIn.state, deployment);
      }
      events = [];
      const resumed = await run(stages);
      assert.equal(resumed.status, 'deployed');
      const skipped = events.flatMap((e) =>
        e.kind === 'stage' && e.stage === 'network-team-hub-links' ? [e.detail] : [],
      );
      assert.match(skipped.join(), /applied by the hub owner/);
      assert.ok(resumed.status === 'deployed' && resumed.stages.includes('spoke-00-gateway-transit'));
    });
  });
});
