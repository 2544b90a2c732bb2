/**
 * The stages deployed by Baseplate's Resource Manager client against the loopback
 * stand-in: order and output wiring, idempotent re-runs, resume after a failure or
 * an interrupted run, retries of transient faults, and failures named by resource.
 * The stand-in's clock never waits: polls, Retry-After, backoff and time-outs are
 * read as what was asked of it, so no test sleeps or depends on the machine's speed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RestError } from '@azure/core-rest-pipeline';
import { ArmClient } from '../src/deploy/arm.js';
import { clientCache } from '../src/deploy/clients.js';
import { keptVaults } from '../src/deploy/destroy.js';
import type { DeployRun } from '../src/deploy/deploy.js';
import { deploy, MissingInputError } from '../src/deploy/deploy.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import type { DeployEvent } from '../src/deploy/events.js';
import type { DeployStage } from '../src/deploy/stages.js';
import { hasComputedName, stagesFrom } from '../src/deploy/stages.js';
import { preflight } from '../src/deploy/preflight.js';
import { waitForFlux } from '../src/deploy/steps/flux.js';
import type { ImageList } from '../src/core/formats/images.js';
import { importImages } from '../src/deploy/steps/images.js';
import { outputsReader, previewText, whatIfStage } from '../src/deploy/what-if.js';
import { offerEverything } from './support/stand-in/catalog.js';
import { advance, startDeployment } from './support/stand-in/deployments.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import { planOk, repoRoot } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000aa';
const stages = stagesFrom(planOk('{}'), SUBSCRIPTION);
const stageNames = stages.map((s) => s.name);

/** The deployments put, by stage, in the order they were put. */
const puts = (standIn: StandIn) =>
  standIn.state.requests
    .filter((r) => r.method === 'PUT' && /\/deployments\/baseplate-/i.test(r.path))
    .map((r) => stages.find((s) => r.path.endsWith(`/deployments/${s.deploymentName}`))?.name);

describe('deploy against the stand-in', () => {
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

  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());
  beforeEach(() => {
    events = [];
    standIn.clock.reset();
    const { state } = standIn;
    state.startOver();
    state.imports.length = 0;
    state.tags.clear();
    state.outputs = {
      firewallPrivateIp: '10.200.0.4',
      firewallEgressRanges: ['20.1.1.1/32', '20.1.1.2/32'],
      loginServer: 'crexample.azurecr.io',
    };
  });

  it('deploys every stage in order, each fed the outputs of the earlier ones', async () => {
    const result = await run();
    assert.deepEqual(result, { status: 'deployed', stages: stageNames, skipped: [] });
    assert.deepEqual(puts(standIn), stageNames);
    const parameters = (stage: string) =>
      [...standIn.state.deployments.values()].find((d) => d.name === `baseplate-${stage}`)?.request
        .parameters;
    assert.equal(parameters('spoke-00')?.['firewallPrivateIp']?.value, '10.200.0.4');
    assert.deepEqual(parameters('cluster-00')?.['firewallEgressRanges']?.value, [
      '20.1.1.1/32',
      '20.1.1.2/32',
    ]);
    // The resource groups come from the subscription stage; every planned resource now exists.
    const planned = stages.flatMap((s) => s.resources);
    for (const resource of planned.filter((r) => !hasComputedName(r))) {
      // The certificate secrets are written only when given (none here).
      const conditional = 'condition' in resource;
      const exists =
        resource.type === 'Microsoft.Resources/resourceGroups'
          ? standIn.state.resourceGroups.has(resource.id.toLowerCase())
          : standIn.state.resource(resource.id) !== undefined;
      assert.equal(exists, !conditional, `${resource.id} ${conditional ? 'was' : 'was not'} created`);
    }
    // Role assignments, named by Azure at deployment (guid() of the real scope, principal and role).
    const assignments = [...standIn.state.resources.values()].filter(
      (r) => r.type === 'Microsoft.Authorization/roleAssignments',
    );
    assert.equal(assignments.length, planned.filter(hasComputedName).length);
    for (const assignment of assignments)
      assert.match(assignment.name, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    // The live view saw each stage's resources, Waiting before Azure starts them.
    const progress = events.filter((e) => e.kind === 'progress');
    assert.ok(progress.some((e) => e.resources.some((r) => r.state === 'Waiting')));
    // The certificate secrets, conditional and not given here, never show as Waiting for ever.
    assert.ok(
      !progress.some((e) => e.resources.some((r) => r.resourceType === 'Microsoft.KeyVault/vaults/secrets')),
    );
    assert.ok(progress.some((e) => e.resources.some((r) => r.state === 'Running' && r.seconds === 62.5)));
    assert.deepEqual(
      events.filter((e) => e.kind === 'stage-done').map((e) => e.stage),
      stageNames,
    );
  });

  it('changes nothing on a second run, and puts nothing: every stage is unchanged, and said so', async () => {
    await run();
    const snapshot = JSON.stringify([...standIn.state.resources.entries()]);
    events = [];
    const again = await run();
    assert.deepEqual(again, { status: 'deployed', stages: [], skipped: stageNames });
    assert.equal(JSON.stringify([...standIn.state.resources.entries()]), snapshot);
    assert.deepEqual(puts(standIn), stageNames);
    const skipped = events.flatMap((e) => (e.kind === 'stage' && e.status === 'skipped' ? [e] : []));
    assert.deepEqual(
      skipped.map((e) => e.stage),
      stageNames,
    );
    assert.match(
      skipped[1]?.detail ?? '',
      /^unchanged since baseplate-hub succeeded on 1970-01-01; --force re-applies it$/,
    );
  });

  it('resumes after a failure without putting again the stages that succeeded, and --force puts them all', async () => {
    standIn.state.failures = [
      { type: 'Microsoft.ContainerService/managedClusters', code: 'QuotaExceeded', message: 'No.', times: 1 },
    ];
    await assert.rejects(run(), AzureOperationError);
    const failedAt = stageNames.indexOf('cluster-00');
    standIn.state.requests.length = 0;
    const resumed = await run();
    // Only the failed stage and those after it: not 10 puts for a failure at the 7th.
    assert.deepEqual(puts(standIn), stageNames.slice(failedAt));
    assert.deepEqual(resumed, {
      status: 'deployed',
      stages: stageNames.slice(failedAt),
      skipped: stageNames.slice(0, failedAt),
    });
    // The skipped stages' outputs still reach the later ones, from their deployments.
    const cluster = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-cluster-00');
    assert.deepEqual(cluster?.request.parameters['firewallEgressRanges']?.value, [
      '20.1.1.1/32',
      '20.1.1.2/32',
    ]);

    standIn.state.requests.length = 0;
    const forced = await run({ force: true });
    assert.deepEqual(puts(standIn), stageNames);
    assert.deepEqual(forced, { status: 'deployed', stages: stageNames, skipped: [] });
  });

  it('puts a stage again when its template, a parameter or a secure value differs, its last deployment failed, or its groups are gone', async () => {
    await run();
    const { state } = standIn;
    // An earlier output changed: the stages that consume it take it.
    const hub = [...state.deployments.values()].find((d) => d.name === 'baseplate-hub');
    hub!.outputs['firewallPrivateIp'] = { type: 'string', value: '10.200.0.5' };
    // The plan changed one template.
    const changed = stages.map((s) =>
      s.name === 'policy-00'
        ? { ...s, template: { ...s.template, outputs: { note: { type: 'string', value: 'x' } } } }
        : s,
    );
    // A certificate given now: Azure never says which one it holds.
    const secure = new Map([['gatewayCertificate', 'MIIcertificate']]);
    // The last deployment of the ingress stage failed.
    const ingress = [...state.deployments.values()].find((d) => d.name === 'baseplate-ingress-00');
    ingress!.state = 'Failed';
    state.requests.length = 0;
    await run({ stages: changed, secure });
    assert.deepEqual(puts(standIn), ['spoke-00', 'policy-00', 'services-00', 'ingress-00']);

    // Resource groups deleted by hand (their subscription deployment's record stays): created again.
    state.resourceGroups.clear();
    state.requests.length = 0;
    await run({ only: 'resource-groups' });
    assert.deepEqual(puts(standIn), ['resource-groups']);
  });

  it('names the failed resource and its error, and converges when run again', async () => {
    standIn.state.failures = [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        code: 'QuotaExceeded',
        message:
          'Operation could not be completed as it results in exceeding approved standardDSv2Family Cores quota.',
        times: 1,
      },
    ];
    const failure = await run().then(
      () => assert.fail('expected the cluster stage to fail'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError);
    assert.equal(failure.what, 'stage cluster-00');
    const cluster = stages
      .find((s) => s.name === 'cluster-00')
      ?.resources.find((r) => r.type === 'Microsoft.ContainerService/managedClusters');
    assert.deepEqual(failure.failures, [
      {
        resourceId: cluster?.id,
        resourceType: 'Microsoft.ContainerService/managedClusters',
        code: 'QuotaExceeded',
        message:
          'Operation could not be completed as it results in exceeding approved standardDSv2Family Cores quota.',
      },
    ]);
    assert.deepEqual(puts(standIn), stageNames.slice(0, stageNames.indexOf('cluster-00') + 1));
    assert.equal(standIn.state.resource(cluster?.id ?? ''), undefined);

    const result = await run();
    assert.equal(result.status, 'deployed');
    assert.ok(standIn.state.resource(cluster?.id ?? ''));
  });

  it('names the failed resource when Azure fails the deployment at its first poll', async () => {
    // The SDK's poller then throws a bare Error; the failure must still come from the operations.
    standIn.state.pollsUntilDone = 1;
    standIn.state.failures = [
      {
        type: 'Microsoft.Network/virtualNetworks',
        code: 'InUseSubnetCannotBeDeleted',
        message: 'In use.',
        times: 1,
      },
    ];
    try {
      const failure = await run().then(
        () => assert.fail('expected the hub stage to fail'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.equal(failure.what, 'stage hub');
      assert.deepEqual(
        failure.failures.map((f) => [f.resourceType, f.code, f.message]),
        [['Microsoft.Network/virtualNetworks', 'InUseSubnetCannotBeDeleted', 'In use.']],
      );
    } finally {
      standIn.state.pollsUntilDone = 3;
    }
  });

  it("reports a put Azure rejects with its inner details (a policy denial), not just 'see details'", async () => {
    standIn.state.denied = ['Microsoft.ContainerRegistry/registries'];
    try {
      const failure = await run().then(
        () => assert.fail('expected the services stage to be rejected'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.equal(failure.what, 'stage services-00');
      assert.deepEqual(
        failure.failures.map((f) => f.code),
        ['InvalidTemplateDeployment', 'RequestDisallowedByPolicy'],
      );
      assert.match(failure.message, /Resource 'crbu0001a000800prod\w+' was disallowed by policy/);
    } finally {
      standIn.state.denied = [];
    }
  });

  it('refuses to send an earlier output its deployment lacks (an older plan), naming the stage to redeploy', async () => {
    await run({ only: 'resource-groups' });
    await run({ only: 'hub' });
    const hub = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-hub');
    delete hub?.outputs['firewallPrivateIp'];
    await assert.rejects(run({ only: 'spoke-00' }), (error: unknown) => {
      assert.ok(error instanceof MissingInputError);
      assert.match(
        error.message,
        /spoke-00 needs firewallPrivateIp from stage hub, whose deployment baseplate-hub has no such output .*\(baseplate deploy --stage hub\)/,
      );
      return true;
    });
  });

  it('follows a deployment an interrupted run left running to its end, then puts the current plan', async () => {
    await run({ only: 'resource-groups' });
    const hub = stageOf('hub');
    const interrupt = (template: DeployStage['template']) => {
      const interrupted = startDeployment(
        standIn.state,
        `/subscriptions/${SUBSCRIPTION}/resourceGroups/${hub.resourceGroup ?? ''}`,
        'baseplate-hub',
        { template: template as never, parameters: hub.parameters },
      );
      interrupted.pollsLeft = 3;
      standIn.state.requests.length = 0;
      events = [];
      return interrupted;
    };
    // An older plan was running: the current one is put after it.
    const older = interrupt({ ...hub.template, outputs: {} });
    await run({ only: 'hub' });
    // Not over the running one (Azure would refuse it: DeploymentActive), but after it: the plan changed.
    assert.equal(older.state, 'Succeeded');
    assert.deepEqual(puts(standIn), ['hub']);
    const statuses = () => events.flatMap((e) => (e.kind === 'stage' && e.stage === 'hub' ? [e.status] : []));
    assert.deepEqual(statuses(), ['resumed', 'started']);
    // The current plan was running: followed to its end, and nothing more to put.
    const current = interrupt(hub.template);
    await run({ only: 'hub' });
    assert.equal(current.state, 'Succeeded');
    assert.deepEqual(puts(standIn), []);
    assert.deepEqual(statuses(), ['resumed', 'skipped']);
  });

  it('retries throttling after Retry-After, server errors and dropped connections', async () => {
    standIn.state.faults = [
      {
        method: 'PUT',
        path: /deployments\/baseplate-[\w-]+-resource-groups$/,
        fault: 'throttle',
        retryAfter: 1,
      },
      { method: 'GET', path: /deployments\/baseplate-[\w-]+-resource-groups$/, fault: 'server-error' },
      { method: 'GET', path: /deployments\/baseplate-[\w-]+-resource-groups\/operations$/, fault: 'reset' },
    ];
    await run({ only: 'resource-groups' });
    // The throttled put waited the 1 s Azure asked for; the server error and the reset, a
    // first backoff of 0.5–1 s (never exactly 1 s).
    const [serverError, throttle, reset] = standIn.clock.waits;
    assert.equal(throttle, 1000, 'Retry-After: 1 was not honoured');
    for (const backoff of [serverError, reset])
      assert.ok(backoff !== undefined && backoff >= 500 && backoff < 1000, `backoff ${backoff}`);
    assert.equal(standIn.state.faults.length, 0);
    const putAttempts = standIn.state.requests.filter(
      (r) => r.method === 'PUT' && r.path.endsWith('baseplate-bu0001a0008-prod-eus2-resource-groups'),
    );
    assert.equal(putAttempts.length, 2);
  });

  it('retries a 429 that says not how long to wait, with backoff', async () => {
    const put = /deployments\/baseplate-[\w-]+-resource-groups$/;
    standIn.state.faults = [
      { method: 'PUT', path: put, fault: 'throttle' },
      { method: 'PUT', path: put, fault: 'throttle' },
    ];
    await run({ only: 'resource-groups' });
    assert.equal(standIn.state.faults.length, 0);
    assert.equal(standIn.state.requests.filter((r) => r.method === 'PUT' && put.test(r.path)).length, 3);
    // Exponential backoff with jitter from retryDelayInMs (1 s): 0.5–1 s, then 1–2 s.
    const [first, second] = standIn.clock.waits;
    assert.ok(first !== undefined && first >= 500 && first <= 1000, `first wait ${first}`);
    assert.ok(second !== undefined && second >= 1000 && second <= 2000, `second wait ${second}`);
  });

  it('reads every page of a list Azure pages with nextLink', async () => {
    standIn.state.pageSize = 1;
    try {
      await run({ only: 'resource-groups' });
      await run({ only: 'hub' });
    } finally {
      standIn.state.pageSize = 10;
    }
    const hub = stageOf('hub');
    const last = events.filter((e) => e.kind === 'progress' && e.stage === 'hub').at(-1);
    assert.ok(last?.kind === 'progress');
    const planned = hub.resources.filter((r) => !('condition' in r));
    assert.ok(planned.length > 1);
    assert.deepEqual(
      last.resources.filter((r) => r.state === 'Succeeded').length,
      planned.length,
      'an operation on a later page was missed',
    );
  });

  it('gives up on a deployment that runs past the stage timeout, saying how to follow it', async () => {
    standIn.state.pollsUntilDone = 1_000;
    try {
      const failure = await run({
        only: 'resource-groups',
        connection: standIn.connection({ timeoutMs: 25_000 }),
      }).then(
        () => assert.fail('expected a timeout'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError);
      assert.match(failure.failures[0]?.message ?? '', /still Running .* deploy follows it when run again/);
      // Polled every 10 s of the clock until 25 s had passed: three polls, never a real wait.
      assert.deepEqual(standIn.clock.waits, [10_000, 10_000, 10_000]);
    } finally {
      standIn.state.pollsUntilDone = 3;
      standIn.state.deployments.clear();
    }
  });

  it('deploys one stage with --stage, reading its inputs from the earlier deployments', async () => {
    await assert.rejects(run({ only: 'spoke-00' }), (error: unknown) => {
      assert.ok(error instanceof MissingInputError);
      assert.match(error.message, /spoke-00 needs firewallPrivateIp from stage hub.*deploy --stage hub/);
      return true;
    });
    await run({ only: 'resource-groups' });
    await run({ only: 'hub' });
    standIn.state.requests.length = 0;
    await run({ only: 'spoke-00' });
    assert.deepEqual(puts(standIn), ['spoke-00']);
    const spoke = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-spoke-00');
    assert.equal(spoke?.request.parameters['firewallPrivateIp']?.value, '10.200.0.4');
  });

  it("gives the values a step sets to that stage alone: one spoke's certificates never reach another's vault", async () => {
    const twoSpokes = stagesFrom(
      planOk(readFileSync(join(repoRoot, 'test', 'cases', 'two-spokes', 'baseplate.yaml'), 'utf8')),
      SUBSCRIPTION,
    );
    const services = twoSpokes.filter((s) => s.name.startsWith('services-')).map((s) => s.name);
    assert.deepEqual(services, ['services-00', 'services-01']);
    await run({
      stages: twoSpokes,
      steps: [
        {
          when: 'before',
          applies: (stage) => stage.name === 'services-00',
          run: ({ secure }) => {
            secure.set('gatewayCertificate', 'spoke-00-certificate');
            return Promise.resolve();
          },
        },
      ],
    });
    const given = (stage: string) =>
      [...standIn.state.deployments.values()].find((d) => d.name === `baseplate-${stage}`)?.request
        .parameters['gatewayCertificate']?.value;
    assert.equal(given('services-00'), 'spoke-00-certificate');
    assert.equal(given('services-01'), '');
  });

  it("with an existing hub, pauses until the hub owner's part is applied and the peering Connected, then goes on", async () => {
    const landingZone = stagesFrom(
      planOk(readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8')),
      SUBSCRIPTION,
    );
    const hubSubscription = '22222222-2222-2222-2222-222222222222';
    // The workload's identity cannot read the connectivity subscription: that must pause, not fail.
    standIn.state.forbidden.add(hubSubscription);
    try {
      const paused = await run({ stages: landingZone });
      assert.deepEqual(paused, {
        status: 'handoff',
        stage: 'services-00',
        files: ['network-team/03-network-team-hub-links.json'],
      });
      const detail = (stage: string) =>
        events.flatMap((e) =>
          e.kind === 'stage' && e.stage === stage && e.status === 'skipped' ? [e.detail] : [],
        );
      assert.match(
        detail('network-team-hub-links').join(),
        /not applied yet: peering vnet-bu0001a0008-00-prod-eus2\/to-vnet-hub-eastus2 is Initiated; \d+ of its resources are not readable with your rights/,
      );

      // --stage waits for the hub owner's stages the stage needs, too.
      events = [];
      assert.equal((await run({ stages: landingZone, only: 'services-00' })).status, 'handoff');

      // The network team applies its templates in the hub's subscription.
      for (const stage of landingZone.filter((s) => s.handoff)) {
        const deployment = startDeployment(
          standIn.state,
          `/subscriptions/${stage.subscriptionId}/resourceGroups/${stage.resourceGroup ?? ''}`,
          stage.deploymentName,
          { template: stage.template as never, parameters: stage.parameters },
        );
        while (deployment.state === 'Running') advance(standIn.state, deployment);
        assert.equal(deployment.state, 'Succeeded', stage.name);
      }

      events = [];
      const resumed = await run({ stages: landingZone });
      assert.equal(resumed.status, 'deployed');
      assert.ok(resumed.status === 'deployed' && resumed.stages.includes('bootstrap-00'));
      assert.match(detail('network-team-hub-links').join(), /applied by the hub owner .*peerings Connected/);
    } finally {
      standIn.state.forbidden.delete(hubSubscription);
    }
  });

  it('--stage says which earlier outputs it reads, and from which deployment', async () => {
    await run({ only: 'resource-groups' });
    await run({ only: 'hub' });
    events = [];
    await run({ only: 'spoke-00' });
    const said = events.flatMap((e) => (e.kind === 'step' && e.stage === 'spoke-00' ? [e.message] : []));
    assert.ok(
      said.includes('reads firewallPrivateIp from stage hub (deployment baseplate-hub)'),
      said.join('\n'),
    );
  });

  it('preflight adds up the vCPUs of every cluster in one subscription and region', async () => {
    const twoSpokes = stagesFrom(
      planOk(readFileSync(join(repoRoot, 'test', 'cases', 'two-spokes', 'baseplate.yaml'), 'utf8')),
      SUBSCRIPTION,
    );
    offerEverything(standIn.state);
    const check = () =>
      preflight({
        stages: twoSpokes,
        clientsFor: clientCache(standIn.connection()),
        connection: standIn.connection(),
        listener: () => undefined,
        location: 'eastus2',
        whatIf: false,
      });
    const needed = (await check()).problems;
    assert.deepEqual(needed, []);
    // Room for either cluster, not for both.
    standIn.state.usages = standIn.state.usages.map((u) =>
      u.name.value === 'cores' ? { ...u, limit: 90 } : u,
    );
    const { problems } = await check();
    assert.deepEqual(
      problems.map((p) => [p.check, p.stage]),
      [['quota', 'cluster-00, cluster-01']],
    );
    assert.match(
      problems[0]!.message,
      /total regional vCPU quota .*aks-bu0001a0008-00-\S+\/npsystem.*aks-bu0001a0008-01-\S+\/npsystem/,
    );
  });

  it('imports the images once: a tag already in the registry is kept, a failed import exits as an Azure failure', async () => {
    const images = JSON.parse(
      planOk('{}').files.find((f) => f.path === 'gitops/images.json')?.content ?? '',
    ) as ImageList;
    const step = importImages(images, stages);
    await run({ steps: [step] });
    const first = standIn.state.imports.length;
    assert.ok(first > 0);
    assert.ok(standIn.state.imports.every((i) => i.mode === 'NoForce'));
    events = [];
    await run({ steps: [step] });
    // Asked again (NoForce costs no download), and kept.
    assert.equal(standIn.state.imports.length, 2 * first);
    const kept = events.filter((e) => e.kind === 'step' && / is in cr\S+ already$/.test(e.message));
    assert.equal(kept.length, first);

    standIn.state.tags.clear();
    const source = standIn.state.imports[0]?.source ?? '';
    standIn.state.importFailures.set(
      source,
      'toomanyrequests: You have reached your unauthenticated pull rate limit.',
    );
    try {
      const failure = await run({ steps: [step] }).then(
        () => assert.fail('expected the import to fail'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.ok(failure.what.startsWith(`importing ${source} into cr`), failure.what);
      assert.match(failure.message, /toomanyrequests/);
    } finally {
      standIn.state.importFailures.clear();
    }
  });

  it('gives up waiting for Flux after its own timeout, showing each object that is not compliant', async () => {
    standIn.state.fluxState = 'Non-Compliant';
    try {
      const failure = await run({ steps: [waitForFlux(30_000)] }).then(
        () => assert.fail('expected the Flux wait to fail'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.match(failure.what, /^waiting for Flux on aks-/);
      assert.equal(failure.failures[0]?.code, 'FluxNon-Compliant');
      assert.match(
        failure.failures[0]?.message ?? '',
        /not compliant after 30 s; Kustomization flux-system\/cluster-baseline: Non-Compliant/,
      );
    } finally {
      standIn.state.fluxState = 'Compliant';
    }
  });

  it('preflight: a provider it may not register, a Key Vault name taken, permissions it cannot read', async () => {
    offerEverything(standIn.state);
    const vault = stages.flatMap((s) => s.resources).find((r) => r.type === 'Microsoft.KeyVault/vaults');
    assert.ok(vault);
    standIn.state.providers.set('microsoft.keyvault', 'NotRegistered');
    standIn.state.permissions.set(`/subscriptions/${SUBSCRIPTION}`, [
      { actions: ['*'], notActions: ['Microsoft.KeyVault/register/action'] },
    ]);
    standIn.state.takenNames.add(vault.name.toLowerCase());
    // The subscription's permissions endpoint answers nothing useful: said, not guessed.
    standIn.state.faults = Array.from({ length: 5 }, () => ({
      method: 'GET',
      path: /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/permissions$/,
      fault: 'server-error' as const,
    }));
    const warnings: string[] = [];
    try {
      const { problems } = await preflight({
        stages: stages.filter((s) => s.name === 'resource-groups' || s.name.startsWith('services-')),
        clientsFor: clientCache(standIn.connection()),
        connection: standIn.connection(),
        listener: (event) => {
          if (event.kind === 'warning') warnings.push(event.message);
        },
        location: 'eastus2',
        whatIf: false,
      });
      assert.deepEqual(
        problems.map((p) => p.check),
        ['providers', 'names'],
        JSON.stringify(problems, null, 2),
      );
      assert.match(problems[0]!.message, /Microsoft\.KeyVault is not registered .* registering it failed/);
      assert.match(problems[0]!.fix, /az provider register --namespace Microsoft\.KeyVault/);
      assert.match(problems[1]!.message, new RegExp(`Key Vault name ${vault.name} is taken`));
      assert.match(problems[1]!.fix, /set naming\.suffix/);
      assert.match(
        warnings.join('\n'),
        /could not read the permissions for stage resource-groups; not checked/,
      );
    } finally {
      standIn.state.providers.clear();
      standIn.state.permissions.clear();
      standIn.state.takenNames.clear();
    }
  });

  it("previews an array's elements by their names: a subnet deleted, another one's prefix changed", async () => {
    await run({ only: 'resource-groups' });
    await run({ only: 'hub' });
    await run({ only: 'spoke-00' });
    const spoke = stageOf('spoke-00');
    const network = standIn.state.resources.get(
      spoke.resources.find((r) => r.type === 'Microsoft.Network/virtualNetworks')!.id.toLowerCase(),
    );
    const subnets = (
      network!.body['properties'] as { subnets: { name: string; properties: { addressPrefix?: string } }[] }
    ).subnets;
    const planned = subnets[0]!.properties.addressPrefix;
    // Someone added a subnet in the portal and changed another's prefix.
    subnets.splice(2, 0, { name: 'snet-x', properties: { addressPrefix: '10.240.250.0/24' } });
    subnets[0] = { ...subnets[0]!, properties: { ...subnets[0]!.properties, addressPrefix: '10.9.9.0/24' } };
    const outputs = outputsReader(stages, clientCache(standIn.connection()));
    const preview = await whatIfStage(
      clientCache(standIn.connection())(SUBSCRIPTION),
      spoke,
      outputs,
      new Map(),
    );
    const text = previewText([preview]);
    assert.match(text, /\n {6}delete subnet snet-x\n/);
    assert.ok(
      text.includes(
        `      modify properties.subnets[snet-nodes].properties.addressPrefix: "10.9.9.0/24" → "${planned}"\n`,
      ),
      text,
    );
    assert.doesNotMatch(text, /properties\.subnets\.\d/);
  });

  it('a preview Azure fails is a failure, never a note: a missing parameter, an unregistered namespace', async () => {
    await run({ only: 'resource-groups' });
    const spoke = stageOf('spoke-00');
    const clients = clientCache(standIn.connection())(SUBSCRIPTION);
    const notDeployed = () => Promise.resolve(undefined);
    const failure = (stage: DeployStage, via: ArmClient = clients) =>
      whatIfStage(via, stage, notDeployed, new Map()).then(
        () => assert.fail('the preview succeeded'),
        (error: unknown) => {
          assert.ok(error instanceof AzureOperationError, String(error));
          return error;
        },
      );
    // Azure answers the what-if, its result Failed with the template's validation error.
    const { firewallPrivateIp: _given, ...withoutIp } = spoke.parameters;
    const missing = await failure({ ...spoke, parameters: withoutIp });
    assert.equal(missing.what, 'what-if of stage spoke-00');
    assert.equal(missing.failures[0]?.code, 'InvalidTemplate');
    assert.match(
      missing.failures[0]?.message ?? '',
      /template parameter 'firewallPrivateIp' .* is not provided/,
    );
    assert.match(missing.advice ?? '', /Nothing was deployed/);
    // A result that says Failed and no more.
    class FailedWithoutError extends ArmClient {
      override run<T>(): Promise<T | undefined> {
        return Promise.resolve({ status: 'Failed' } as T);
      }
    }
    const bare = await failure(spoke, new FailedWithoutError(standIn.connection(), SUBSCRIPTION));
    assert.deepEqual(bare.failures, [{ code: 'WhatIfFailed', message: 'the what-if ended Failed' }]);
    // Canceled (a terminal state of a long-running operation) is no preview either.
    class Canceled extends ArmClient {
      override run<T>(): Promise<T | undefined> {
        return Promise.resolve({ status: 'Canceled' } as T);
      }
    }
    const canceled = await failure(spoke, new Canceled(standIn.connection(), SUBSCRIPTION));
    assert.deepEqual(canceled.failures, [{ code: 'WhatIfFailed', message: 'the what-if ended Canceled' }]);
    // Azure refuses the request itself.
    standIn.state.providers.set('microsoft.network', 'NotRegistered');
    try {
      const unregistered = await failure(spoke);
      assert.equal(unregistered.failures[0]?.code, 'MissingSubscriptionRegistration');
      assert.match(unregistered.advice ?? '', /Nothing was deployed/);
    } finally {
      standIn.state.providers.clear();
    }
  });

  /**
   * keptVaults with --purge for a soft-deleted vault `name` whose read shows no purge protection,
   * the purge answered by `answer`: what it keeps, and its warnings.
   */
  const purgeAnswered = async (name: string, answer: RestError) => {
    standIn.state.deletedVaults.set(name, {
      name,
      location: 'eastus2',
      vaultId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/${name}`,
      scheduledPurgeDate: '2027-02-22T00:00:00Z',
      body: { properties: {} },
    });
    class Answering extends ArmClient {
      override run<T>(): Promise<T | undefined> {
        return Promise.reject(answer);
      }
    }
    const warnings: string[] = [];
    try {
      const kept = await keptVaults(
        [{ subscriptionId: SUBSCRIPTION, name, location: 'eastus2' }],
        () => new Answering(standIn.connection(), SUBSCRIPTION),
        (event) => {
          if (event.kind === 'warning') warnings.push(event.message);
        },
        { purge: true },
      );
      return { kept, warnings };
    } finally {
      standIn.state.deletedVaults.clear();
    }
  };

  it("destroy --purge: Key Vault's refusal to purge a protected vault is a warning, the vault kept", async () => {
    // Key Vault's answer to purging a vault under purge protection (microsoft/AzureTRE#1446): the
    // read did not show the protection; the purge meets it.
    const { kept, warnings } = await purgeAnswered(
      'kv-held',
      new RestError("Operation 'DeletedVaultPurge' is not allowed.", {
        code: 'MethodNotAllowed',
        statusCode: 400,
      }),
    );
    assert.deepEqual(kept, [{ name: 'kv-held', scheduledPurgeDate: '2027-02-22T00:00:00Z' }]);
    assert.deepEqual(warnings, [
      "Key Vault kv-held cannot be purged yet: Operation 'DeletedVaultPurge' is not allowed.",
    ]);
  });

  it('destroy --purge: a vault gone before its purge (404) is purged, neither kept nor a failure', async () => {
    const { kept, warnings } = await purgeAnswered(
      'kv-gone',
      new RestError('The vault was not found.', { code: 'ResourceNotFound', statusCode: 404 }),
    );
    assert.deepEqual(kept, []);
    assert.deepEqual(warnings, []);
  });

  it('refuses an unknown --stage, naming the stages', async () => {
    await assert.rejects(
      run({ only: 'nope' }),
      /--stage nope: no such stage; the stages are resource-groups, hub/,
    );
  });
});

function stageOf(name: string): DeployStage {
  const stage = stages.find((s) => s.name === name);
  assert.ok(stage, name);
  return stage;
}

describe("the stages as deploy reads them from the plan's files", () => {
  it('put the subscription given at deployment wherever the plan could not know it', () => {
    const text = JSON.stringify(stages.map((s) => [s.roles, s.resources]));
    assert.doesNotMatch(text, /<subscription-id>/);
    const scopes = stages.flatMap((s) => s.roles.map((r) => r.scope));
    assert.ok(scopes.some((scope) => scope.startsWith(`/subscriptions/${SUBSCRIPTION}/resourceGroups/`)));
  });
});
