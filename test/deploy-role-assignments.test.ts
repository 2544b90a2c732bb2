/**
 * Role assignments against the stand-in, which judges them as Microsoft.Authorization
 * does (Learn "Troubleshoot Azure RBAC"; support/stand-in/authorization.ts): names unique
 * across the tenant, RoleAssignmentUpdateNotPermitted for a name held by another
 * principal, RoleAssignmentExists for the same grant under another name, and
 * PrincipalNotFound for a principal that has not replicated yet.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientCache } from '../src/deploy/clients.js';
import type { DeployRun } from '../src/deploy/deploy.js';
import { deploy } from '../src/deploy/deploy.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import type { DeployEvent } from '../src/deploy/events.js';
import { stagesFrom } from '../src/deploy/stages.js';
import { ROLE_ASSIGNMENT } from './support/stand-in/authorization.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import type { StoredResource } from './support/stand-in/state.js';
import { planOk } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000ab';
const OTHER_SUBSCRIPTION = '00000000-0000-0000-0000-0000000000ac';
// No subscription in the configuration: the plan is deployable to any subscription of the tenant.
const planned = planOk('{}');
const stages = stagesFrom(planned, SUBSCRIPTION);
const IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities';

describe('role assignments against the stand-in', () => {
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
  const steps = () => events.flatMap((e) => (e.kind === 'step' ? [e.message] : []));
  const assignments = () =>
    [...standIn.state.resources.values()].filter((r) => r.type.toLowerCase() === ROLE_ASSIGNMENT);
  const principalOf = (assignment: StoredResource) =>
    String((assignment.body['properties'] as { principalId?: string }).principalId);
  /** The Key Vault Secrets User assignment of the ingress controller's identity. */
  const ingressReader = () => {
    const identity = [...standIn.state.resources.values()].find(
      (r) => r.type === IDENTITY && r.name.endsWith('-ingress'),
    );
    const principal = standIn.state.principals.get(identity?.id.toLowerCase() ?? '')?.id;
    const found = assignments().find((a) => principalOf(a) === principal);
    assert.ok(identity && principal && found, 'the ingress identity and its assignment');
    return { identity, principal, assignment: found };
  };
  const servicesPuts = () =>
    standIn.state.requests.filter(
      (r) => r.method === 'PUT' && r.path.endsWith('/deployments/baseplate-services-00'),
    ).length;

  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());
  beforeEach(() => {
    events = [];
    standIn.clock.reset();
    const { state } = standIn;
    state.startOver();
    state.principals.clear();
    state.principalReplicationLag = 0;
    state.roleAssignmentExistsNamesId = true;
    delete state.onDeploymentStart;
  });

  it('names each assignment from the scope it deploys to: the same plan deploys in two subscriptions of one tenant', async () => {
    await run();
    const first = assignments().length;
    assert.ok(first > 0);
    // Names are unique across the tenant: a plan-time name would be refused here (RoleAssignmentUpdateNotPermitted).
    const elsewhere = await deploy({
      stages: stagesFrom(planned, OTHER_SUBSCRIPTION),
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: () => undefined,
    });
    assert.equal(elsewhere.status, 'deployed');
    assert.equal(assignments().length, 2 * first);
    assert.equal(new Set(assignments().map((a) => a.name)).size, 2 * first);
  });

  it('deletes the stale assignment Baseplate made for an identity since re-created, and deploys', async () => {
    await run();
    const stale = ingressReader();
    // The identity is deleted and the next deploy re-creates it: same resource ID, new principal.
    await clientCache(standIn.connection())(SUBSCRIPTION).run('DELETE', stale.identity.id, '2024-11-30');
    events = [];
    const result = await run({ force: true });
    assert.equal(result.status, 'deployed');
    const fresh = ingressReader();
    assert.notEqual(fresh.principal, stale.principal);
    assert.equal(fresh.assignment.id, stale.assignment.id, 'the same name, now for the new principal');
    assert.ok(
      steps().some((m) =>
        m.startsWith(
          `deleting the stale role assignment ${stale.assignment.id} (role 4633458b-17de-408a-b874-0445c86b69e6 for principal ${stale.principal} ("[baseplate] Key Vault Secrets User`,
        ),
      ),
      steps().join('\n'),
    );
  });

  it('names a stale assignment it did not make, with the command that deletes it, and deletes nothing', async () => {
    await run();
    const stale = ingressReader();
    (stale.assignment.body['properties'] as { description?: string }).description = 'Made by hand';
    await clientCache(standIn.connection())(SUBSCRIPTION).run('DELETE', stale.identity.id, '2024-11-30');
    const failure = await run({ force: true }).then(
      () => assert.fail('expected the services stage to fail'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    assert.equal(failure.what, 'stage services-00');
    assert.deepEqual(
      failure.failures.map((f) => f.code),
      ['RoleAssignmentUpdateNotPermitted'],
    );
    assert.match(
      failure.failures[0]?.message ?? '',
      new RegExp(
        `^Tenant ID, application ID, principal ID, and scope are not allowed to be updated\\. Role assignment ${stale.assignment.id.replace(/[.[\]()]/g, '\\$&')} \\(role 4633458b-\\S+ for principal ${stale.principal} \\("Made by hand"\\)\\) holds the name Baseplate gives this assignment, for another principal, and Baseplate did not make it: delete it \\(az role assignment delete --ids ${stale.assignment.id.replace(/[.[\]()]/g, '\\$&')}\\), then deploy again\\.$`,
      ),
    );
    assert.ok(standIn.state.resource(stale.assignment.id), 'not deleted');
  });

  it('leaves out an assignment someone else made for the same principal, role and scope, and says so', async () => {
    await run();
    const ours = ingressReader();
    // Someone grants the same role by hand under another name (after Baseplate's is gone).
    standIn.state.resources.delete(ours.assignment.id.toLowerCase());
    const theirs = ours.assignment.id.replace(/[^/]+$/, '11111111-2222-4333-8444-555555555555');
    standIn.state.resources.set(theirs.toLowerCase(), {
      ...ours.assignment,
      id: theirs,
      name: '11111111-2222-4333-8444-555555555555',
      body: { properties: { ...(ours.assignment.body['properties'] as object), description: 'By hand' } },
    });
    events = [];
    standIn.state.requests.length = 0;
    const result = await run({ force: true });
    assert.equal(result.status, 'deployed');
    // Found before the put: no refused deployment, no second put.
    assert.equal(servicesPuts(), 1);
    assert.ok(
      steps().some(
        (m) =>
          m.includes(`for ${ours.principal} on `) &&
          m.endsWith(
            `is granted already by ${theirs}, without Baseplate's marker: satisfied, left out of the deployment`,
          ),
      ),
      steps().join('\n'),
    );
    assert.equal(standIn.state.resource(ours.assignment.id), undefined, 'not made again');
  });

  /**
   * Removes Baseplate's ingress reader assignment, and has someone make the same one by hand
   * while the services stage deploys (between the check and the put); returns both.
   */
  function assignedByHandMeanwhile() {
    const ours = ingressReader();
    standIn.state.resources.delete(ours.assignment.id.toLowerCase());
    const theirs = ours.assignment.id.replace(/[^/]+$/, '66666666-7777-4888-8999-000000000000');
    standIn.state.onDeploymentStart = (deployment) => {
      if (!deployment.name.endsWith('services-00')) return;
      delete standIn.state.onDeploymentStart;
      standIn.state.resources.set(theirs.toLowerCase(), {
        ...ours.assignment,
        id: theirs,
        name: '66666666-7777-4888-8999-000000000000',
        body: { properties: { ...(ours.assignment.body['properties'] as object), description: 'By hand' } },
      });
    };
    events = [];
    standIn.state.requests.length = 0;
    return { ours, theirs };
  }

  it('when Azure refuses an assignment as existing (made between the check and the put), leaves it out and puts the stage again', async () => {
    await run();
    const { theirs } = assignedByHandMeanwhile();
    const result = await run({ force: true });
    assert.equal(result.status, 'deployed');
    assert.equal(servicesPuts(), 2);
    assert.ok(
      steps().some((m) => m.endsWith(`exists already as ${theirs}: satisfied, left out of the deployment`)),
      steps().join('\n'),
    );
  });

  it('when Azure refuses an assignment as existing without naming it, finds the equivalent at the scope, leaves it out and puts the stage again', async () => {
    // "The role assignment already exists." alone, as many real answers are (Azure/bicep#8774).
    standIn.state.roleAssignmentExistsNamesId = false;
    await run();
    const { ours, theirs } = assignedByHandMeanwhile();
    const result = await run({ force: true });
    assert.equal(result.status, 'deployed');
    assert.equal(servicesPuts(), 2);
    const satisfied = steps().filter((m) => m.endsWith(': satisfied, left out of the deployment'));
    assert.deepEqual(
      satisfied.map((m) => m.split(' exists already as ')[1]),
      [`${theirs}: satisfied, left out of the deployment`],
      steps().join('\n'),
    );
    assert.equal(standIn.state.resource(ours.assignment.id), undefined, 'not made again');
  });

  it('fails clearly when Azure refuses an assignment as existing without naming it and none at the scope is equivalent', async () => {
    await run();
    // Every assignment at the scope is Baseplate's own, under the name the stage gives it.
    standIn.state.failures = [
      {
        type: ROLE_ASSIGNMENT,
        code: 'RoleAssignmentExists',
        message: 'The role assignment already exists.',
        times: 1,
      },
    ];
    const failure = await run({ force: true }).then(
      () => assert.fail('expected the refusal to stand'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    assert.deepEqual(
      failure.failures.map((f) => f.code),
      ['RoleAssignmentExists'],
    );
    const scope = (failure.failures[0]?.resourceId ?? '').replace(
      /\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i,
      '',
    );
    assert.equal(
      failure.failures[0]?.message,
      `The role assignment already exists. Azure does not name the existing assignment, and none on ${scope} grants a role this stage assigns there to the same principal under another name: find it (az role assignment list --scope ${scope}), delete it, then deploy again.`,
    );
  });

  it("checks an Entra group's grant on a cluster not created yet: nothing is assigned on a scope that does not exist", async () => {
    const group = '11111111-2222-4333-8444-555555555555';
    const withGroup = stagesFrom(
      planOk(
        `spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { entra: { adminGroupObjectIds: [${group}] } } }]`,
      ),
      SUBSCRIPTION,
    );
    const result = await run({ stages: withGroup });
    assert.equal(result.status, 'deployed');
    assert.ok(assignments().some((a) => principalOf(a) === group));
  });

  it('puts the stage again after a wait when a new principal has not replicated, and gives up after the last wait', async () => {
    standIn.state.principalReplicationLag = 1;
    const result = await run();
    assert.equal(result.status, 'deployed');
    // The services stage creates the identities and assigns them roles: refused once, put again 30 s later.
    assert.equal(servicesPuts(), 2);
    assert.ok(standIn.clock.waits.includes(30_000));
    assert.ok(
      steps().includes(
        'a new principal has not replicated yet (PrincipalNotFound): putting the stage again in 30 s',
      ),
    );

    standIn.state.resources.clear();
    standIn.state.resourceGroups.clear();
    standIn.state.deployments.clear();
    standIn.state.principals.clear();
    standIn.clock.reset();
    standIn.state.principalReplicationLag = 100;
    const failure = await run().then(
      () => assert.fail('expected PrincipalNotFound to win'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    assert.ok(failure.failures.every((f) => f.code === 'PrincipalNotFound'));
    assert.match(
      failure.message,
      /Still not replicated after 4 new attempts over 7\.5 minutes: run deploy again later\./,
    );
    const replicationWaits = standIn.clock.waits.filter((ms) => ms >= 30_000);
    assert.deepEqual(replicationWaits, [30_000, 60_000, 120_000, 240_000]);
  });
});
