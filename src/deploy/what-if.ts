/**
 * `deploy --what-if`: Azure's own preview of every stage, nothing deployed,
 * summarised per resource (create, modify with the changed properties, delete,
 * no change). A stage whose resource group does not exist yet would create all
 * it plans; inputs from stages not yet deployed take the plan's values. A
 * preview Azure refuses or fails (an invalid template, a policy denial) is a
 * failed Azure operation, as the deployment would be: never a note.
 */
import { budgetStartValues } from './budget-start.js';
import type { AzureClients, Clock } from './clients.js';
import { groupExists, systemClock } from './clients.js';
import { deployedOutputs } from './deployment.js';
import { AzureOperationError, failuresFrom, requestFailure, rootCauses } from './errors.js';
import type { WhatIfChange, WhatIfPropertyChange, WhatIfResult } from './rest.js';
import { whatIf } from './rest.js';
import type { DeployStage } from './stages.js';
import { stageTarget } from './stages.js';

export type ChangeType = 'Create' | 'Modify' | 'Delete' | 'NoChange' | 'Ignore' | 'Deploy' | 'Unsupported';

export interface PropertyChange {
  /** `properties.subnets[snet-x].properties.addressPrefix`: an array element by its name, else its index. */
  readonly path: string;
  readonly change: string;
  /** A whole named array element created or deleted: `properties.subnets` and `snet-x`. */
  readonly element?: { readonly array: string; readonly name: string };
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ResourceChange {
  readonly change: ChangeType;
  readonly resourceId: string;
  readonly properties: readonly PropertyChange[];
}

export interface StagePreview {
  readonly stage: string;
  readonly target: string;
  /** Why Azure was not asked: the stage's resource group does not exist yet. */
  readonly note?: string;
  readonly changes: readonly ResourceChange[];
}

const SECURE = '(secure value, not shown)';

export async function whatIfStage(
  clients: AzureClients,
  stage: DeployStage,
  outputsOf: (stage: string) => Promise<Record<string, unknown> | undefined>,
  secure: ReadonlyMap<string, string>,
  clock: Clock = systemClock,
): Promise<StagePreview> {
  const target = stageTarget(stage);
  if (stage.scope === 'resourceGroup' && stage.resourceGroup !== undefined) {
    if (!(await groupExists(clients, stage.resourceGroup))) {
      return {
        stage: stage.name,
        target,
        note: `resource group ${stage.resourceGroup} does not exist yet: everything is created`,
        changes: stage.resources.map((r) => ({ change: 'Create', resourceId: r.id, properties: [] })),
      };
    }
  }
  const parameters: Record<string, { value: unknown }> = { ...stage.parameters };
  for (const consumed of stage.consumes) {
    const outputs = await outputsOf(consumed.stage);
    if (outputs && consumed.output in outputs)
      parameters[consumed.parameter] = { value: outputs[consumed.output] };
  }
  for (const [name, value] of secure)
    if (name in (stage.template.parameters ?? {})) parameters[name] = { value };
  for (const [name, value] of await budgetStartValues(clients, stage, clock)) parameters[name] = { value };
  let parsed: WhatIfResult;
  try {
    parsed = await whatIf(clients, stage, parameters);
  } catch (error) {
    // A refusal of the request itself (400 InvalidTemplate, 409, 403, …): the preview failed.
    const failure = requestFailure(`what-if of stage ${stage.name}`, error);
    throw new AzureOperationError(failure.what, failure.failures, failure.advice ?? AGAIN);
  }
  const failed = failedPreview(stage, parsed);
  if (failed) throw failed;
  return {
    stage: stage.name,
    target,
    changes: (parsed.properties?.changes ?? []).map((c) => resourceChange(stage, c, secure)),
  };
}

const AGAIN = 'Nothing was deployed; fix the cause and run `baseplate deploy --what-if` again.';
const REFUSED = `Azure refused the template: deploying it would fail the same way. ${AGAIN}`;

/**
 * A what-if that Azure ran but that failed: WhatIfOperationResult's `status` and
 * `error` (deployments 2025-04-01, specification/resources/resource-manager/
 * Microsoft.Resources/deployments/stable/2025-04-01/deployments.json). Azure answers
 * it 200 with status Failed, the template's validation error in `error`
 * (github.com/Azure/azure-cli/blob/dev/src/azure-cli/azure/cli/command_modules/resource/custom.py:
 * "The status code is 200 even when there's an error"; the body in
 * Azure/azure-powershell#12313): a policy denial is InvalidTemplateDeployment with
 * RequestDisallowedByPolicy in its details (Azure/arm-template-whatif#94). A status
 * Failed or Canceled without an error fails all the same.
 */
function failedPreview(stage: DeployStage, result: WhatIfResult): AzureOperationError | undefined {
  const error = result.error;
  // Failed and Canceled are the terminal states that are no result (ARM's asynchronous operations).
  if (!error && !['failed', 'canceled'].includes(result.status?.toLowerCase() ?? '')) return undefined;
  const top = {
    code: error?.code ?? 'WhatIfFailed',
    message: error?.message ?? `the what-if ended ${result.status ?? 'without a result'}`,
  };
  const causes = error?.details?.length ? rootCauses({ details: error.details }) : [];
  return new AzureOperationError(
    `what-if of stage ${stage.name}`,
    [top, ...failuresFrom(causes.filter((c) => c.code !== top.code || c.message !== top.message))],
    REFUSED,
  );
}

function resourceChange(
  stage: DeployStage,
  change: WhatIfChange,
  secure: ReadonlyMap<string, string>,
): ResourceChange {
  const resourceId = change.resourceId ?? '';
  const secret = isSecret(resourceId);
  /** `before` and `after`: the values at `prefix`, where an array element's name is found. */
  const flatten = (
    delta: readonly WhatIfPropertyChange[],
    prefix: string,
    before: unknown,
    after: unknown,
  ): PropertyChange[] =>
    delta.flatMap((property): PropertyChange[] => {
      const path = prefix === '' ? property.path : `${prefix}.${property.path}`;
      if (property.propertyChangeType === 'NoEffect') return [];
      const inner = { before: valueAt(before, property.path), after: valueAt(after, property.path) };
      // WhatIfPropertyChange: an Array change holds one child per element, its path the element's index.
      if (property.propertyChangeType === 'Array' && property.children) {
        return property.children.flatMap((element) => {
          const index = Number(element.path);
          // The index is the element's place in the array it is in: before for a delete, after for a create.
          const created = element.propertyChangeType === 'Create';
          const old = created ? undefined : (element.before ?? itemAt(inner.before, index));
          const current =
            element.propertyChangeType === 'Delete'
              ? undefined
              : (element.after ?? itemAt(inner.after, index));
          const name = nameOf(old) ?? nameOf(current);
          const at = `${path}[${name ?? element.path}]`;
          if (element.children && element.children.length > 0)
            return flatten(element.children, at, old, current);
          return [leaf(at, element, name === undefined ? undefined : { array: path, name })];
        });
      }
      if (property.children && property.children.length > 0)
        return flatten(property.children, path, inner.before, inner.after);
      return [leaf(path, property)];
    });
  const leaf = (
    path: string,
    property: WhatIfPropertyChange,
    element?: PropertyChange['element'],
  ): PropertyChange => {
    const hidden =
      secret || /protectedsettings|password|secret/i.test(path) || touchesSecure(stage, property, secure);
    return {
      path,
      change: property.propertyChangeType,
      ...(element ? { element } : {}),
      ...(property.before === undefined ? {} : { before: hidden ? SECURE : property.before }),
      ...(property.after === undefined ? {} : { after: hidden ? SECURE : property.after }),
    };
  };
  const properties =
    change.changeType === 'Modify'
      ? flatten(change.delta ?? [], '', change.before, change.after).filter((p) => !isNoise(resourceId, p))
      : [];
  // A modification that was only noise is none.
  const unchanged = change.changeType === 'Modify' && properties.length === 0;
  return {
    change: unchanged ? 'NoChange' : (change.changeType as ChangeType),
    resourceId,
    properties,
  };
}

/** The value at a dotted what-if path (`properties.subnets`) of a resource payload. */
function valueAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function itemAt(array: unknown, index: number): unknown {
  return Array.isArray(array) ? (array as unknown[])[index] : undefined;
}

/** An array element's `name` (subnets, rules, IP configurations are named so). */
function nameOf(element: unknown): string | undefined {
  const name =
    typeof element === 'object' && element !== null ? (element as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * What-if's known false changes: a network's peerings, which the templates
 * declare as resources of their own, show as deleted from the network on every
 * run though a deployment keeps them (Azure/arm-template-whatif#163).
 */
function isNoise(resourceId: string, property: PropertyChange): boolean {
  return (
    /\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i.test(resourceId) &&
    property.change === 'Delete' &&
    /^properties\.virtualNetworkPeerings(\.|\[|$)/.test(property.path)
  );
}

/** Key Vault secrets carry certificates: their values are never shown. */
function isSecret(resourceId: string): boolean {
  return /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\/secrets\//i.test(resourceId);
}

/** A value that is a secure parameter's, however Azure renders it: as the expression, or evaluated. */
function touchesSecure(
  stage: DeployStage,
  property: WhatIfPropertyChange,
  secure: ReadonlyMap<string, string>,
): boolean {
  const text = JSON.stringify([property.before, property.after]);
  return (
    stage.secureParameters.some((name) => text.includes(`parameters('${name}')`)) ||
    stage.secureParameters.some((name) => {
      const value = secure.get(name);
      return value !== undefined && value.length >= 8 && text.includes(JSON.stringify(value).slice(1, -1));
    })
  );
}

/** Deployed outputs read once per stage for the whole preview. */
export function outputsReader(
  stages: readonly DeployStage[],
  clientsFor: (subscriptionId: string) => AzureClients,
): (stage: string) => Promise<Record<string, unknown> | undefined> {
  const read = new Map<string, Promise<Record<string, unknown> | undefined>>();
  return (name) => {
    const stage = stages.find((s) => s.name === name);
    if (!stage) return Promise.resolve(undefined);
    const cached = read.get(name) ?? deployedOutputs(clientsFor(stage.subscriptionId), stage);
    read.set(name, cached);
    return cached;
  };
}

/** The preview as text: one line per created, changed or deleted resource; unchanged ones counted. */
export function previewText(previews: readonly StagePreview[]): string {
  const symbol: Record<string, string> = {
    Create: '+',
    Modify: '~',
    Delete: '-',
    Deploy: '!',
    Unsupported: '?',
  };
  const lines: string[] = [];
  for (const preview of previews) {
    lines.push(`${preview.stage} → ${preview.target}`);
    if (preview.note) lines.push(`  ${preview.note}`);
    const counted = new Map<string, number>();
    for (const change of preview.changes) {
      counted.set(change.change, (counted.get(change.change) ?? 0) + 1);
      const mark = symbol[change.change];
      if (!mark || (preview.note && change.change === 'Create')) continue;
      lines.push(`  ${mark} ${change.change.toLowerCase()} ${shortId(change.resourceId)}`);
      for (const property of change.properties) {
        if (property.element) {
          lines.push(
            `      ${property.change.toLowerCase()} ${singular(property.element.array)} ${property.element.name}`,
          );
          continue;
        }
        const values =
          property.change === 'Modify'
            ? `: ${show(property.before)} → ${show(property.after)}`
            : property.change === 'Create'
              ? `: ${show(property.after)}`
              : '';
        lines.push(`      ${property.change.toLowerCase()} ${property.path}${values}`);
      }
    }
    const counts = ['Create', 'Modify', 'Delete', 'NoChange', 'Ignore', 'Deploy', 'Unsupported']
      .filter((type) => counted.has(type))
      .map(
        (type) =>
          `${counted.get(type) ?? 0} ${type === 'NoChange' ? 'unchanged' : type === 'Ignore' ? 'left alone' : type.toLowerCase()}`,
      );
    lines.push(`  ${counts.length > 0 ? counts.join(', ') : 'no resources'}`, '');
  }
  return lines.join('\n');
}

/** `properties.subnets` → `subnet`, `properties.securityRules` → `securityRule`: what one element is. */
function singular(array: string): string {
  const key = array.split('.').at(-1) ?? array;
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

/** `Microsoft.Network/virtualNetworks/vnet-x` from the full ID. */
function shortId(id: string): string {
  const at = id.toLowerCase().indexOf('/providers/');
  return at < 0 ? id : id.slice(at + '/providers/'.length);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'none' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
