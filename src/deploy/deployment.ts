/**
 * One stage as one Resource Manager deployment: put it (or follow the one still
 * running from an interrupted run), poll it and its operations for the live view,
 * and on failure name each failed resource with its error. Resource Manager runs
 * the deployment; this only starts and watches it.
 */
import type { AzureClients, Connection } from './clients.js';
import { systemClock } from './clients.js';
import type { Listener, ResourceProgress } from './events.js';
import type { OperationFailure } from './errors.js';
import { AzureOperationError, ifExists, isNotFound, requestFailure, unwrapError } from './errors.js';
import type { DeploymentExtended, DeploymentOperation, ParameterValues } from './rest.js';
import { getDeployment, listDeploymentOperations, putDeployment } from './rest.js';
import type { DeployStage } from './stages.js';
import { hasComputedName } from './stages.js';
import { PRINCIPAL_WAITS, recoverRoleAssignments, withoutExisting } from './role-assignments.js';
import { unchangedSince } from './unchanged.js';

export type { ParameterValues } from './rest.js';

const TERMINAL = new Set(['succeeded', 'failed', 'canceled']);

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
 * (unchanged.ts), unless `force`.
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
    previous = await follow(clients, connection, stage, listener, clock.now());
  }
  let sent = await withoutExisting(clients, stage, parameters, listener);
  const unchanged = options.force ? undefined : await unchangedSince(clients, sent, previous, parameters);
  if (unchanged !== undefined && previous) {
    listener({ kind: 'stage', stage: stage.name, status: 'skipped', detail: unchanged });
    return { outputs: outputValues(previous), applied: false };
  }
  listener({ kind: 'stage', stage: stage.name, status: 'started' });
  let record: DeploymentExtended | undefined;
  // Role assignments Azure refuses for reasons it documents are handled and the stage put again (role-assignments.ts).
  for (let puts = 1, principalRetries = 0; record === undefined; puts += 1) {
    await put(clients, sent, parameters);
    try {
      record = await follow(clients, connection, sent, listener, clock.now());
    } catch (error) {
      const next =
        puts < MAX_PUTS
          ? await recoverRoleAssignments(error, clients, sent, parameters, listener, principalRetries)
          : undefined;
      if (!next) throw error;
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
  listener({ kind: 'stage-done', stage: stage.name, seconds: Math.round((clock.now() - started) / 1000) });
  return { outputs: outputValues(record), applied: true };
}

/**
 * Starts the deployment, without waiting on the put's own long-running
 * operation: `follow` polls the deployment's record and its operations, which
 * name each failed resource. A rejected put (validation, a policy denial) is the
 * failure itself.
 */
async function put(clients: AzureClients, stage: DeployStage, parameters: ParameterValues): Promise<void> {
  try {
    await putDeployment(clients, stage, stage.template, parameters);
  } catch (error) {
    throw requestFailure(`stage ${stage.name}`, error);
  }
}

/** Polls until the deployment ends; throws with each failed resource's error when it fails. */
async function follow(
  clients: AzureClients,
  connection: Connection,
  stage: DeployStage,
  listener: Listener,
  started: number,
): Promise<DeploymentExtended> {
  for (;;) {
    const record = await existingDeployment(clients, stage);
    const state = record?.properties?.provisioningState ?? 'Accepted';
    const operations = await listOperations(clients, stage);
    listener({ kind: 'progress', stage: stage.name, state, resources: progressOf(stage, operations) });
    if (record && state.toLowerCase() === 'succeeded') return record;
    if (record && TERMINAL.has(state.toLowerCase())) {
      throw new AzureOperationError(`stage ${stage.name}`, failuresOf(record, operations));
    }
    const clock = connection.clock ?? systemClock;
    if (clock.now() - started > connection.timeoutMs) {
      throw new AzureOperationError(`stage ${stage.name}`, [
        {
          code: 'Timeout',
          message: `${stage.deploymentName} is still ${state} after ${Math.round(connection.timeoutMs / 60_000)} min; it goes on in Azure, and deploy follows it when run again.`,
        },
      ]);
    }
    await clock.sleep(connection.pollIntervalMs);
  }
}

async function listOperations(clients: AzureClients, stage: DeployStage): Promise<DeploymentOperation[]> {
  try {
    return await listDeploymentOperations(clients, stage);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw requestFailure(`listing the operations of ${stage.deploymentName}`, error);
  }
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

/** Each failed resource's own error, else the deployment's. */
function failuresOf(
  record: DeploymentExtended,
  operations: readonly DeploymentOperation[],
): OperationFailure[] {
  const failed = operations.flatMap((operation): OperationFailure[] => {
    const properties = operation.properties;
    if (properties?.provisioningState?.toLowerCase() !== 'failed') return [];
    const error = properties.statusMessage?.error;
    const { code, message } = unwrapError(error ?? { code: properties.statusCode, message: '' });
    return [
      {
        ...(properties.targetResource?.id ? { resourceId: properties.targetResource.id } : {}),
        ...(properties.targetResource?.resourceType
          ? { resourceType: properties.targetResource.resourceType }
          : {}),
        code,
        message,
      },
    ];
  });
  if (failed.length > 0) return failed;
  const error = record.properties?.error;
  const details = (error?.details ?? []).map((detail) => unwrapError(detail));
  return details.length > 0 ? details : [unwrapError(error ?? { code: 'DeploymentFailed' })];
}

function outputValues(record: DeploymentExtended): Record<string, unknown> {
  const outputs = record.properties?.outputs ?? {};
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}
