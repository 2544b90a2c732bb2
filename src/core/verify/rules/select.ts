/** Finding what rules read in an inventory. */
import type { AzureResource, Inventory, Json, KubeObject } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, judge } from '../rule.js';

export function ofType(inventory: Inventory, type: string): AzureResource[] {
  const wanted = type.toLowerCase();
  return inventory.azure.filter((r) => r.type.toLowerCase() === wanted);
}

export function label(resource: AzureResource): string {
  return resource.id ?? `${resource.type}/${resource.name}`;
}

export interface Pool {
  readonly target: string;
  readonly body: Json;
  readonly source: string;
}

/** Every node pool: the cluster's agentPoolProfiles and separate agentPools resources. */
export function pools(inventory: Inventory): Pool[] {
  const inline = ofType(inventory, 'Microsoft.ContainerService/managedClusters').flatMap((cluster) => {
    const profiles = at(cluster.body, 'properties.agentPoolProfiles');
    return (Array.isArray(profiles) ? (profiles as Json[]) : []).map((pool) => ({
      target: `${label(cluster)}/agentPools/${String(pool['name'])}`,
      body: pool,
      source: cluster.source,
    }));
  });
  const separate = ofType(inventory, 'Microsoft.ContainerService/managedClusters/agentPools').map((pool) => ({
    target: label(pool),
    body: { name: pool.name.split('/').at(-1), ...((pool.body['properties'] as Json | undefined) ?? {}) },
    source: pool.source,
  }));
  return [...inline, ...separate];
}

/** The parent and own name of a child resource: `vnet/subnet` in a template, or its ID elsewhere. */
function childName(resource: AzureResource, collection: string): [string, string] {
  const parts = resource.name.split('/');
  if (parts.length >= 2) return [parts.at(-2) ?? '', parts.at(-1) ?? ''];
  const match = new RegExp(`/([^/]+)/${collection}/([^/]+)$`, 'i').exec(resource.id ?? '');
  return [match?.[1] ?? '', match?.[2] ?? resource.name];
}

export interface Subnet {
  /** The virtual network's name, in lower case. */
  readonly network: string;
  readonly name: string;
  readonly body: Json;
  readonly source: string;
}

/** Every subnet: those inside their virtual network, and those declared as resources of their own. */
export function subnets(inventory: Inventory): Subnet[] {
  const inline = ofType(inventory, 'Microsoft.Network/virtualNetworks').flatMap((network) => {
    const list = at(network.body, 'properties.subnets');
    return (Array.isArray(list) ? (list as Json[]) : []).map((body) => ({
      network: network.name.split('/').at(-1)?.toLowerCase() ?? '',
      name: String(body['name']),
      body,
      source: network.source,
    }));
  });
  const separate = ofType(inventory, 'Microsoft.Network/virtualNetworks/subnets').map((subnet) => {
    const [network, name] = childName(subnet, 'subnets');
    return { network: network.toLowerCase(), name, body: { ...subnet.body, name }, source: subnet.source };
  });
  return [...inline, ...separate];
}

/** A route table's routes: its own list, and routes declared as resources of their own. */
export function routes(inventory: Inventory, table: AzureResource): Json[] {
  const own = at(table.body, 'properties.routes');
  const tableName = table.name.split('/').at(-1)?.toLowerCase();
  const separate = ofType(inventory, 'Microsoft.Network/routeTables/routes')
    .filter((route) => childName(route, 'routes')[0].toLowerCase() === tableName)
    .map((route) => route.body);
  return [...(Array.isArray(own) ? (own as Json[]) : []), ...separate];
}

/** The subnets (`network/subnet`, lower case) that resources refer to at `path`. */
export function referencedSubnets(resources: readonly AzureResource[], path: string): Set<string> {
  const out = new Set<string>();
  for (const resource of resources) {
    const json = JSON.stringify(at(resource.body, path) ?? '');
    for (const [, network = '', subnet = ''] of json.matchAll(
      /virtualNetworks\/([^/"]+)\/subnets\/([^/"]+)/gi,
    ))
      out.add(`${network.toLowerCase()}/${subnet.toLowerCase()}`);
  }
  return out;
}

export type RuleBase = Omit<Rule, 'check'>;

/** Tagged for production, or not tagged at all: what the spec's production-only advice applies to. */
export function isProduction(resource: AzureResource): boolean {
  const environment = at(resource.body, 'tags.environment');
  return typeof environment !== 'string' || environment === 'prod' || environment === 'production';
}

/** A rule on one property of every resource of a type. */
export function propertyRule(
  base: RuleBase,
  type: string,
  path: string,
  ok: (value: unknown) => boolean,
  detail: (value: unknown) => string,
  applies: (resource: AzureResource) => boolean = () => true,
): Rule {
  return {
    ...base,
    check: (inventory) =>
      ofType(inventory, type)
        .filter(applies)
        .map((r) => judge(label(r), at(r.body, path), ok, detail, r.source)),
  };
}

/** A rule on every node pool. */
export function poolRule(
  base: RuleBase,
  applies: (pool: Json) => boolean,
  path: string,
  ok: (value: unknown, pool: Json) => boolean,
  detail: (value: unknown) => string,
): Rule {
  return {
    ...base,
    check: (inventory) =>
      pools(inventory)
        .filter((pool) => applies(pool.body))
        .map((pool) => judge(pool.target, at(pool.body, path), (v) => ok(v, pool.body), detail, pool.source)),
  };
}

export function kubeLabel(object: KubeObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** Workloads whose pods the cluster runs: their pod template, its labels and the replicas asked for. */
export interface Workload {
  readonly object: KubeObject;
  readonly pod: Json;
  readonly labels: Readonly<Record<string, string>>;
  readonly replicas: unknown;
  /** A Job or CronJob: pods that run to completion, with no probes, spread or replicas to judge. */
  readonly batch: boolean;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Where each kind keeps its pod template: `spec.template`, a CronJob's job template, or a bare Pod itself. */
function podTemplate(object: KubeObject): unknown {
  if (object.kind === 'Pod' && object.apiVersion === 'v1') return object.body;
  if (object.kind === 'CronJob' && object.apiVersion.startsWith('batch/'))
    return at(object.body, 'spec.jobTemplate.spec.template');
  if (object.kind === 'Job' && object.apiVersion.startsWith('batch/'))
    return at(object.body, 'spec.template');
  if (WORKLOAD_KINDS.has(object.kind) && object.apiVersion.startsWith('apps/'))
    return at(object.body, 'spec.template');
  return undefined;
}

export function workloads(inventory: Inventory): Workload[] {
  return inventory.kubernetes.flatMap((object) => {
    const template = podTemplate(object);
    const pod = at(template, 'spec');
    if (typeof pod !== 'object' || pod === null) return [];
    return [
      {
        object,
        pod: pod as Json,
        labels: (at(template, 'metadata.labels') ?? {}) as Record<string, string>,
        replicas: at(object.body, 'spec.replicas'),
        batch: object.kind === 'Job' || object.kind === 'CronJob',
      },
    ];
  });
}

export function containers(pod: Json): Json[] {
  const list = pod['containers'];
  return Array.isArray(list) ? (list as Json[]) : [];
}

/** The containers and the init containers: what pulls an image and runs with a security context. */
export function allContainers(pod: Json): Json[] {
  const init = pod['initContainers'];
  return [...(Array.isArray(init) ? (init as Json[]) : []), ...containers(pod)];
}

export function outcome(
  status: Outcome['status'],
  target: string,
  detail?: string,
  source?: string,
): Outcome {
  return { status, target, detail, source };
}

/**
 * A rule that reads resources of other types: when the inputs hold none of a
 * type it needs (a template audited alone), a fail is only unknown.
 */
export function needing(types: readonly string[], rule: Rule): Rule {
  return {
    ...rule,
    check: (inventory) => {
      const missing = types.filter((type) => ofType(inventory, type).length === 0);
      const outcomes = rule.check(inventory);
      if (missing.length === 0) return outcomes;
      return outcomes.map((o) =>
        o.status === 'fail'
          ? { ...o, status: 'unknown' as const, detail: `no ${missing.join(', ')} among the inputs` }
          : o,
      );
    },
  };
}
