/**
 * The budget's start date against the stand-in, which judges budgets as
 * Microsoft.Consumption does (support/stand-in/budgets.ts): a new monthly budget starts
 * in the current month, and an existing budget's start never changes. The stand-in's
 * clock says which month it is; nothing waits.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientCache } from '../src/deploy/clients.js';
import type { DeployRun } from '../src/deploy/deploy.js';
import { deploy } from '../src/deploy/deploy.js';
import { AzureOperationError } from '../src/deploy/errors.js';
import { preflight } from '../src/deploy/preflight.js';
import { getDeployment, putDeployment } from '../src/deploy/rest.js';
import { stagesFrom } from '../src/deploy/stages.js';
import { whatIfStage } from '../src/deploy/what-if.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import { planOk } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000bd';
const stages = stagesFrom(planOk('cost: { monthlyBudget: 500 }'), SUBSCRIPTION);
const pinned = (month: string) =>
  stagesFrom(planOk(`cost: { monthlyBudget: 500, startMonth: ${month} }`), SUBSCRIPTION);
const MAY_20 = Date.UTC(2026, 4, 20, 9, 30);
const JULY_3 = Date.UTC(2026, 6, 3, 23, 59);

describe('the budget start date against the stand-in', () => {
  let standIn: StandIn;
  const run = (overrides: Partial<DeployRun> = {}) =>
    deploy({
      stages,
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: () => undefined,
      only: 'budget',
      ...overrides,
    });
  const budget = () =>
    [...standIn.state.resources.values()].find((r) => r.type === 'Microsoft.Consumption/budgets');
  const startDate = () =>
    (budget()?.body['properties'] as { timePeriod: { startDate: string } } | undefined)?.timePeriod.startDate;

  before(async () => {
    standIn = await startStandIn();
  });
  after(() => standIn.close());
  beforeEach(() => {
    standIn.clock.reset();
    standIn.state.resources.clear();
    standIn.state.deployments.clear();
  });

  it('starts a new budget in the current month, and keeps its start in every later month', async () => {
    standIn.clock.time = MAY_20;
    await run();
    assert.equal(startDate(), '2026-05-01');
    // Two months on, the plan re-applied: utcNow() would say July, which Azure refuses.
    standIn.clock.time = JULY_3;
    const later = await run({ force: true });
    assert.deepEqual(later, { status: 'deployed', stages: ['budget'], skipped: [] });
    assert.equal(startDate(), '2026-05-01');
    // Deleted, it starts anew in the month of deployment.
    const existing = budget();
    assert.ok(existing);
    standIn.state.resources.delete(existing.id.toLowerCase());
    await run();
    assert.equal(startDate(), '2026-07-01');
  });

  it('deploys from the files as they are (as az deployment does): a new budget starts this month', async () => {
    const stage = stages.find((s) => s.name === 'budget');
    assert.ok(stage);
    assert.deepEqual(stage.parameters, {}, 'nothing in the parameters file');
    const arm = clientCache(standIn.connection())(SUBSCRIPTION);
    // The template and its parameters file, nothing added, followed to its end.
    const asAz = async () => {
      await putDeployment(arm, stage, stage.template, stage.parameters, {});
      for (let poll = 0; poll < 20; poll += 1) {
        const { properties } = await getDeployment(arm, stage);
        if (!['Accepted', 'Running'].includes(properties?.provisioningState ?? '')) return properties;
      }
      return assert.fail('the deployment never ended');
    };
    standIn.clock.time = MAY_20;
    assert.equal((await asAz())?.provisioningState, 'Succeeded');
    assert.equal(startDate(), '2026-05-01');
    // A later month: Azure refuses the default's new start (the parameter's description says to
    // give the existing one, as deploy does).
    standIn.clock.time = JULY_3;
    const later = await asAz();
    assert.equal(later?.provisioningState, 'Failed');
    assert.match(JSON.stringify(later?.error), /Start date of budgets cannot be updated/);
    assert.equal(startDate(), '2026-05-01');
    assert.deepEqual(await run({ force: true }), { status: 'deployed', stages: ['budget'], skipped: [] });
    assert.equal(startDate(), '2026-05-01');
  });

  it('previews with the start it will deploy: no change to an existing budget in a later month', async () => {
    standIn.clock.time = MAY_20;
    await run();
    standIn.clock.time = JULY_3;
    const stage = stages.find((s) => s.name === 'budget');
    assert.ok(stage);
    const preview = await whatIfStage(
      clientCache(standIn.connection())(SUBSCRIPTION),
      stage,
      () => Promise.resolve(undefined),
      new Map(),
      standIn.clock,
    );
    assert.deepEqual(
      preview.changes.map((c) => c.change),
      ['NoChange'],
    );
  });

  it('refuses before deploying a start month pinned in the config that differs from the existing budget', async () => {
    standIn.clock.time = MAY_20;
    await run();
    const { problems } = await preflight({
      stages: pinned('2026-06').filter((s) => s.name === 'budget'),
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: () => undefined,
      location: 'eastus2',
      whatIf: false,
    });
    assert.deepEqual(
      problems.map((p) => [p.check, p.stage]),
      [['budget', 'budget']],
    );
    assert.match(
      problems[0]?.message ?? '',
      /^Budget budget-bu0001a0008-prod started on 2026-05-01, and cost\.startMonth says 2026-06: Azure never changes a budget's start date/,
    );
    assert.match(problems[0]?.fix ?? '', /^Set cost\.startMonth to 2026-05, or remove it/);
    // The same month pinned: no problem.
    const same = await preflight({
      stages: pinned('2026-05').filter((s) => s.name === 'budget'),
      clientsFor: clientCache(standIn.connection()),
      connection: standIn.connection(),
      listener: () => undefined,
      location: 'eastus2',
      whatIf: false,
    });
    assert.deepEqual(same.problems, []);
    // Deployed past preflight, Azure refuses it with its own error.
    const failure = await run({ stages: pinned('2026-06'), force: true }).then(
      () => assert.fail('expected Azure to refuse the new start'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof AzureOperationError, String(failure));
    assert.deepEqual(
      failure.failures.map((f) => [f.resourceType, f.code, f.message]),
      [
        [
          'Microsoft.Consumption/budgets',
          '400',
          'Start date of budgets cannot be updated. Please delete and create a new budget.',
        ],
      ],
    );
  });
});
