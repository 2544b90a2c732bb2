/**
 * Stages to files: `azure/NN-<stage>.json` and `.parameters.json` in deployment
 * order, `deployment-order.json`, and `resources.json`, the list of every
 * resource with its final property values.
 */
import { toJson, toJsonList, toJsonStanding } from '../../serialize.js';
import type { DeploymentOrder } from '../../formats/deployment-order.js';
import { DEPLOYMENT_ORDER_PATH } from '../../formats/deployment-order.js';
import type { ResolvedResource } from '../../formats/resources.js';
import { RESOURCES_PATH } from '../../formats/resources.js';
import type { ParametersFile, TemplateFile } from '../../formats/template.js';
import type { OutputFile } from '../output-file.js';
import {
  asResolved,
  asTemplate,
  isExpression,
  isKeyedMap,
  standing,
  SUBSCRIPTION_PLACEHOLDER,
} from './expression.js';
import { fullId } from './scope.js';
import type { ArmResource, Stage } from './template.js';
import { deploymentName } from './template.js';

const SCHEMAS = {
  resourceGroup: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  subscription: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
  parameters: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
};
const CONTENT_VERSION = '1.0.0.0';

/** `NN-<stage>`, under `network-team/` for what the hub owner applies. */
export function fileStem(stage: Stage, index: number): string {
  return `${stage.handoff ? 'network-team/' : ''}${String(index).padStart(2, '0')}-${stage.name}`;
}

export function template(stage: Stage): TemplateFile {
  return templateWith(stage, asTemplate);
}

/** A stage's template, its resources' and outputs' values passed through `values`. */
function templateWith(stage: Stage, values: (value: unknown) => unknown): TemplateFile {
  return {
    $schema: SCHEMAS[stage.scope.kind],
    contentVersion: CONTENT_VERSION,
    metadata: { description: stage.description, generator: 'baseplate' },
    parameters: Object.fromEntries(
      Object.entries(stage.parameters).map(([name, p]) => [
        name,
        {
          type: p.type,
          ...(p.defaultValue === undefined ? {} : { defaultValue: p.defaultValue }),
          metadata: { description: p.description },
        },
      ]),
    ),
    // The resources with their expressions rendered: still a list of resources.
    resources: values(stage.resources) as TemplateFile['resources'],
    outputs: Object.fromEntries(
      Object.entries(stage.outputs).map(([name, o]) => [
        name,
        { type: o.type, metadata: { description: o.description }, value: values(o.value) },
      ]),
    ),
  };
}

function parametersFile(stage: Stage): ParametersFile {
  return {
    $schema: SCHEMAS.parameters,
    contentVersion: CONTENT_VERSION,
    parameters: Object.fromEntries(
      Object.entries(stage.parameters).flatMap(([name, p]) =>
        p.defaultValue === undefined && !p.atDeployment ? [[name, { value: p.value }]] : [],
      ),
    ),
  };
}

/** What `deploy` and people follow: each stage's place, scope, inputs and prerequisites. */
export function deploymentOrder(stages: readonly Stage[]): DeploymentOrder {
  return {
    stages: stages.map((stage, i) => ({
      order: i,
      name: stage.name,
      deploymentName: deploymentName(stage),
      description: stage.description,
      owner: stage.owner,
      roles: stage.roles,
      appliedBy: stage.handoff ? 'hub owner' : 'baseplate',
      scope: stage.scope.kind,
      subscriptionId: stage.scope.subscriptionId,
      resourceGroup: stage.scope.kind === 'resourceGroup' ? stage.scope.resourceGroup : undefined,
      location: stage.scope.kind === 'subscription' ? stage.scope.location : undefined,
      template: `${fileStem(stage, i)}.json`,
      parameters: `${fileStem(stage, i)}.parameters.json`,
      dependsOn: stage.dependsOn,
      prerequisites: stage.prerequisites,
      followUps: stage.followUps,
      consumes: Object.entries(stage.parameters).flatMap(([name, p]) =>
        p.from ? [{ parameter: name, stage: p.from.stage, output: p.from.output }] : [],
      ),
      outputs: Object.keys(stage.outputs),
    })),
  };
}

/** The resource's own ID, for the resolved list. */
function idOf(stage: Stage, resource: ArmResource): string {
  if (resource.type === 'Microsoft.Resources/resourceGroups') {
    return `/subscriptions/${stage.scope.subscriptionId ?? SUBSCRIPTION_PLACEHOLDER}/resourceGroups/${resource.name}`;
  }
  const scope = resource['scope'];
  if (scope !== undefined) {
    const parent = asResolved(scope);
    return `${String(parent)}/providers/${resource.type}/${resource.name}`;
  }
  if (stage.scope.kind !== 'resourceGroup') {
    return `/subscriptions/${stage.scope.subscriptionId ?? SUBSCRIPTION_PLACEHOLDER}/providers/${resource.type}/${resource.name}`;
  }
  return fullId(stage.scope, resource.type, resource.name.split('/'));
}

/** Every resource with its final property values, one after the other (never all at once as copies). */
function* resolvedResources(stages: readonly Stage[]): Generator<ResolvedResource> {
  for (const stage of stages)
    for (const resource of stage.resources)
      // Rendered as it is written (see emitStages); a resource that were an expression itself, now.
      yield isExpression(resource) || isKeyedMap(resource)
        ? { id: idOf(stage, resource), stage: stage.name, ...(asResolved(resource) as ArmResource) }
        : { id: idOf(stage, resource), stage: stage.name, ...resource };
}

/** Keys that would make the object holding them read as an expression or a keyed map. */
const MARKED = (names: object) => Object.keys(names).some((name) => name.startsWith('$'));

/**
 * A template's text: its expressions rendered as the canonical copy is made,
 * not in a copy of their own first (parameters and outputs with names of
 * their own that start with `$` go the long way).
 */
function templateText(stage: Stage): string {
  if (MARKED(stage.parameters) || MARKED(stage.outputs)) return toJson(template(stage));
  return toJsonStanding(
    templateWith(stage, (value) => value),
    standing((e) => e.$arm),
    () => template(stage),
  );
}

export function emitStages(
  stages: readonly Stage[],
  order: DeploymentOrder = deploymentOrder(stages),
): OutputFile[] {
  return [
    ...stages.flatMap((stage, i) => [
      { path: `azure/${fileStem(stage, i)}.json`, content: templateText(stage) },
      { path: `azure/${fileStem(stage, i)}.parameters.json`, content: toJson(parametersFile(stage)) },
    ]),
    { path: DEPLOYMENT_ORDER_PATH, content: toJson(order) },
    {
      path: RESOURCES_PATH,
      content: toJsonList('resources', resolvedResources(stages), {
        stand: standing((e) => e.$resolved),
        whole: asResolved,
      }),
    },
  ];
}
