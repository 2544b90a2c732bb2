/**
 * What deploy does with Azure's harder answers, against the loopback stand-in
 * answering as Resource Manager does (test/support/stand-in/faults.ts and
 * deployments.ts cite where each answer comes from): failures named by their
 * innermost causes through nested deployments, a put whose answer was lost,
 * requests that time out, a canceled deployment, paged lists, another operation
 * in progress, an expired token, a gateway's HTML 5xx and a resource group not
 * replicated yet. Every wait is on the stand-in's clock: no test sleeps.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TokenCredential } from '@azure/core-auth';
import { clientCache } from '../src/deploy/clients.js';
import type { DeployRun } from '../src/deploy/deploy.js';
import { deploy } from '../src/deploy/deploy.js';
import { deployStage } from '../src/deploy/deployment.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import type { DeployEvent } from '../src/deploy/events.js';
import { preflight } from '../src/deploy/preflight.js';
import type { DeployStage } from '../src/deploy/stages.js';
import { stagesFrom } from '../src/deploy/stages.js';
import { offerEverything } from './support/stand-in/catalog.js';
import { startDeployment } from './support/stand-in/deployments.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import { planOk } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000ab';
const stages = stagesFrom(planOk('{}'), SUBSCRIPTION);
const stageOf = (name: string): DeployStage => {
  const stage = stages.find((s) => s.name === name);
  assert.ok(stage, name);
  return stage;
};
const hub = stageOf('hub');
const hubGroup = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${hub.resourceGroup ?? ''}`;
const DEPLOYMENT = /\/deployments\/baseplate-hub$/;

describe('deploy against what Azure answers when things go wrong', () => {
  let standIn: StandIn;
  let events: DeployEvent[];
  const run = (overrides: Partial<DeployRun> = {}) =>
    deploy({
      stages,
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: (event) => events.push(event),
      ...overrides,
    });
  /** What a run throws; it must throw an Azure failure. */
  const failureOf = async (running: Promise<unknown>): Promise<AzureOperationError> => {
    const failure = await running.then(
      () => assert.fail('expected an Azure failure'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    return failure;
  };
  const requests = (method: string, path: RegExp) =>
    standIn.state.requests.filter((r) => r.method === method && path.test(r.path));
  const said = () => events.flatMap((e) => (e.kind === 'step' || e.kind === 'warning' ? [e.message] : []));

  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());
  beforeEach(async () => {
    events = [];
    const { state } = standIn;
    state.startOver();
    state.cancels.clear();
    state.expiredTokens.clear();
    state.unreplicated.clear();
    state.groupReplicationLag = 0;
    state.pageSize = 10;
    state.pagesWithoutApiVersion = false;
    state.outputs = { firewallPrivateIp: '10.200.0.4' };
    // The hub's resource group, as the first stage makes it; then the clock and requests start afresh.
    await run({ only: 'resource-groups' });
    standIn.clock.reset();
    state.requests.length = 0;
    events = [];
  });

  describe('a failure is shown by its innermost causes (code, message, resource)', () => {
    it('a resource whose operation reached the terminal state Failed: the cause Azure nests in its details', async () => {
      // AKS reports a node bootstrap failure as ResourceDeploymentFailure "... terminal provisioning state 'Failed'".
      standIn.state.failures = [
        {
          type: 'Microsoft.Network/azureFirewalls',
          code: 'OutboundConnFailVMExtensionError',
          message: 'Unable to establish outbound connection from agents.',
          kind: 'terminal',
          times: 1,
        },
      ];
      const failure = await failureOf(run({ only: 'hub' }));
      const firewall = hub.resources.find((r) => r.type === 'Microsoft.Network/azureFirewalls');
      assert.deepEqual(failure.failures, [
        {
          resourceId: firewall?.id,
          resourceType: 'Microsoft.Network/azureFirewalls',
          code: 'OutboundConnFailVMExtensionError',
          message: 'Unable to establish outbound connection from agents.',
        },
      ]);
    });

    it('a failed nested deployment: opened down to the resource that failed inside it', async () => {
      const inner = {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-10-01',
        name: 'aks-inner',
        location: 'eastus2',
        properties: {},
      };
      const nesting: DeployStage = {
        ...hub,
        name: 'nesting',
        deploymentName: 'baseplate-nesting',
        template: {
          ...hub.template,
          resources: [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2025-04-01',
              name: 'inner',
              properties: { mode: 'Incremental', template: { resources: [inner] } },
            },
          ],
        },
        parameters: {},
        resources: [],
      };
      standIn.state.failures = [
        {
          type: 'Microsoft.ContainerService/managedClusters',
          code: 'VMExtensionProvisioningError',
          message: "VM has reported a failure when processing extension 'vmssCSE'.",
          kind: 'terminal',
          times: 1,
        },
      ];
      const connection = standIn.connection();
      const failure = await failureOf(
        deployStage(clientCache(connection)(SUBSCRIPTION), connection, nesting, {}, () => undefined),
      );
      assert.deepEqual(failure.failures, [
        {
          resourceId: `${hubGroup}/providers/Microsoft.ContainerService/managedClusters/aks-inner`,
          resourceType: 'Microsoft.ContainerService/managedClusters',
          code: 'VMExtensionProvisioningError',
          message: "VM has reported a failure when processing extension 'vmssCSE'.",
        },
      ]);
      // The nested deployment's own operations were read to get there.
      assert.equal(requests('GET', /\/deployments\/inner\/operations$/).length, 1);
    });
  });

  describe('a put Azure took whose answer was lost', () => {
    for (const fault of ['lost-response', 'gateway-timeout'] as const) {
      it(`${fault}: the put is retried, meets DeploymentActive, and follows its own running deployment`, async () => {
        standIn.state.faults = [{ method: 'PUT', path: DEPLOYMENT, fault }];
        await run({ only: 'hub' });
        assert.equal(requests('PUT', DEPLOYMENT).length, 2, 'one put answered, one retried');
        const deployment = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-hub');
        assert.equal(deployment?.puts, 1, 'Azure took one deployment, and nothing was put over it');
        assert.equal(deployment?.state, 'Succeeded');
        assert.ok(said().some((m) => /answer was lost; following it/.test(m)));
      });
    }

    it("another's deployment of the same name: followed to its end, then the plan put after it", async () => {
      let started = false;
      await run({
        only: 'hub',
        listener: (event) => {
          events.push(event);
          // Someone else starts the same deployment between deploy's look and its put.
          if (!started && event.kind === 'stage' && event.status === 'started') {
            started = true;
            startDeployment(standIn.state, hubGroup, 'baseplate-hub', {
              template: hub.template as never,
              parameters: hub.parameters,
            });
          }
        },
      });
      const deployment = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-hub');
      assert.equal(deployment?.puts, 2, "the other deployment, then this run's own");
      assert.ok(deployment?.tags['baseplate-put'], "the last deployment is this run's put");
      assert.ok(
        events.some(
          (e) => e.kind === 'stage' && e.status === 'resumed' && /another deployment/.test(e.detail ?? ''),
        ),
      );
    });
  });

  describe('a request that times out', () => {
    it('is retried like other transient failures, on the clock', async () => {
      standIn.state.faults = [
        { method: 'PUT', path: DEPLOYMENT, fault: 'hang' },
        { method: 'GET', path: DEPLOYMENT, fault: 'hang' },
      ];
      await run({ only: 'hub' });
      assert.equal(standIn.state.faults.length, 0);
      assert.equal(requests('PUT', DEPLOYMENT).length, 2);
    });

    it('ends, after the retries, with a timeout saying how long, how often, and what to do', async () => {
      standIn.state.faults = Array.from({ length: 5 }, () => ({
        method: 'PUT',
        path: DEPLOYMENT,
        fault: 'hang' as const,
      }));
      const failure = await failureOf(run({ only: 'hub' }));
      assert.equal(failure.failures[0]?.code, 'Timeout');
      assert.match(
        failure.failures[0]?.message ?? '',
        /^no answer to PUT \S+\/deployments\/baseplate-hub within 30 s, 5 attempt\(s\)/,
      );
      assert.match(failure.advice ?? '', /network path to Azure Resource Manager/);
      assert.equal(requests('PUT', DEPLOYMENT).length, 5, 'maxRetries 4: five attempts, then it stops');
    });
  });

  it('a canceled deployment says Canceled, and what to do', async () => {
    standIn.state.cancels.add('baseplate-hub');
    const failure = await failureOf(run({ only: 'hub' }));
    assert.equal(failure.failures[0]?.code, 'Canceled');
    assert.match(failure.failures[0]?.message ?? '', /baseplate-hub was canceled before it finished/);
    assert.match(failure.advice ?? '', /Run `baseplate deploy` again/);
    // What the cancel stopped is not a cause of its own.
    assert.equal(failure.failures.length, 1, JSON.stringify(failure.failures));
  });

  describe('another operation in progress (documented: wait for it, then retry)', () => {
    it('as the answer to a request: retried after its Retry-After', async () => {
      standIn.state.faults = [{ method: 'PUT', path: DEPLOYMENT, fault: 'another-operation', retryAfter: 7 }];
      await run({ only: 'hub' });
      assert.deepEqual(standIn.clock.waits.slice(0, 1), [7000]);
      assert.equal(requests('PUT', DEPLOYMENT).length, 2);
    });

    it('as the cause of a failed deployment: the stage put again after a wait, at most three times', async () => {
      const busy = {
        type: 'Microsoft.Network/virtualNetworks',
        code: 'AnotherOperationInProgress',
        message: 'Another operation on this or dependent resource is in progress.',
      };
      standIn.state.failures = [{ ...busy, times: 1 }];
      await run({ only: 'hub' });
      assert.equal(requests('PUT', DEPLOYMENT).length, 2);
      assert.ok(standIn.clock.waits.includes(60_000), String(standIn.clock.waits));
      assert.ok(
        said().some((m) =>
          /AnotherOperationInProgress, which Azure documents as passing: .*attempt 2 of 3/.test(m),
        ),
      );

      standIn.state.failures = [{ ...busy, times: 10 }];
      standIn.state.requests.length = 0;
      // Forced: the stage is unchanged since it succeeded, and would be skipped.
      const failure = await failureOf(run({ only: 'hub', force: true }));
      assert.deepEqual([...new Set(failure.failures.map((f) => f.code))], ['AnotherOperationInProgress']);
      assert.equal(requests('PUT', DEPLOYMENT).length, 3, 'the bound');
      assert.match(failure.advice ?? '', /still answered AnotherOperationInProgress after 3 attempts/);
    });

    it('a failure Azure does not call passing is not put again', async () => {
      standIn.state.failures = [
        {
          type: 'Microsoft.Network/virtualNetworks',
          code: 'InUseSubnetCannotBeDeleted',
          message: 'In use.',
          times: 1,
        },
      ];
      await failureOf(run({ only: 'hub' }));
      assert.equal(requests('PUT', DEPLOYMENT).length, 1);
    });
  });

  it('a 401 for an expired token: a new token is fetched once and the run goes on', async () => {
    let issued = 0;
    const credential: TokenCredential = {
      getToken: () =>
        Promise.resolve({ token: `token-${++issued}`, expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const connection = standIn.connection({ credential });
    const clientsFor = clientCache(connection);
    await run({ only: 'resource-groups', connection, clientsFor });
    // The token the run holds expires in Azure's eyes.
    standIn.state.expiredTokens.add('token-1');
    await run({ only: 'hub', connection, clientsFor });
    assert.equal(issued, 2);

    // A token refused again, new or not, is the answer: an Azure failure naming the code, and what to do.
    const stale: TokenCredential = {
      getToken: () => Promise.resolve({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const refused = standIn.connection({ credential: stale });
    const failure = await failureOf(
      run({ only: 'hub', connection: refused, clientsFor: clientCache(refused) }),
    );
    assert.equal(failure.failures[0]?.code, 'ExpiredAuthenticationToken');
    assert.match(failure.advice ?? '', /sign in again \(az login/);
  });

  describe("a gateway's HTML 5xx while deploy follows a deployment", () => {
    /** Deploys the hub with `count` 502 pages queued for its polls once the put is made. */
    const withGatewayPages = (count: number) =>
      run({
        only: 'hub',
        listener: (event) => {
          events.push(event);
          if (event.kind === 'stage' && event.status === 'started') {
            standIn.state.faults = Array.from({ length: count }, () => ({
              method: 'GET',
              path: DEPLOYMENT,
              fault: 'html-5xx' as const,
            }));
          }
        },
      });

    it('the poll is made again: the deployment goes on in Azure', async () => {
      // Five attempts of one poll (maxRetries 4), every one a 502 page.
      await withGatewayPages(5);
      assert.equal(standIn.state.faults.length, 0);
      assert.ok(
        said().some((m) => /no answer from Azure about baseplate-hub .*502 Bad Gateway/.test(m)),
        String(said()),
      );
    });

    it('five polls in a row unanswered: it stops, saying the deployment goes on in Azure', async () => {
      const failure = await failureOf(withGatewayPages(25));
      assert.match(
        failure.failures[0]?.message ?? '',
        /5 polls in a row got no answer from Azure about baseplate-hub/,
      );
      assert.match(failure.failures[0]?.message ?? '', /an HTML page \("502 Bad Gateway"\)/);
      assert.match(failure.advice ?? '', /goes on in Azure/);
    });
  });

  describe('a resource group Azure has not replicated yet, right after its creation', () => {
    it('the put is made again after a wait, and goes through', async () => {
      standIn.state.groupReplicationLag = 3;
      standIn.state.resourceGroups.clear();
      await run({ only: 'resource-groups' });
      standIn.state.requests.length = 0;
      standIn.clock.reset();
      await run({ only: 'hub' });
      assert.deepEqual(
        said()
          .filter((m) => /not known to Azure yet/.test(m))
          .map((m) => /again in (\d+) s/.exec(m)?.[1]),
        ['5', '10'],
      );
      assert.equal(requests('PUT', DEPLOYMENT).length, 3);
    });

    it('a group that never appears: bounded, then named with the stage that creates it', async () => {
      standIn.state.resourceGroups.clear();
      const failure = await failureOf(run({ only: 'hub' }));
      assert.equal(failure.failures[0]?.code, 'ResourceGroupNotFound');
      assert.match(failure.advice ?? '', /baseplate deploy --stage resource-groups/);
      assert.equal(requests('PUT', DEPLOYMENT).length, 5);
    });
  });

  it('every list reads every page, a nextLink without its api-version included', async () => {
    offerEverything(standIn.state);
    standIn.state.pageSize = 1;
    standIn.state.pagesWithoutApiVersion = true;
    // Two roles where the hub deploys: one reads, the other may do all; the second is on page 2.
    standIn.state.permissions.set(hubGroup.toLowerCase(), [
      { actions: ['*/read'], notActions: [] },
      { actions: ['*'], notActions: [] },
    ]);
    try {
      const { problems } = await preflight({
        stages: stages.filter((s) => s.name === 'hub' || s.name === 'cluster-00'),
        clientsFor: clientCache(standIn.connection()),
        connection: standIn.connection(),
        listener: () => undefined,
        location: 'eastus2',
        whatIf: false,
      });
      assert.deepEqual(problems, []);
      assert.ok(requests('GET', /\/Microsoft\.Authorization\/permissions$/).length >= 2);
    } finally {
      standIn.state.permissions.clear();
    }
  });
});
