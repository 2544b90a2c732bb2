/**
 * After the bootstrap stage, deploy waits until Application Gateway's probes reach
 * Traefik (steps/backend-health.ts): Flux's compliance does not say so, since its
 * health checks pass a LoadBalancer Service Azure gave no address. Against the
 * stand-in, whose backend health answers as ApplicationGateways_BackendHealth does
 * (202, then the result at Location), on a clock that never waits.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AzureIo } from '../src/cli/azure.js';
import { run } from '../src/cli/main.js';
import { clientCache } from '../src/deploy/clients.js';
import { deploy } from '../src/deploy/deploy.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import type { DeployEvent } from '../src/deploy/events.js';
import { stagesFrom } from '../src/deploy/stages.js';
import { BACKEND_HEALTH_TIMEOUT_MS, waitForBackendHealth } from '../src/deploy/steps/backend-health.js';
import { TCP_CONNECT_ERROR } from './support/stand-in/backend-health.js';
import { offerEverything } from './support/stand-in/catalog.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import { planOk, repoRoot } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000dd';
const dev = join(repoRoot, 'test', 'cases', 'dev', 'baseplate.yaml');
const stages = stagesFrom(planOk('{}'), SUBSCRIPTION);
const gateway = stages
  .flatMap((s) => s.resources)
  .find((r) => r.type === 'Microsoft.Network/applicationGateways');
const backendPosts = (standIn: StandIn) =>
  standIn.state.requests.filter((r) => r.method === 'POST' && /\/backendhealth$/i.test(r.path));

describe('waiting for the Application Gateway backend after the bootstrap stage', () => {
  let standIn: StandIn;
  let folder: string;

  const baseplate = async (args: readonly string[]) => {
    let stdout = '';
    let stderr = '';
    const io: AzureIo = {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
      cwd: folder,
      env: {
        PATH: process.env['PATH'],
        HOME: folder,
        BASEPLATE_ARM_ENDPOINT: standIn.url,
        AZURE_SUBSCRIPTION_ID: SUBSCRIPTION,
        NO_PROXY: '127.0.0.1,localhost',
      },
      standIn: { tlsOptions: { ca: standIn.ca }, clock: standIn.clock },
    };
    const code = await run(args, io);
    return { code, stdout, stderr };
  };

  before(async () => {
    standIn = await startStandIn();
    folder = mkdtempSync(join(tmpdir(), 'baseplate-backend-'));
  });
  after(async () => {
    await standIn.close();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    standIn.clock.reset();
    const { state } = standIn;
    state.startOver();
    state.deletedVaults.clear();
    state.imports.length = 0;
    state.fluxPendingPolls = 1;
    state.backendProbeLog = '';
    offerEverything(state);
  });

  it('runs after the bootstrap stage alone, and only where a gateway is in front of its cluster', () => {
    assert.ok(gateway);
    const step = waitForBackendHealth(stages);
    assert.equal(step.when, 'after');
    assert.deepEqual(
      stages.filter((s) => step.applies(s)).map((s) => s.name),
      ['bootstrap-00'],
    );
    // The same plan without the gateway: nothing to wait for.
    const withoutGateway = stages.map((s) => ({
      ...s,
      resources: s.resources.filter((r) => r.type !== gateway.type),
    }));
    const bare = waitForBackendHealth(withoutGateway);
    assert.deepEqual(
      withoutGateway.filter((s) => bare.applies(s)),
      [],
    );
  });

  it('waits while the backend is down, showing it, and succeeds once it is up', async () => {
    standIn.state.backendHealth = ['Down', 'Down', 'Up'];
    const result = await baseplate(['deploy', '--config', dev]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /bootstrap-00: Application Gateway agw-\S+ backend: 10\.\d+\.\d+\.\d+ Down\n/,
    );
    assert.match(result.stdout, /bootstrap-00: Application Gateway agw-\S+ backend: 10\.\d+\.\d+\.\d+ Up\n/);
    // Once Flux is compliant: after the bootstrap stage's deployment, and after the Flux configuration read.
    const requests = standIn.state.requests;
    const firstPost = requests.findIndex((r) => r.method === 'POST' && /\/backendhealth$/i.test(r.path));
    const bootstrapPut = requests.findIndex(
      (r) => r.method === 'PUT' && r.path.endsWith('/deployments/baseplate-bootstrap-00'),
    );
    const lastFluxRead = requests.findLastIndex((r) => /\/fluxConfigurations\//i.test(r.path));
    assert.ok(bootstrapPut >= 0 && firstPost > bootstrapPut && firstPost > lastFluxRead, 'asked too early');
    // Three answers, each a long-running operation: polled through its Location.
    assert.equal(backendPosts(standIn).length, 3);
    assert.match(result.stdout, /Deployed 10 stage\(s\)/);
  });

  it('accepts Healthy, the word Learn shows the service using, as up', async () => {
    standIn.state.outputs = {
      firewallPrivateIp: '10.200.0.4',
      firewallEgressRanges: [],
      loginServer: 'cr.io',
    };
    standIn.state.backendHealth = ['Unhealthy', 'Healthy'];
    const events: DeployEvent[] = [];
    const connection = standIn.connection();
    const result = await deploy({
      stages,
      clientsFor: clientCache(connection),
      connection,
      listener: (event) => events.push(event),
      steps: [waitForBackendHealth(stages)],
    });
    assert.equal(result.status, 'deployed');
    assert.deepEqual(
      events.flatMap((e) => (e.kind === 'step' ? [e.message.replace(/^.* backend: /, '')] : [])),
      ['10.240.4.4 Unhealthy', '10.240.4.4 Healthy'],
    );
  });

  it('fails as an Azure operation when the backend stays down: each server, its health and probe log, and where to look', async () => {
    standIn.state.backendHealth = ['Down'];
    const result = await baseplate(['deploy', '--config', dev]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(
      result.stderr,
      /waiting for Application Gateway agw-\S+ to reach the ingress controller failed/,
    );
    assert.match(
      result.stderr,
      /BackendDown \(at backendAddressPools\/ingress\): 10\.\d+\.\d+\.\d+ is Down after 600 s; probe: Application Gateway could not connect to the backend\./,
    );
    assert.match(result.stderr, /kubectl -n traefik get service/);
    assert.match(result.stderr, /ingress subnet/);
    assert.doesNotMatch(result.stdout, /Deployed \d+ stage/);
    // Polled on the connection's interval until its own time-out, not the stage's.
    const waited = standIn.clock.time;
    assert.ok(waited >= BACKEND_HEALTH_TIMEOUT_MS, `waited ${waited} ms`);

    standIn.state.backendProbeLog =
      "Time taken by the backend to respond to application gateway's health probe is more than the timeout threshold in the probe setting.";
    const json = await baseplate(['deploy', '--config', dev, '--json']);
    assert.equal(json.code, 3, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      failed: string;
      failures: { code: string; message: string; resourceId?: string; target?: string }[];
    };
    assert.equal(parsed.ok, false);
    assert.match(parsed.failed, /^waiting for Application Gateway agw-/);
    assert.equal(parsed.failures.length, 1);
    assert.equal(parsed.failures[0]?.code, 'BackendDown');
    assert.match(
      parsed.failures[0]?.resourceId ?? '',
      new RegExp(
        `^/subscriptions/${SUBSCRIPTION}/resourceGroups/[^/]+/providers/Microsoft\\.Network/applicationGateways/agw-`,
      ),
    );
    assert.match(
      parsed.failures[0]?.message ?? '',
      /^10\.\d+\.\d+\.\d+ is Down after 600 s; probe: Time taken by the backend/,
    );
    assert.ok(!parsed.failures[0]?.message.includes(TCP_CONNECT_ERROR));

    // Azure's text is printed as text: a probe log with a terminal escape and a line break.
    standIn.state.backendProbeLog = 'refused\u001b[2J\nerror: forged';
    const text = await baseplate(['deploy', '--config', dev]);
    assert.equal(text.code, 3, text.stderr);
    assert.match(text.stderr, /probe: refused\\u001b\[2J\\u000aerror: forged/);
    assert.ok(!(text.stdout + text.stderr).includes('\u001b[2J'));
  });

  it('counts a pool Azure reports no server in as down, not as vacuously up', async () => {
    standIn.state.outputs = {
      firewallPrivateIp: '10.200.0.4',
      firewallEgressRanges: [],
      loginServer: 'cr.io',
    };
    const connection = standIn.connection();
    const clientsFor = clientCache(connection);
    await deploy({ stages, clientsFor, connection, listener: () => undefined });
    const stored = standIn.state.resource(gateway?.id ?? '');
    const properties = stored?.body['properties'] as {
      backendAddressPools: { properties: { backendAddresses: unknown[] } }[];
    };
    properties.backendAddressPools.forEach((pool) => (pool.properties.backendAddresses = []));
    const bootstrap = stages.find((s) => s.name === 'bootstrap-00');
    assert.ok(bootstrap);
    const failure = await waitForBackendHealth(stages, 30_000)
      .run({
        stage: bootstrap,
        clients: clientsFor(SUBSCRIPTION),
        connection,
        listener: () => undefined,
        secure: new Map(),
      })
      .then(
        () => assert.fail('expected the wait to fail'),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    assert.match(
      failure.failures[0]?.message ?? '',
      /is Unknown after 30 s; probe: Azure reports no server in this pool/,
    );
  });

  it('fails as an Azure operation when the identity may not read backend health', async () => {
    standIn.state.outputs = {
      firewallPrivateIp: '10.200.0.4',
      firewallEgressRanges: [],
      loginServer: 'cr.io',
    };
    standIn.state.permissions.set(`/subscriptions/${SUBSCRIPTION}`, [
      { actions: ['*'], notActions: ['Microsoft.Network/applicationGateways/backendhealth/action'] },
    ]);
    try {
      const connection = standIn.connection();
      const failure = await deploy({
        stages,
        clientsFor: clientCache(connection),
        connection,
        listener: () => undefined,
        steps: [waitForBackendHealth(stages)],
      }).then(
        () => assert.fail('expected the backend health read to fail'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof AzureOperationError, String(failure));
      assert.match(failure.what, /^reading the backend health of Application Gateway agw-/);
      assert.equal(failure.failures[0]?.code, 'AuthorizationFailed');
    } finally {
      standIn.state.permissions.clear();
    }
  });
});
