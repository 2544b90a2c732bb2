/**
 * One stage as one Resource Manager deployment: put it (or follow the one still
 * running from an interrupted run), poll it and its operations for the live view,
 * and on failure name each failed resource with the innermost causes Azure gives,
 * through nested deployments. Resource Manager runs the deployment; this only
 * starts and watches it, riding out what Azure documents as passing, each within
 * a bound.
 */
import { randomUUID } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import type { AzureClients, Connection } from './clients.js';
import { systemClock } from './clients.js';
import type { Listener, ResourceProgress } from './events.js';
import type { OperationFailure } from './errors.js';
import {
  AzureOperationError,
  errorCodeOf,
  failuresFrom,
  ifExists,
  isNotFound,
  requestFailure,
  rootCauses,
} from './errors.js';
import type { ErrorDetail } from './arm.js';
import type { DeploymentExtended, DeploymentOperation, ParameterValues } from './rest.js';
import { getDeployment, listDeploymentOperations, listOperationsOf, putDeployment } from './rest.js';
import type { DeployStage } from './stages.js';
import { isPassing, RequestTimeoutError } from './transport.js';
import { hasComputedName } from './stages.js';
import { PRINCIPAL_WAITS, recoverRoleAssignments, withoutExisting } from './role-assignments.js';
import { unchangedSince } from './unchanged.js';

export type { ParameterValues } from './rest.js';

const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

/**
 * The tag each put gives the deployment record (Deployment.tags, deployments
 * 2025-04-01), unique to that put: a put Azure took but whose answer was lost
 * (a reset, a 504) is retried and meets 409 DeploymentActive; the running
 * deployment is then known as this put's own by its tag, and followed.
 */
const PUT_TAG = 'baseplate-put';

/** Puts of one stage: the first, and two more after a failure Azure documents as passing. */
const PUT_ATTEMPTS = 3;
/** The wait before putting a stage again after a passing failure; doubled each time. */
const PASSING_WAIT_MS = 60_000;
/**
 * Causes Azure documents as passing. Learn, "Troubleshoot common Azure deployment
 * errors": AnotherOperationInProgress, "Wait for concurrent operation to
 * complete"; InternalServerError, "Caused by a temporary problem. Retry the
 * deployment." Learn, "Azure Resource Manager request limits and throttling": the
 * network provider's RetryableErrorDueToAnotherOperation, "when the target
 * resource is locked by another operation".
 */
const PASSING_CAUSES = new Set([
  'anotheroperationinprogress',
  'internalservererror',
  'retryableerrorduetoanotheroperation',
]);

/** Polls in a row that may go unanswered (each after its own retries) while Azure runs the deployment. */
const LOST_POLLS = 5;

/**
 * Puts into a resource group Azure says it does not know. Right after the
 * subscription stage creates it, Resource Manager may not have replicated it
 * yet (Learn, "Use the retryOn decorator": "transient errors during deployment,
 * such as replication delays that resolve after one or more retries"); waits of
 * 5, 10, 20 and 40 s.
 */
const GROUP_TRIES = 5;

/** Nested deployments opened to reach a failure's own resource. */
const NESTING = 5;

/** Puts of one stage in one run: the first, one per replication wait, and a few role-assignment repairs. */
const MAX_PUTS = PRINCIPAL_WAITS.length + 4;

/** The deployment's record, or undefined when there is none. */
export async function existingDeployment(
  clients: AzureClients,
  stage: DeployStage,
): Promise<DeploymentExtended | undefined> {
  return ifExists(`reading deployment ${stage.deploymentName}`, () => getDeployment(clients, stage));
}

/** The outputs of a stage's last successful deployment, or undefined when it has none. */
export async function deployedOutputs(
  clients: AzureClients,
  stage: DeployStage,
): Promise<Record<string, unknown> | undefined> {
  const record = await existingDeployment(clients, stage);
  if (record?.properties?.provisioningState?.toLowerCase() !== 'succeeded') return undefined;
  return outputValues(record);
}

/** What deploying a stage came to: its outputs, and whether it was put or left as it was. */
export interface StageOutcome {
  readonly outputs: Record<string, unknown>;
  readonly applied: boolean;
}

/**
 * Deploys the stage and waits for it; returns its outputs. A deployment of the
 * same name still running (an interrupted run) is followed to its end first:
 * Azure would refuse a put over it with DeploymentActive. A stage whose last
 * deployment succeeded with this template and these parameters is left as it is
 * (unchanged.ts), unless `force`. A failure whose every cause Azure documents as
 * passing (another operation on the resource) is put again after a wait, at most
 * PUT_ATTEMPTS times in all; role assignments Azure refuses for reasons it
 * documents are handled and the stage put again (role-assignments.ts).
 */
export async function deployStage(
  clients: AzureClients,
  connection: Connection,
  stage: DeployStage,
  parameters: ParameterValues,
  listener: Listener,
  options: { readonly force?: boolean } = {},
): Promise<StageOutcome> {
  const name = stage.deploymentName;
  const clock = connection.clock ?? systemClock;
  const started = clock.now();
  let previous = await existingDeployment(clients, stage);
  const previousState = previous?.properties?.provisioningState?.toLowerCase();
  if (previousState !== undefined && !TERMINAL.has(previousState)) {
    listener({
      kind: 'stage',
      stage: stage.name,
      status: 'resumed',
      detail: `${name} is still ${previousState}`,
    });
    // Its outcome is not this run's: the current plan is put next, unless it left the stage as planned.
    previous = (await watch(clients, connection, stage, listener)).record;
  }
  let sent = await withoutExisting(clients, stage, parameters, listener);
  const unchanged = options.force ? undefined : await unchangedSince(clients, sent, previous, parameters);
  if (unchanged !== undefined && previous) {
    listener({ kind: 'stage', stage: stage.name, status: 'skipped', detail: unchanged });
    return { outputs: outputValues(previous), applied: false };
  }
  listener({ kind: 'stage', stage: stage.name, status: 'started' });
  for (let puts = 1, passingPuts = 1, principalRetries = 0; ; puts += 1) {
    await put(clients, connection, sent, parameters, listener);
    const { record, operations } = await watch(clients, connection, sent, listener);
    if (record.properties?.provisioningState?.toLowerCase() === 'succeeded') {
      listener({
        kind: 'stage-done',
        stage: stage.name,
        seconds: Math.round((clock.now() - started) / 1000),
      });
      return { outputs: outputValues(record), applied: true };
    }
    const failure = await failureOf(clients, sent, record, operations);
    if (failure.failures.every((f) => PASSING_CAUSES.has(f.code.toLowerCase()))) {
      const codes = [...new Set(failure.failures.map((f) => f.code))].join(', ');
      if (passingPuts >= PUT_ATTEMPTS) {
        throw new AzureOperationError(
          failure.what,
          failure.failures,
          `Azure still answered ${codes} after ${PUT_ATTEMPTS} attempts: wait until the other operation on the resource has ended (its activity log names it) or the Azure status page is clear, then run \`baseplate deploy\` again.`,
        );
      }
      const wait = PASSING_WAIT_MS * 2 ** (passingPuts - 1);
      passingPuts += 1;
      listener({
        kind: 'step',
        stage: stage.name,
        message: `${codes}, which Azure documents as passing: deploying the stage again in ${wait / 1000} s (attempt ${passingPuts} of ${PUT_ATTEMPTS})`,
      });
      await clock.sleep(wait);
      continue;
    }
    const next =
      puts < MAX_PUTS
        ? await recoverRoleAssignments(failure, clients, sent, parameters, listener, principalRetries)
        : undefined;
    if (!next) throw failure;
    if (next.waitMs > 0) {
      principalRetries += 1;
      listener({
        kind: 'step',
        stage: stage.name,
        message: `a new principal has not replicated yet (PrincipalNotFound): putting the stage again in ${next.waitMs / 1000} s`,
      });
      await clock.sleep(next.waitMs);
    }
    sent = next.stage;
  }
}

/**
 * Starts the deployment, without waiting on the put's own long-running
 * operation: `watch` polls the deployment's record and its operations, which
 * name each failed resource. A rejected put (validation, a policy denial) is the
 * failure itself. Two answers are not: 409 DeploymentActive (this put's own
 * deployment, its answer lost, is followed; another's is followed to its end and
 * the put made again, twice at most) and 404 ResourceGroupNotFound (a group not
 * replicated yet: tried again, GROUP_TRIES times in all).
 */
async function put(
  clients: AzureClients,
  connection: Connection,
  stage: DeployStage,
  parameters: ParameterValues,
  listener: Listener,
): Promise<void> {
  const clock = connection.clock ?? systemClock;
  const tag = randomUUID();
  let others = 0;
  let missingGroup = 0;
  for (;;) {
    let failed: unknown;
    try {
      await putDeployment(clients, stage, stage.template, parameters, { [PUT_TAG]: tag });
      return;
    } catch (error) {
      failed = error;
    }
    const code = errorCodeOf(failed)?.toLowerCase();
    if (code === 'deploymentactive') {
      const running = await existingDeployment(clients, stage);
      if (running?.tags?.[PUT_TAG] === tag) {
        listener({
          kind: 'step',
          stage: stage.name,
          message: `Azure took the deployment ${stage.deploymentName} but its answer was lost; following it`,
        });
        return;
      }
      if (others++ < 2) {
        listener({
          kind: 'stage',
          stage: stage.name,
          status: 'resumed',
          detail: `another deployment ${stage.deploymentName} is running; following it to its end first`,
        });
        await watch(clients, connection, stage, listener);
        continue;
      }
    }
    if (code === 'resourcegroupnotfound' && ++missingGroup < GROUP_TRIES) {
      const wait = 5000 * 2 ** (missingGroup - 1);
      listener({
        kind: 'step',
        stage: stage.name,
        message: `resource group ${stage.resourceGroup ?? ''} is not known to Azure yet (just created?); putting the deployment again in ${wait / 1000} s`,
      });
      await clock.sleep(wait);
      continue;
    }
    const failure = requestFailure(`stage ${stage.name}`, failed);
    if (code !== 'resourcegroupnotfound') throw failure;
    throw new AzureOperationError(
      failure.what,
      failure.failures,
      `Stage ${stage.name} deploys into resource group ${stage.resourceGroup ?? ''}, which Azure still does not know: deploy the stage that creates it first (baseplate deploy --stage resource-groups), then this one.`,
    );
  }
}

/**
 * Polls until the deployment ends; returns its last record and operations. A
 * poll Azure does not answer (after the retries: a gateway's HTML 502, a
 * time-out) says nothing of the deployment, which runs on: polled again,
 * LOST_POLLS times in a row at most.
 */
async function watch(
  clients: AzureClients,
  connection: Connection,
  stage: DeployStage,
  listener: Listener,
): Promise<{ record: DeploymentExtended; operations: DeploymentOperation[] }> {
  const clock = connection.clock ?? systemClock;
  const started = clock.now();
  let lost = 0;
  for (;;) {
    let record: DeploymentExtended | undefined;
    let operations: DeploymentOperation[] = [];
    try {
      record = await absentAs(undefined, () => getDeployment(clients, stage));
      operations = (await absentAs([], () => listDeploymentOperations(clients, stage))) ?? [];
      lost = 0;
    } catch (error) {
      if (!isPassing(error)) throw requestFailure(`stage ${stage.name}`, error);
      const reason = requestFailure(`stage ${stage.name}`, error).failures[0];
      if (++lost >= LOST_POLLS) {
        throw new AzureOperationError(
          `stage ${stage.name}`,
          [
            {
              code: reason?.code ?? 'Unreachable',
              message: `${lost} polls in a row got no answer from Azure about ${stage.deploymentName} (last: ${reason?.message ?? 'no answer'}).`,
            },
          ],
          'The deployment goes on in Azure: run `baseplate deploy` again once Azure answers, and it follows it.',
        );
      }
      listener({
        kind: 'warning',
        message: `stage ${stage.name}: no answer from Azure about ${stage.deploymentName} (${reason?.code ?? ''}: ${reason?.message ?? ''}); it goes on in Azure, polling again`,
      });
    }
    if (lost === 0) {
      const state = record?.properties?.provisioningState ?? 'Accepted';
      listener({ kind: 'progress', stage: stage.name, state, resources: progressOf(stage, operations) });
      if (record && TERMINAL.has(state.toLowerCase())) return { record, operations };
    }
    if (clock.now() - started > connection.timeoutMs) {
      throw new AzureOperationError(`stage ${stage.name}`, [
        {
          code: 'Timeout',
          message: `${stage.deploymentName} is still ${record?.properties?.provisioningState ?? 'running'} after ${Math.round(connection.timeoutMs / 60_000)} min; it goes on in Azure, and deploy follows it when run again.`,
        },
      ]);
    }
    await clock.sleep(connection.pollIntervalMs);
  }
}

/** What `read` returns, or `absent` on 404 (a record not written yet); other failures are thrown as they are. */
async function absentAs<T>(absent: T, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return absent;
    throw error;
  }
}

/**
 * Why the deployment did not succeed: each failed (or canceled) operation's
 * resource with the innermost causes of its error, a nested deployment's own
 * operations opened in its place; else the deployment's own error. A canceled
 * deployment says so first, and what to do.
 */
async function failureOf(
  clients: AzureClients,
  stage: DeployStage,
  record: DeploymentExtended,
  operations: readonly DeploymentOperation[],
): Promise<AzureOperationError> {
  const what = `stage ${stage.name}`;
  const state = record.properties?.provisioningState ?? 'Failed';
  if (state.toLowerCase() === 'canceled') {
    // Deployments_Cancel (deployments 2025-04-01): "After the deployment is canceled, the provisioningState is set
    // to Canceled. Canceling a template deployment stops the currently running template deployment and leaves the
    // resources partially deployed." What failed before the cancel is shown; what the cancel stopped is not a cause.
    const failed = await failedResources(clients, operations, 0, ['failed']);
    return new AzureOperationError(
      what,
      [
        {
          code: 'Canceled',
          message: `deployment ${stage.deploymentName} was canceled before it finished (in the portal, or with az deployment ${stage.scope === 'subscription' ? 'sub' : 'group'} cancel); the resources it had started may be partly deployed.`,
        },
        ...failed,
      ],
      `Run \`baseplate deploy\` again when you want the stage deployed: Resource Manager deployments are incremental, so it completes what the cancel stopped.`,
    );
  }
  const failed = await failedResources(clients, operations, 0, ['failed', 'canceled']);
  if (failed.length > 0) return new AzureOperationError(what, failed);
  const error = record.properties?.error;
  if (error) return new AzureOperationError(what, failuresFrom(rootCauses(error)));
  return new AzureOperationError(what, [
    {
      code: state,
      message: `deployment ${stage.deploymentName} ended ${state} and Azure gave no reason; its operations may tell (az deployment operation ${stage.scope === 'subscription' ? 'sub' : 'group'} list --name ${stage.deploymentName}).`,
    },
  ]);
}

/** The failures of the operations in `states`, a nested deployment's opened to its own operations. */
async function failedResources(
  clients: AzureClients,
  operations: readonly DeploymentOperation[],
  depth: number,
  states: readonly string[],
): Promise<OperationFailure[]> {
  const failures: OperationFailure[] = [];
  for (const operation of operations) {
    const properties = operation.properties;
    if (!states.includes(properties?.provisioningState?.toLowerCase() ?? '')) continue;
    const target = properties?.targetResource;
    if (
      target?.id &&
      target.resourceType?.toLowerCase() === 'microsoft.resources/deployments' &&
      depth < NESTING
    ) {
      const inner = await failedResources(
        clients,
        await nestedOperations(clients, target.id),
        depth + 1,
        states,
      );
      if (inner.length > 0) {
        failures.push(...inner);
        continue;
      }
    }
    failures.push(
      ...failuresFrom(rootCauses(operationError(properties)), {
        ...(target?.id ? { resourceId: target.id } : {}),
        ...(target?.resourceType ? { resourceType: target.resourceType } : {}),
      }),
    );
  }
  const seen = new Set<string>();
  return failures.filter((failure) => {
    const key = JSON.stringify(failure);
    return !seen.has(key) && seen.add(key);
  });
}

/** A nested deployment's operations; none when they cannot be read (its error is then all there is). */
async function nestedOperations(clients: AzureClients, id: string): Promise<DeploymentOperation[]> {
  try {
    return await listOperationsOf(clients, id);
  } catch (error) {
    // Not readable with these rights, gone, or Azure busy: the operation's own status message is shown instead.
    if (error instanceof RestError || error instanceof RequestTimeoutError) return [];
    throw error;
  }
}

/** An operation's error: its statusMessage's, as Azure sends it or as the spec wraps it; else its state. */
function operationError(properties: DeploymentOperation['properties']): ErrorDetail {
  const error = properties?.statusMessage?.error;
  return (
    error?.error ??
    error ?? {
      code: properties?.statusCode ?? properties?.provisioningState ?? 'Failed',
      message: `the operation ended ${properties?.provisioningState ?? 'Failed'} without a message`,
    }
  );
}

/** Every planned resource with its operation's state; those Azure has not started are Waiting. */
function progressOf(stage: DeployStage, operations: readonly DeploymentOperation[]): ResourceProgress[] {
  const byId = new Map<string, DeploymentOperation>();
  for (const operation of operations) {
    const id = operation.properties?.targetResource?.id;
    if (id) byId.set(id.toLowerCase(), operation);
  }
  const planned = stage.resources.flatMap((resource) => {
    const operation = byId.get(resource.id.toLowerCase());
    byId.delete(resource.id.toLowerCase());
    // A conditional resource (a certificate given or not) shows once Azure starts it: it may never;
    // one whose name Azure computes (a role assignment) shows under the ID Azure reports.
    if (!operation && ('condition' in resource || hasComputedName(resource))) return [];
    return [progress(resource.id, resource.type, resource.name, operation)];
  });
  // Resources Azure reports that the plan names differently (e.g. nested deployments).
  const others = [...byId.values()].map((operation) => {
    const target = operation.properties?.targetResource;
    return progress(target?.id ?? '', target?.resourceType ?? '', target?.resourceName ?? '', operation);
  });
  return [...planned, ...others];
}

function progress(
  resourceId: string,
  resourceType: string,
  resourceName: string,
  operation: DeploymentOperation | undefined,
): ResourceProgress {
  const seconds = seconds8601(operation?.properties?.duration);
  return {
    resourceId,
    resourceType,
    resourceName,
    state: operation?.properties?.provisioningState ?? 'Waiting',
    ...(seconds === undefined ? {} : { seconds }),
  };
}

/** `PT1M2.5S` → 62.5. */
export function seconds8601(duration: string | undefined): number | undefined {
  const match = duration ? /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration) : null;
  if (!match) return undefined;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

function outputValues(record: DeploymentExtended): Record<string, unknown> {
  const outputs = record.properties?.outputs ?? {};
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}
