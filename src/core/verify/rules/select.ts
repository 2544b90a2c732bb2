/** Finding what rules read in an inventory. */
import type { AzureResource, Inventory, Json, KubeObject } from '../inventory.js';
import type { DefinedRule, Message, Messages, Outcome, Rule, RuleDefinition, Say } from '../rule.js';
import { at, isExpression, isObject, isUnresolved } from '../../arm-values.js';
import { isProductionEnvironment } from '../../environments.js';
import { COMMON_MESSAGES, defineRule, fill, judge, unresolved } from '../rule.js';

/**
 * What the rules look up again and again (resources by type, Kubernetes
 * objects by kind, subnets, pools, routes, workloads), built once for a run of
 * the rules and kept until it ends: every rule asking for a type then costs
 * the resources of that type, not a scan of the whole inventory per rule and
 * target. Outside such a run nothing is kept, so an inventory may be changed
 * between two runs (tests do).
 */
let kept: WeakMap<object, Map<unknown, unknown>> | undefined;

/** Runs `work` keeping what the lookups derive from the inventories it reads until it returns. */
export function keeping<T>(work: () => T): T {
  if (kept) return work();
  kept = new WeakMap();
  try {
    return work();
  } finally {
    kept = undefined;
  }
}

/** `make()`, kept for the current run under what it was made from and how. */
export function remember<T>(from: object, how: unknown, make: () => T): T {
  if (!kept) return make();
  let made = kept.get(from);
  if (!made) {
    made = new Map();
    kept.set(from, made);
  }
  if (made.has(how)) return made.get(how) as T;
  const value = make();
  made.set(how, value);
  return value;
}

const NONE: readonly never[] = Object.freeze([]);

/** Items by a key, each list in the items' order. */
function grouped<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byType = (r: AzureResource) => r.type.toLowerCase();
const byKind = (o: KubeObject) => o.kind;

/** The resources of a type (any case), in inventory order. Shared: never change the list. */
export function ofType(inventory: Inventory, type: string): readonly AzureResource[] {
  const wanted = type.toLowerCase();
  if (!kept) return inventory.azure.filter((r) => r.type.toLowerCase() === wanted);
  return remember(inventory.azure, byType, () => grouped(inventory.azure, byType)).get(wanted) ?? NONE;
}

/** The Kubernetes objects of a kind, in inventory order. Shared: never change the list. */
export function ofKind(inventory: Inventory, kind: string): readonly KubeObject[] {
  if (!kept) return inventory.kubernetes.filter((o) => o.kind === kind);
  return (
    remember(inventory.kubernetes, byKind, () => grouped(inventory.kubernetes, byKind)).get(kind) ?? NONE
  );
}

export function label(resource: AzureResource): string {
  return resource.id ?? `${resource.type}/${resource.name}`;
}

/** The last segment of a name or ID: `vnet/subnet` → `subnet`. */
export function lastSegment(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

export interface Pool {
  readonly target: string;
  readonly body: Json;
  readonly source: string;
  /** Where the resource its target names holds the pool: `properties.agentPoolProfiles.1`, or `properties`. */
  readonly path: string;
  /** The cluster it belongs to, when among the inputs. */
  readonly cluster?: AzureResource;
}

/** Every node pool: the cluster's agentPoolProfiles and separate agentPools resources. */
export function pools(inventory: Inventory): readonly Pool[] {
  return remember(inventory.azure, pools, () => poolsOf(inventory));
}

function poolsOf(inventory: Inventory): Pool[] {
  const clusters = ofType(inventory, 'Microsoft.ContainerService/managedClusters');
  const inline = clusters.flatMap((cluster) => {
    const profiles = at(cluster.body, 'properties.agentPoolProfiles');
    return objectsIn(profiles).map((pool) => ({
      target: `${label(cluster)}/agentPools/${String(pool['name'])}`,
      body: pool,
      source: cluster.source,
      path: `properties.agentPoolProfiles.${Array.isArray(profiles) ? profiles.indexOf(pool) : String(pool['name'])}`,
      cluster,
    }));
  });
  const separate = ofType(inventory, 'Microsoft.ContainerService/managedClusters/agentPools').map((pool) => {
    // `cluster/pool` in a template, `…/managedClusters/cluster/agentPools/pool` as an ID.
    const parent = (
      pool.name.split('/').at(-2) ?? /managedClusters\/([^/]+)\/agentPools\//i.exec(pool.id ?? '')?.[1]
    )?.toLowerCase();
    return {
      target: label(pool),
      body: {
        name: pool.name.split('/').at(-1),
        ...(isObject(pool.body['properties']) ? pool.body['properties'] : {}),
      },
      source: pool.source,
      path: 'properties',
      cluster: clusters.find((c) => lastSegment(c.name).toLowerCase() === parent),
    };
  });
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
export function subnets(inventory: Inventory): readonly Subnet[] {
  return remember(inventory.azure, subnets, () => subnetsIn(inventory));
}

function subnetsIn(inventory: Inventory): Subnet[] {
  const inline = ofType(inventory, 'Microsoft.Network/virtualNetworks').flatMap((network) => {
    const list = at(network.body, 'properties.subnets');
    return objectsIn(list).map((body) => ({
      network: lastSegment(network.name).toLowerCase(),
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

/** The subnets of one virtual network (its name in lower case), in the order of subnets(). */
export function subnetsOf(inventory: Inventory, network: string): readonly Subnet[] {
  const byNetwork = remember(inventory.azure, subnetsOf, () => grouped(subnets(inventory), (s) => s.network));
  return byNetwork.get(network) ?? NONE;
}

/** A route table's routes: its own list, and routes declared as resources of their own. */
export function routes(inventory: Inventory, table: AzureResource): Json[] {
  const own = at(table.body, 'properties.routes');
  // The separate routes of each table, by the table's name in lower case.
  const byTable = remember(inventory.azure, routes, () =>
    grouped(ofType(inventory, 'Microsoft.Network/routeTables/routes'), (route) =>
      childName(route, 'routes')[0].toLowerCase(),
    ),
  );
  const separate = byTable.get(lastSegment(table.name).toLowerCase()) ?? NONE;
  return [...objectsIn(own), ...separate.map((route) => route.body)];
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

/** What a helper below is given of a rule: all but its check. */
export type RuleBase<M extends Messages = Messages> = Omit<RuleDefinition<M>, 'check'>;
/**
 * Tagged for production, not tagged at all, or tagged by an expression only deployment reads:
 * what the spec's production-only advice applies to.
 */
export function isProduction(resource: AzureResource): boolean {
  return taggedProduction(resource.body);
}

/** Whether a resource's or a pool's `tags.environment` leaves it production (see isProduction). */
export function taggedProduction(body: Json): boolean {
  const environment = at(body, 'tags.environment');
  return typeof environment !== 'string' || isUnresolved(environment) || isProductionEnvironment(environment);
}

/** A rule on one property of every resource of a type. */
export function propertyRule<const M extends Messages>(
  base: RuleBase<M>,
  type: string,
  path: string,
  ok: (value: unknown) => boolean,
  detail: (value: unknown, say: Say<M>) => Message,
  applies: (resource: AzureResource) => boolean = () => true,
): DefinedRule<M> {
  return defineRule({
    ...base,
    check: (inventory, say) =>
      ofType(inventory, type)
        .filter(applies)
        .map((r) => judge(label(r), at(r.body, path), ok, (value) => detail(value, say), r.source, path)),
  });
}

/** Judges the value at `path` of a pool: pass, fail, or unknown when deployment computes it. */
export function poolValue(
  path: string,
  ok: (value: unknown, pool: Json) => boolean,
  detail: (value: unknown) => Message,
): (pool: Pool) => Outcome {
  return (pool) =>
    judge(
      pool.target,
      at(pool.body, path),
      (v) => ok(v, pool.body),
      detail,
      pool.source,
      `${pool.path}.${path}`,
    );
}

/** A rule on every node pool. */
export function poolRule<const M extends Messages>(
  base: RuleBase<M>,
  applies: (pool: Json) => boolean,
  path: string,
  ok: (value: unknown, pool: Json) => boolean,
  detail: (value: unknown, say: Say<M>) => Message,
): DefinedRule<M> {
  return defineRule({
    ...base,
    check: (inventory, say) =>
      pools(inventory)
        .filter((pool) => applies(pool.body))
        .map(poolValue(path, ok, (value) => detail(value, say))),
  });
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

export function workloads(inventory: Inventory): readonly Workload[] {
  return remember(inventory.kubernetes, workloads, () => workloadsIn(inventory));
}

function workloadsIn(inventory: Inventory): Workload[] {
  return inventory.kubernetes.flatMap((object) => {
    const template = podTemplate(object);
    const pod = at(template, 'spec');
    if (!isObject(pod)) return [];
    return [
      {
        object,
        pod,
        labels: labelsOf(at(template, 'metadata.labels')),
        replicas: at(object.body, 'spec.replicas'),
        batch: object.kind === 'Job' || object.kind === 'CronJob',
      },
    ];
  });
}

/** The string entries of a label map: a value of another type (or no map) is no label the API server would keep. */
export function labelsOf(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The maps of a list: anything else (an expression, a map, null), or any other item, holds none. */
export function objectsIn(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The items of a list; anything else holds none. */
export function valuesIn(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A map, or an empty one for anything else (null, a string, a list). */
export function recordIn(value: unknown): Json {
  return isObject(value) ? value : {};
}

export function containers(pod: Json): Json[] {
  return objectsIn(pod['containers']);
}

/** The containers and the init containers: what pulls an image and runs with a security context. */
export function allContainers(pod: Json): Json[] {
  return [...objectsIn(pod['initContainers']), ...containers(pod)];
}

/** A value and what it must be. */
export type Condition = readonly [value: unknown, ok: (value: unknown) => boolean];

/**
 * pass when every condition holds; fail when a known value breaks one, whatever
 * the others are; otherwise unknown, naming the first value only deployment
 * knows (as judge() does for a single value).
 */
export function judgeAll(
  target: string,
  conditions: readonly Condition[],
  detail: () => Message,
  source?: string,
): Outcome {
  if (conditions.some(([value, ok]) => !isUnresolved(value) && !ok(value)))
    return outcome('fail', target, detail(), source);
  const hidden = conditions.find(([value]) => isUnresolved(value));
  return hidden
    ? outcome('unknown', target, unresolved(hidden[0]), source)
    : outcome('pass', target, undefined, source);
}

/** A rule on several properties of every resource of a type, all of which must hold (see judgeAll). */
export function propertiesRule<const M extends Messages>(
  base: RuleBase<M>,
  type: string,
  conditions: ReadonlyArray<readonly [path: string, ok: (value: unknown) => boolean]>,
  detail: (resource: Json, say: Say<M>) => Message,
): DefinedRule<M> {
  return defineRule({
    ...base,
    check: (inventory, say) =>
      ofType(inventory, type).map((r) => {
        const values = conditions.map(([path, ok]) => [at(r.body, path), ok] as const);
        const judged = judgeAll(label(r), values, () => detail(r.body, say), r.source);
        // The property the verdict rests on: the first known one that breaks, else the first unknown.
        const breaking = values.findIndex(([value, ok]) => !isUnresolved(value) && !ok(value));
        const index = breaking >= 0 ? breaking : values.findIndex(([value]) => isUnresolved(value));
        const path = conditions[index]?.[0];
        return judged.status === 'pass' || path === undefined ? judged : { ...judged, path };
      }),
  });
}

/**
 * pass when a known value meets its condition, whatever the others are; else
 * unknown when a value is only known at deployment (it may be the one that
 * meets it); else fail.
 */
export function judgeAny(
  target: string,
  conditions: readonly Condition[],
  detail: () => Message,
  source?: string,
): Outcome {
  if (conditions.some(([value, ok]) => !isUnresolved(value) && ok(value)))
    return outcome('pass', target, undefined, source);
  const hidden = conditions.find(([value]) => isUnresolved(value));
  return hidden
    ? outcome('unknown', target, unresolved(hidden[0]), source)
    : outcome('fail', target, detail(), source);
}

/**
 * Whether an ID only deployment knows may be that of a resource of `type`: an
 * expression that names resource types (`resourceId('Microsoft.KeyVault/vaults', …)`,
 * or Bicep's `format('Microsoft.KeyVault/vaults/{0}', …)`) but never `type` is
 * another resource's; one that names no type may be any.
 */
export function mayBeOfType(id: unknown, type: string): id is string {
  if (!isUnknownId(id)) return false;
  const own = type.toLowerCase().split('/').slice(0, 2).join('/');
  const named: readonly string[] = id.toLowerCase().match(/microsoft\.[a-z0-9]+\/[a-z0-9]+/g) ?? [];
  return named.length === 0 || named.includes(own);
}

/**
 * A resource ID only deployment knows: an expression. The `<subscription-id>`
 * placeholders Baseplate writes in IDs leave the names that tell which
 * resource it is readable, so they do not make an ID unknown.
 */
export function isUnknownId(value: unknown): value is string {
  return isExpression(value);
}

export function outcome(
  status: Outcome['status'],
  target: string,
  detail?: Message,
  source?: string,
): Outcome {
  return { status, target, ...(detail ? { message: detail } : {}), source };
}

/**
 * A rule that reads resources of other types: when the inputs hold none of a
 * type it needs (a template audited alone), a fail is only unknown.
 */
export function needing<R extends Rule>(types: readonly string[], rule: R): R {
  return {
    ...rule,
    check: (inventory) => {
      const missing = types.filter((type) => ofType(inventory, type).length === 0);
      const outcomes = rule.check(inventory);
      if (missing.length === 0) return outcomes;
      return outcomes.map((o) =>
        o.status === 'fail'
          ? {
              ...o,
              status: 'unknown' as const,
              message: fill('notAmongInputs', COMMON_MESSAGES.notAmongInputs, { types: missing.join(', ') }),
            }
          : o,
      );
    },
  };
}

/** Every string anywhere in a value: what a resource refers to. */
export function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) strings(item, into);
  return into;
}

export interface Mention<T> {
  readonly text: string;
  readonly item: T;
}

/**
 * Texts that name a resource the way the rules look for one: ending in
 * `/<name>` (an ID) or holding `'<name>'` (an argument of a template
 * expression). Kept by that name, so finding what mentions a resource costs
 * the texts that could, not every text of every resource for each resource.
 */
export class Mentions<T> {
  readonly #entries: Mention<T>[] = [];
  readonly #byName = new Map<string, number[]>();

  #key(name: string, at: number): void {
    const list = this.#byName.get(name);
    if (list === undefined) this.#byName.set(name, [at]);
    else if (list.at(-1) !== at) list.push(at);
  }

  add(text: string, item: T): void {
    const at = this.#entries.length;
    this.#entries.push({ text, item });
    const slash = text.lastIndexOf('/');
    if (slash >= 0) this.#key(text.slice(slash + 1), at);
    if (!text.includes("'")) return;
    const quoted = text.split("'");
    for (let i = 1; i < quoted.length - 1; i += 1) this.#key(quoted[i] ?? '', at);
  }

  /** Every text, in the order added. */
  all(): readonly Mention<T>[] {
    return this.#entries;
  }

  /** The texts that end in `/${name}` or hold `'${name}'`, in the order they were added. */
  of(name: string): Mention<T>[] {
    // A name that is not one segment could match across the boundaries the keys are cut at.
    if (name.includes('/') || name.includes("'"))
      return this.#entries.filter((e) => e.text.endsWith(`/${name}`) || e.text.includes(`'${name}'`));
    // Each list holds an entry once, in the order added.
    return (this.#byName.get(name) ?? []).map((at) => this.#entries[at] as Mention<T>);
  }
}

type Texts = (resource: AzureResource) => readonly string[];

/**
 * The texts `texts` reads from each resource, in lower case, kept by the names
 * they mention; built once in a run for a list (an `ofType` list is the same
 * list on every call) and a `texts` function.
 */
export function mentions(resources: readonly AzureResource[], texts: Texts): Mentions<AzureResource> {
  return remember(resources, texts, () => {
    const index = new Mentions<AzureResource>();
    for (const resource of resources)
      for (const text of texts(resource)) index.add(text.toLowerCase(), resource);
    return index;
  });
}

/** Every string of a resource's body. */
export const bodyStrings: Texts = (resource) => strings(resource.body);

/**
 * The resources whose texts are in `index` that refer to `other`: by its type and name. A name only
 * deployment knows (`[concat('acr', variables('suffix'))]`) is named by the same expression given to
 * a resource-ID function of its type, and nothing more (`[resourceId('…/registries', concat('acr',
 * variables('suffix')))]`), in the same deployment: the same resource, whatever the name turns out to
 * be. A resource group or subscription argument, or the expression inside a longer one, may be another.
 */
export function referring(index: Mentions<AzureResource>, other: AzureResource): AzureResource[] {
  const type = other.type.toLowerCase();
  const byExpression = namedByExpression(other);
  const named = byExpression
    ? index.all().filter((m) => byExpression(m.text) && deploymentOf(m.item) === deploymentOf(other))
    : index.of(lastSegment(other.name).toLowerCase()).filter((m) => m.text.includes(type));
  return named.map((m) => m.item);
}

/**
 * For a resource whose name only deployment knows, whether a text (in lower case) names it: the
 * resource-ID function of its type on its name's expression alone (see referring); undefined for
 * a resource whose name reads.
 */
export function namedByExpression(resource: AzureResource): ((text: string) => boolean) | undefined {
  const name = resource.name.toLowerCase();
  if (!isExpression(name) || name.includes('/')) return undefined;
  const call = `resourceid('${resource.type.toLowerCase()}', ${name.slice(1, -1)})`;
  return (text) => {
    for (let at = text.indexOf(call); at >= 0; at = text.indexOf(call, at + 1))
      if (at === 0 || '[(, '.includes(text[at - 1] ?? '')) return true;
    return false;
  };
}

/**
 * The deployment a resource is written in: its file, and the nested template that holds it (a
 * nested deployment may target another resource group, or read its own parameters).
 */
export function deploymentOf(resource: AzureResource): string {
  const path = resource.path ?? '$';
  const nested = path.lastIndexOf('.properties.template.');
  return `${resource.source}#${nested < 0 ? '$' : path.slice(0, nested)}`;
}

/** Whether some of the resources whose texts are in `index` refers to `other` (see referring). */
export function referred(index: Mentions<AzureResource>, other: AzureResource): boolean {
  return referring(index, other).length > 0;
}

/**
 * Which names follow `marker` somewhere in the texts: `first(name)` is the
 * place of the first text that includes `${marker}${name}`, answered from the
 * sorted tails that follow each occurrence of the marker rather than by
 * searching every text for every name.
 */
export class Prefixes {
  readonly #tails: Array<{ readonly tail: string; readonly text: number }> = [];

  constructor(texts: readonly string[], marker: string) {
    texts.forEach((text, place) => {
      for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1))
        this.#tails.push({ tail: text.slice(at + marker.length), text: place });
    });
    this.#tails.sort((a, b) => (a.tail < b.tail ? -1 : a.tail > b.tail ? 1 : a.text - b.text));
  }

  /** The place of the first text holding `${marker}${name}`, or undefined. */
  first(name: string): number | undefined {
    // The tails that start with `name` sort together, from the first tail not below it.
    let low = 0;
    let high = this.#tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#tails[middle]?.tail ?? '') < name) low = middle + 1;
      else high = middle;
    }
    let first: number | undefined;
    for (let i = low; i < this.#tails.length; i += 1) {
      const entry = this.#tails[i];
      if (!entry?.tail.startsWith(name)) break;
      if (first === undefined || entry.text < first) first = entry.text;
    }
    return first;
  }

  has(name: string): boolean {
    return this.first(name) !== undefined;
  }
}

/** The route tables by the last segment of their name, in lower case: the first of each name. */
export function routeTables(inventory: Inventory): ReadonlyMap<string, AzureResource> {
  return remember(inventory.azure, routeTables, () => {
    const byName = new Map<string, AzureResource>();
    for (const table of ofType(inventory, 'Microsoft.Network/routeTables')) {
      const name = lastSegment(table.name).toLowerCase();
      if (!byName.has(name)) byName.set(name, table);
    }
    return byName;
  });
}
