/**
 * The stages as deploy reads them: the plan's deployment order and resolved
 * resources (typed, as azure/deployment-order.json and resources.json hold
 * them), and each stage's template and parameters from the text `plan` writes,
 * so that what is deployed is byte for byte what the user reviews.
 */
import type {
  ConsumedOutput,
  DeploymentOrder,
  DeploymentOrderStage,
  OutputFile,
  ParametersFile,
  ResolvedResource,
  TemplateFile,
} from '../core/index.js';
import { SUBSCRIPTION_PLACEHOLDER } from '../core/index.js';
import { isExpression } from '../core/arm-values.js';

export interface DeployStage {
  readonly order: number;
  readonly name: string;
  /** Its Resource Manager deployment record, which a re-run updates (the plan names it). */
  readonly deploymentName: string;
  readonly description: string;
  readonly scope: 'subscription' | 'resourceGroup';
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  /** Where a subscription deployment keeps its record. */
  readonly location?: string;
  /** Applied by the owner of an existing hub, not by Baseplate. */
  readonly handoff: boolean;
  readonly roles: DeploymentOrderStage['roles'];
  readonly templateFile: string;
  readonly template: TemplateFile;
  /** The parameters file's values. */
  readonly parameters: ParametersFile['parameters'];
  /** Parameters typed securestring: given at deployment, never from a file. */
  readonly secureParameters: readonly string[];
  readonly consumes: readonly ConsumedOutput[];
  readonly dependsOn: readonly string[];
  readonly outputs: readonly string[];
  readonly followUps: readonly string[];
  /** What the stage creates, with the IDs Azure will report. */
  readonly resources: readonly ResolvedResource[];
}

/** What deploy takes of a plan. */
export interface DeployablePlan {
  readonly files: readonly OutputFile[];
  readonly deploymentOrder: DeploymentOrder;
  readonly resources: readonly ResolvedResource[];
}

/**
 * The stages of a plan. `subscriptionId` is where stages without one of their
 * own go (a flag, or AZURE_SUBSCRIPTION_ID).
 */
export function stagesFrom(plan: DeployablePlan, subscriptionId: string): DeployStage[] {
  const read = <T>(path: string): T => {
    const file = plan.files.find((f) => f.path === path);
    if (!file) throw new Error(`the plan has no ${path}`);
    return JSON.parse(file.content) as T;
  };
  const order = plan.deploymentOrder;
  // The placeholder stands for the subscription deployments run in when the config names none.
  const withSubscription = (text: string) => text.replaceAll(SUBSCRIPTION_PLACEHOLDER, subscriptionId);
  return order.stages.map((entry) => {
    const stageSubscription = entry.subscriptionId ?? subscriptionId;
    const template = read<TemplateFile>(`azure/${entry.template}`);
    const parametersFile = read<ParametersFile>(`azure/${entry.parameters}`);
    return {
      order: entry.order,
      name: entry.name,
      deploymentName: entry.deploymentName,
      description: entry.description,
      scope: entry.scope,
      subscriptionId: stageSubscription,
      ...(entry.resourceGroup === undefined ? {} : { resourceGroup: entry.resourceGroup }),
      ...(entry.location === undefined ? {} : { location: entry.location }),
      handoff: entry.appliedBy !== 'baseplate',
      roles: JSON.parse(withSubscription(JSON.stringify(entry.roles))) as DeployStage['roles'],
      templateFile: entry.template,
      template,
      parameters: parametersFile.parameters,
      secureParameters: Object.entries(template.parameters ?? {})
        .filter(([, p]) => p.type.toLowerCase() === 'securestring')
        .map(([name]) => name),
      consumes: entry.consumes,
      dependsOn: entry.dependsOn,
      outputs: entry.outputs,
      followUps: entry.followUps ?? [],
      resources: plan.resources
        .filter((r) => r.stage === entry.name)
        .map((r) => JSON.parse(withSubscription(JSON.stringify(r))) as ResolvedResource),
    };
  });
}

/**
 * A name Resource Manager computes at deployment (`[guid(...)]` of a role assignment):
 * the plan cannot give the ID Azure will report.
 */
export function hasComputedName(resource: ResolvedResource): boolean {
  return isExpression(resource.name);
}

/** `resource group rg-x in subscription s`, or `subscription s`: where a stage deploys, for people. */
export function stageTarget(stage: DeployStage): string {
  return stage.scope === 'subscription'
    ? `subscription ${stage.subscriptionId}`
    : `resource group ${stage.resourceGroup ?? '?'} (subscription ${stage.subscriptionId})`;
}
