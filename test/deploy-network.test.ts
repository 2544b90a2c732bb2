/**
 * The network stages deployed, and deployed again, against the stand-in, which
 * answers as Azure does where a re-deploy is where Azure punishes: updates under
 * one firewall policy that run at the same time, and settings one stage sets
 * and a later one sets back.
 */
import assert from 'node:assert/strict';
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
import { planOk } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000aa';
const TWO_SPOKES = `
hub: { gatewayTransit: true }
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16 }
  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16 }
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
    state.resources.clear();
    state.resourceGroups.clear();
    state.deployments.clear();
    state.requests.length = 0;
    state.failures = [];
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
      const stages = stagesFrom(planOk(TWO_SPOKES).files, SUBSCRIPTION);
      await run(stages, { only: 'resource-groups' });
      await run(stages, { only: 'hub' });
      const again = await run(stages, { only: 'hub' }).catch((error: unknown) => {
        assert.ok(error instanceof AzureOperationError, String(error));
        assert.fail(`the second hub deployment failed: ${JSON.stringify(error.failures)}`);
      });
      assert.deepEqual(again, { status: 'deployed', stages: ['hub'] });
    });
  });
});
