/**
 * The table of a rule's cases, which sits beside the rule as `<name>.cases.ts`,
 * and the little builders the cases are written with. test/rule-cases.test.ts
 * runs every table; docs/rules/<ID>.md lists its cases. One behaviour per case:
 *
 * - pass: the rule looks at something and every outcome is a pass;
 * - fail: some outcome fails, saying the message named;
 * - not applicable: the rule has no outcome at all;
 * - unknown: some outcome is unknown (a value only deployment knows, an input
 *   that is not there) and none fails; `{ never }` says why a rule cannot be.
 */
import type { Json, Source } from '../inventory.js';
import type { Inventory, AzureResource, KubeObject } from '../inventory.js';
import type { COMMON_MESSAGES, DefinedRule, Messages, Status } from '../rule.js';
import { inventoryFrom } from '../inventory.js';

export interface RuleCase {
  /** What the case shows, as a sentence: "local accounts left on". */
  readonly title: string;
  readonly input: () => Inventory;
}

export interface FailCase<M extends Messages> extends RuleCase {
  /** The message the failing outcome says. */
  readonly message: keyof M & string;
}

export interface UnknownCase<M extends Messages> extends RuleCase {
  /** The message the unknown outcome says: the rule's own, or a common one (`unresolved` by default). */
  readonly message?: (keyof M | keyof typeof COMMON_MESSAGES) & string;
}

export interface RuleCases<M extends Messages = Messages> {
  readonly rule: DefinedRule<M>;
  readonly pass: readonly RuleCase[];
  readonly fail: readonly FailCase<M>[];
  readonly notApplicable: readonly RuleCase[];
  readonly unknown: readonly UnknownCase<M>[] | { readonly never: string };
}

/** A rule's table of cases: its message IDs are checked by type. */
export function casesOf<M extends Messages>(
  rule: DefinedRule<M>,
  cases: Omit<RuleCases<M>, 'rule'>,
): RuleCases<M> {
  return { rule, ...cases };
}

/** The status each kind of case expects, in the order pages list them. */
export const CASE_KINDS = [
  ['pass', 'pass'],
  ['fail', 'fail'],
  ['notApplicable', undefined],
  ['unknown', 'unknown'],
] as const satisfies ReadonlyArray<readonly [keyof Omit<RuleCases, 'rule'>, Status | undefined]>;

/** A value only deployment knows, for the unknown cases. */
export const HIDDEN = "[parameters('fromDeployment')]";

let baselineSources: (() => readonly Source[]) | undefined;

/**
 * Gives the files of the default plan that verify reads (its template and its
 * GitOps manifests) to the baseline() cases. Who runs the cases gives them:
 * verify/ comes before the plan in the pipeline (docs/architecture.md).
 */
export function useBaseline(sources: () => readonly Source[]): void {
  baselineSources = sources;
}

/**
 * The default plan's inventory, to change one thing in: the accessors below
 * reach what cases change most, and throw when it is not there (a case that
 * changes nothing would pass for the wrong reason).
 */
export class Baseline {
  readonly inventory = inventoryFrom(
    (
      baselineSources ??
      (() => {
        throw new Error('no baseline: useBaseline() gives the default plan first');
      })
    )(),
  );

  /** The body of the `index`th resource of `type`. */
  resource(type: string, index = 0): Json {
    const found = this.inventory.azure.filter((r) => r.type === type)[index];
    if (!found) throw new Error(`the baseline has no ${type} #${index}`);
    return found.body;
  }

  /** The `properties` of the `index`th resource of `type`. */
  properties(type: string, index = 0): Json {
    return this.resource(type, index)['properties'] as Json;
  }

  /** The cluster's properties. */
  cluster(): Json {
    return this.properties('Microsoft.ContainerService/managedClusters');
  }

  /** Node pool `index` of the cluster's agentPoolProfiles: 0 the system pool, 1 the user pool. */
  pool(index: number): Json {
    const found = (this.cluster()['agentPoolProfiles'] as Json[])[index];
    if (!found) throw new Error(`the baseline cluster has no pool #${index}`);
    return found;
  }

  /** The body of Kubernetes object `kind`/`name`. */
  object(kind: string, name: string): Json {
    const found = this.inventory.kubernetes.find((o) => o.kind === kind && o.name === name);
    if (!found) throw new Error(`the baseline has no ${kind} ${name}`);
    return found.body;
  }

  /** The pod spec of Deployment `name`. */
  podSpec(name: string): Json {
    return ((this.object('Deployment', name)['spec'] as Json)['template'] as Json)['spec'] as Json;
  }

  /** The first container of Deployment `name`. */
  container(name: string): Json {
    const found = (this.podSpec(name)['containers'] as Json[])[0];
    if (!found) throw new Error(`Deployment ${name} has no container`);
    return found;
  }

  /** Takes out every resource that matches; throws when none does. */
  remove(match: (resource: AzureResource) => boolean): void {
    removeFrom(this.inventory.azure as AzureResource[], match);
  }

  /** Takes out every Kubernetes object that matches; throws when none does. */
  removeObjects(match: (object: KubeObject) => boolean): void {
    removeFrom(this.inventory.kubernetes as KubeObject[], match);
  }

  /** Adds resources as if the template held them. */
  add(...resources: AzureResource[]): void {
    (this.inventory.azure as AzureResource[]).push(...resources);
  }
}

function removeFrom<T>(list: T[], match: (item: T) => boolean): void {
  const kept = list.filter((item) => !match(item));
  if (kept.length === list.length) throw new Error('nothing to remove');
  list.splice(0, list.length, ...kept);
}

/** The default plan, with `change` made to it. */
export function baseline(change?: (plan: Baseline) => void): () => Inventory {
  return () => {
    const plan = new Baseline();
    change?.(plan);
    return plan.inventory;
  };
}

/** An ARM template deploying `resources`, as a foreign template would. */
export function template(...resources: Json[]): () => Inventory {
  const text = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  });
  return () => inventoryFrom([{ name: 'main.json', text }]);
}

/** Kubernetes manifests, one document each, in one YAML file. */
export function manifests(...documents: Json[]): () => Inventory {
  const text = documents.map((d) => JSON.stringify(d)).join('\n---\n');
  return () => inventoryFrom([{ name: 'apps/app.yaml', text }]);
}

/** No input at all. */
export const nothing = (): Inventory => inventoryFrom([]);

/** Files as they are. */
export function files(...sources: Source[]): () => Inventory {
  return () => inventoryFrom(sources);
}

/** An ARM resource, for template(). */
export function resource(type: string, name: string, properties: unknown, extra: Json = {}): Json {
  return { type, apiVersion: '2025-01-01', name, properties, ...extra };
}

/** A cluster resource with `properties`, for template(). */
export function cluster(properties: Json, extra: Json = {}): Json {
  return resource('Microsoft.ContainerService/managedClusters', 'aks', properties, extra);
}

/** The nodes' subnet of spokeNetwork(), as a template names it. */
export const SPOKE_SUBNET =
  "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]";

/** The spoke network holding SPOKE_SUBNET: with a cluster on it, the inputs are a whole deployment. */
export function spokeNetwork(): Json {
  return resource('Microsoft.Network/virtualNetworks', 'vnet-spoke', {
    addressSpace: { addressPrefixes: ['10.240.0.0/16'] },
    subnets: [{ name: 'snet-nodes', properties: {} }],
  });
}

/** A cluster whose pools are on SPOKE_SUBNET. */
export function clusterOnSpoke(...agentPoolProfiles: Json[]): Json {
  return cluster({
    agentPoolProfiles: agentPoolProfiles.map((pool) => ({ ...pool, vnetSubnetID: SPOKE_SUBNET })),
  });
}
