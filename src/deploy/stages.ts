/**
 * The stages as deploy reads them: from the plan's own files (deployment-order.json,
 * each template and parameters file, resources.json), so that what is deployed is
 * byte for byte what `plan` wrote and the user reviewed.
 */
import type { OutputFile } from '../core/index.js';

/** The placeholder of resources.json for a subscription known only at deployment. */
const SUBSCRIPTION_PLACEHOLDER = '<subscription-id>';

export interface Consumed {
  readonly parameter: string;
  readonly stage: string;
  readonly output: string;
}

export interface PlannedResource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly apiVersion: string;
  readonly properties?: Record<string, unknown>;
}

// A type, not an interface: a template is sent as a plain JSON record.
export type Template = {
  readonly parameters?: Record<string, { readonly type: string }>;
  readonly resources: readonly Record<string, unknown>[];
  readonly outputs?: Record<string, unknown>;
};

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
  readonly roles: readonly { readonly role: string; readonly scope: string; readonly why: string }[];
  readonly templateFile: string;
  readonly template: Template;
  /** The parameters file's values. */
  readonly parameters: Readonly<Record<string, { readonly value: unknown }>>;
  /** Parameters typed securestring: given at deployment, never from a file. */
  readonly secureParameters: readonly string[];
  readonly consumes: readonly Consumed[];
  readonly dependsOn: readonly string[];
  readonly outputs: readonly string[];
  readonly followUps: readonly string[];
  /** What the stage creates, with the IDs Azure will report. */
  readonly resources: readonly PlannedResource[];
}

interface OrderEntry {
  readonly order: number;
  readonly name: string;
  readonly deploymentName: string;
  readonly description: string;
  readonly appliedBy: string;
  readonly roles: DeployStage['roles'];
  readonly scope: 'subscription' | 'resourceGroup';
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  readonly location?: string;
  readonly template: string;
  readonly parameters: string;
  readonly consumes: readonly Consumed[];
  readonly dependsOn: readonly string[];
  readonly outputs: readonly string[];
  readonly followUps?: readonly string[];
}

/**
 * The stages of a plan's files. `subscriptionId` is where stages without one of
 * their own go (a flag, or AZURE_SUBSCRIPTION_ID).
 */
export function stagesFrom(files: readonly OutputFile[], subscriptionId: string): DeployStage[] {
  const read = <T>(path: string): T => {
    const file = files.find((f) => f.path === path);
    if (!file) throw new Error(`the plan has no ${path}`);
    return JSON.parse(file.content) as T;
  };
  const order = read<{ stages: OrderEntry[] }>('azure/deployment-order.json');
  const resolved = read<{ resources: (PlannedResource & { stage: string })[] }>('azure/resources.json');
  // The placeholder stands for the subscription deployments run in when the config names none.
  const withSubscription = (text: string) => text.replaceAll(SUBSCRIPTION_PLACEHOLDER, subscriptionId);
  return order.stages.map((entry) => {
    const stageSubscription = entry.subscriptionId ?? subscriptionId;
    const template = read<Template>(`azure/${entry.template}`);
    const parametersFile = read<{ parameters: DeployStage['parameters'] }>(`azure/${entry.parameters}`);
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
      resources: resolved.resources
        .filter((r) => r.stage === entry.name)
        .map((r) => JSON.parse(withSubscription(JSON.stringify(r))) as PlannedResource),
    };
  });
}

/**
 * A name Resource Manager computes at deployment (`[guid(...)]` of a role assignment):
 * the plan cannot give the ID Azure will report.
 */
export function hasComputedName(resource: PlannedResource): boolean {
  return resource.name.startsWith('[');
}

/** `resource group rg-x in subscription s`, or `subscription s`: where a stage deploys, for people. */
export function stageTarget(stage: DeployStage): string {
  return stage.scope === 'subscription'
    ? `subscription ${stage.subscriptionId}`
    : `resource group ${stage.resourceGroup ?? '?'} (subscription ${stage.subscriptionId})`;
}
