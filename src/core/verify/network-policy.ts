/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), computed from the
 * objects: which workloads may connect to which, and on which ports.
 *
 * The API's rules, as implemented here:
 * - A pod is isolated for ingress (egress) when a policy in its namespace selects
 *   it and lists Ingress (Egress) in policyTypes. policyTypes defaults to
 *   Ingress, plus Egress when the policy has egress rules (an empty list of
 *   types is the same as none).
 * - A non-isolated pod allows all traffic in that direction. An isolated pod
 *   allows what the union of the rules of the policies selecting it allows.
 * - A connection needs both: egress allowed at the source, ingress at the
 *   destination.
 * - A rule with no `from`/`to` matches every peer; with no `ports`, every port.
 *   An empty rule list allows nothing.
 * - A peer is a podSelector (pods of the policy's namespace), a
 *   namespaceSelector (every pod of the matching namespaces), both (matching
 *   pods in matching namespaces), or an ipBlock (addresses outside the cluster:
 *   `cidr` minus `except`). An address block outside the cluster counts as
 *   reached when some of its addresses are, leaving out the blocks listed
 *   separately beside it: in the connectivity list, 0.0.0.0/0 stands for every
 *   address no policy names.
 * - Selectors: matchLabels and matchExpressions (In, NotIn, Exists,
 *   DoesNotExist); an empty selector matches everything. Namespaces carry
 *   `kubernetes.io/metadata.name`. The API server rejects other operators; a
 *   selector with one matches nothing here, and `invalid` names it.
 * - Ports: a number, or a name resolved against the destination's container
 *   ports; protocol TCP by default; `endPort` for ranges; an entry without a
 *   port is every port of its protocol.
 */
import type { Cidr } from '../cidr.js';
import { contains, overlaps, parseCidr, size } from '../cidr.js';
import type { Inventory, Json } from './inventory.js';
import { at, isObject } from '../arm-values.js';
import { labelsOf, objectsIn, workloads } from './rules/select.js';

export interface Selector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: ReadonlyArray<{
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[];
  }>;
}

export function matches(selector: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  const required = selector.matchLabels;
  if (required) for (const key of Object.keys(required)) if (labels[key] !== required[key]) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key];
    const ok =
      e.operator === 'Exists'
        ? has
        : e.operator === 'DoesNotExist'
          ? !has
          : e.operator === 'In'
            ? has && (e.values ?? []).includes(value ?? '')
            : e.operator === 'NotIn'
              ? !has || !(e.values ?? []).includes(value ?? '')
              : false;
    if (!ok) return false;
  }
  return true;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Policies the API server rejects, each named with why: a selector with an
 * operator it does not know, or a value of another shape. A cluster would not
 * hold them.
 */
export function invalidPolicies(policies: readonly Policy[]): string[] {
  return policies.flatMap((policy) => {
    if (policy.malformed !== undefined)
      return [`NetworkPolicy ${policy.namespace}/${policy.name}: ${policy.malformed}`];
    const selectors = [
      policy.podSelector,
      ...[...policy.ingress, ...policy.egress].flatMap((r) =>
        (r.peers ?? []).flatMap((peer) => [peer.podSelector, peer.namespaceSelector]),
      ),
    ];
    const unknown = selectors.flatMap((selector) =>
      (selector?.matchExpressions ?? []).filter((e) => !OPERATORS.has(e.operator)).map((e) => e.operator),
    );
    return [...new Set(unknown)].map(
      (op) => `NetworkPolicy ${policy.namespace}/${policy.name}: operator ${op}`,
    );
  });
}

/** A group of identical pods: a workload's template. */
export interface PodGroup {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Named container ports, for named policy ports. */
  readonly ports: ReadonlyArray<{ readonly name?: string; readonly port: number; readonly protocol: string }>;
}

export interface Namespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface Peer {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

interface PolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

interface Rule {
  readonly peers?: readonly Peer[];
  readonly ports?: readonly PolicyPort[];
}

export interface Policy {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: Selector;
  readonly types: ReadonlyArray<'Ingress' | 'Egress'>;
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
  /** What keeps the API server from accepting the policy; such a policy selects nothing here. */
  readonly malformed?: string;
}

/** What a connection may use: every port, or these (protocol/port or protocol/from-to). */
export type Ports = 'all' | ReadonlySet<string>;

export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly ports: 'all' | readonly string[];
}

export interface Endpoint {
  /** `namespace/name` of a pod group, or a CIDR outside the cluster. */
  readonly id: string;
  readonly group?: PodGroup;
  readonly cidr?: string;
  /** Blocks inside `cidr` that are endpoints of their own, and so not part of this one. */
  readonly excluding?: readonly string[];
}

/** Why a value is not of the shape the API server accepts, thrown while a policy is read. */
class Malformed extends Error {}

function list(value: unknown, what: string): readonly unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Malformed(`${what} is not a list`);
  return value;
}

function record(value: unknown, what: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new Malformed(`${what} is not a map`);
  return value;
}

function text(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Malformed(`${what} is not a string`);
  return value;
}

function texts(value: unknown, what: string): readonly string[] | undefined {
  return list(value, what)?.map((item, i) => text(item, `${what}[${i}]`) ?? '');
}

function selectorOf(value: unknown, what: string): Selector | undefined {
  const selector = record(value, what);
  if (!selector) return undefined;
  const labels = record(selector['matchLabels'], `${what}.matchLabels`);
  const expressions = list(selector['matchExpressions'], `${what}.matchExpressions`);
  return {
    matchLabels: labels
      ? Object.fromEntries(
          Object.entries(labels).map(([k, v]) => [k, text(v, `${what}.matchLabels.${k}`) ?? '']),
        )
      : undefined,
    matchExpressions: expressions?.map((item, i) => {
      const where = `${what}.matchExpressions[${i}]`;
      const e = record(item, where) ?? {};
      return {
        key: text(e['key'], `${where}.key`) ?? '',
        operator: text(e['operator'], `${where}.operator`) ?? '',
        values: texts(e['values'], `${where}.values`),
      };
    }),
  };
}

/** A selector as written, or undefined when it is of a shape the API server refuses. */
export function selectorIn(value: unknown): Selector | undefined {
  try {
    return selectorOf(value, 'selector') ?? {};
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}

function peerOf(value: unknown, what: string): Peer {
  const peer = record(value, what) ?? {};
  const ipBlock = record(peer['ipBlock'], `${what}.ipBlock`);
  return {
    podSelector: selectorOf(peer['podSelector'], `${what}.podSelector`),
    namespaceSelector: selectorOf(peer['namespaceSelector'], `${what}.namespaceSelector`),
    ipBlock: ipBlock
      ? {
          cidr: text(ipBlock['cidr'], `${what}.ipBlock.cidr`) ?? '',
          except: texts(ipBlock['except'], `${what}.ipBlock.except`),
        }
      : undefined,
  };
}

function portOf(value: unknown, what: string): PolicyPort {
  const port = record(value, what) ?? {};
  const number = port['port'];
  if (number !== undefined && number !== null && typeof number !== 'number' && typeof number !== 'string')
    throw new Malformed(`${what}.port is neither a number nor a name`);
  const end = port['endPort'];
  if (end !== undefined && end !== null && typeof end !== 'number')
    throw new Malformed(`${what}.endPort is not a number`);
  return {
    protocol: text(port['protocol'], `${what}.protocol`),
    port: number ?? undefined,
    endPort: end ?? undefined,
  };
}

function rulesOf(spec: Json, direction: 'ingress' | 'egress'): Rule[] {
  const peers = direction === 'ingress' ? 'from' : 'to';
  return (list(spec[direction], `spec.${direction}`) ?? []).map((item, i) => {
    const where = `spec.${direction}[${i}]`;
    const rule = record(item, where) ?? {};
    return {
      peers: list(rule[peers], `${where}.${peers}`)?.map((p, j) => peerOf(p, `${where}.${peers}[${j}]`)),
      ports: list(rule['ports'], `${where}.ports`)?.map((p, j) => portOf(p, `${where}.ports[${j}]`)),
    };
  });
}

/**
 * A NetworkPolicy as the analysis reads it. One whose shape the API server
 * refuses (a list written as a map, a string where a selector goes: foreign
 * input does) is read as allowing nothing and carries what is wrong in
 * `malformed`, so that what depends on it is unknown rather than judged.
 */
export function policyFrom(object: Json, namespace: string): Policy {
  const name = String(at(object, 'metadata.name') ?? '');
  try {
    const spec = record(object['spec'], 'spec') ?? {};
    const ingress = rulesOf(spec, 'ingress');
    const egress = rulesOf(spec, 'egress');
    const declared = texts(spec['policyTypes'], 'spec.policyTypes') ?? [];
    const other = declared.find((t) => t !== 'Ingress' && t !== 'Egress');
    if (other !== undefined) throw new Malformed(`spec.policyTypes holds ${other}`);
    const types = declared.length
      ? (declared as ReadonlyArray<'Ingress' | 'Egress'>)
      : (['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])] as const);
    return {
      name,
      namespace,
      podSelector: selectorOf(spec['podSelector'], 'spec.podSelector') ?? {},
      types,
      ingress,
      egress,
    };
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    return { name, namespace, podSelector: {}, types: [], ingress: [], egress: [], malformed: error.message };
  }
}

/**
 * What one analysis works out again and again, kept for its length (never
 * longer: a policy's objects may change between two): each namespace's labels
 * with its name, each address block parsed, each port entry as a range, and the
 * ports each rule allows toward each destination.
 */
interface Context {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly namespaceLabels: Map<string, Readonly<Record<string, string>>>;
  readonly blocks: Map<string, ReturnType<typeof parseCidr>>;
  readonly spans: Map<string, Span>;
  readonly rulePorts: Map<Rule, Map<Endpoint, Ports>>;
}

function context(namespaces: ReadonlyMap<string, Namespace>): Context {
  return {
    namespaces,
    namespaceLabels: new Map(),
    blocks: new Map(),
    spans: new Map(),
    rulePorts: new Map(),
  };
}

function block(ctx: Context, text: string): ReturnType<typeof parseCidr> {
  let parsed = ctx.blocks.get(text);
  if (!parsed) {
    parsed = parseCidr(text);
    ctx.blocks.set(text, parsed);
  }
  return parsed;
}

/** A namespace's labels, with `kubernetes.io/metadata.name` as the API server adds it. */
function namespaceLabels(ctx: Context, namespace: string): Readonly<Record<string, string>> {
  let labels = ctx.namespaceLabels.get(namespace);
  if (!labels) {
    labels = { ...(ctx.namespaces.get(namespace)?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
    ctx.namespaceLabels.set(namespace, labels);
  }
  return labels;
}

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint, ctx: Context): boolean {
  if (peer.ipBlock) {
    if (!endpoint.cidr) return false;
    const blocked = block(ctx, peer.ipBlock.cidr);
    const target = block(ctx, endpoint.cidr);
    // A block that is not a CIDR (an unsubstituted variable) matches nothing.
    if (!blocked.ok || !target.ok || !overlaps(blocked.cidr, target.cidr)) return false;
    const removed = [...(peer.ipBlock.except ?? []), ...(endpoint.excluding ?? [])].flatMap((e) => {
      const except = block(ctx, e);
      return except.ok ? [except.cidr] : [];
    });
    // Two CIDR blocks that overlap are nested: the common part is the smaller.
    const common = blocked.cidr.prefix >= target.cidr.prefix ? blocked.cidr : target.cidr;
    return !covers(removed, common);
  }
  const group = endpoint.group;
  if (!group) return false;
  if (peer.namespaceSelector) {
    if (!matches(peer.namespaceSelector, namespaceLabels(ctx, group.namespace))) return false;
  } else if (group.namespace !== policyNamespace) return false;
  return matches(peer.podSelector, group.labels);
}

/** Whether the blocks, together, hold every address of `block`. */
function covers(blocks: readonly Cidr[], block: Cidr): boolean {
  const inside = blocks.filter((b) => overlaps(b, block)).map((b) => (contains(b, block) ? block : b));
  // Nested blocks count once: keep the outermost, which are disjoint, and add their sizes.
  const outermost = inside.filter(
    (b, i) => !inside.some((o, j) => j !== i && contains(o, b) && (o.prefix < b.prefix || j < i)),
  );
  return outermost.reduce((sum, b) => sum + size(b), 0) >= size(block);
}

/** rulePorts, worked out once for a rule and a destination. */
function portsToward(ctx: Context, rule: Rule, destination: Endpoint): Ports {
  let byDestination = ctx.rulePorts.get(rule);
  if (!byDestination) {
    byDestination = new Map();
    ctx.rulePorts.set(rule, byDestination);
  }
  let ports = byDestination.get(destination);
  if (ports === undefined) {
    ports = rulePorts(rule, destination);
    byDestination.set(destination, ports);
  }
  return ports;
}

/** The ports a rule allows toward `destination`, as protocol/port strings, or every port. */
function rulePorts(rule: Rule, destination: Endpoint): Ports {
  if (!rule.ports || rule.ports.length === 0) return 'all';
  const out = new Set<string>();
  for (const p of rule.ports) {
    const protocol = p.protocol ?? 'TCP';
    if (p.port === undefined) out.add(`${protocol}/*`);
    else if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
      // A named port exists only on the destination's containers.
      for (const named of destination.group?.ports ?? [])
        if (named.name === p.port && named.protocol === protocol) out.add(`${protocol}/${named.port}`);
    } else {
      const port = Number(p.port);
      out.add(p.endPort && p.endPort > port ? `${protocol}/${port}-${p.endPort}` : `${protocol}/${port}`);
    }
  }
  return out;
}

interface Span {
  readonly protocol: string;
  readonly low: number;
  readonly high: number;
}

/** `TCP/80`, `TCP/8000-8080` or `TCP/*` as a range of ports. */
function span(entry: string): Span {
  const [protocol = '', range = ''] = entry.split('/');
  if (range === '*') return { protocol, low: 1, high: 65535 };
  const [low = 0, high = low] = range.split('-').map(Number);
  return { protocol, low, high };
}

function spanText({ protocol, low, high }: Span): string {
  if (low <= 1 && high >= 65535) return `${protocol}/*`;
  return low === high ? `${protocol}/${low}` : `${protocol}/${low}-${high}`;
}

function spanOf(ctx: Context, entry: string): Span {
  let parsed = ctx.spans.get(entry);
  if (!parsed) {
    parsed = span(entry);
    ctx.spans.set(entry, parsed);
  }
  return parsed;
}

/** The ports both allow: the overlap of every pair of ranges of the same protocol. */
function intersect(a: Ports, b: Ports, ctx: Context): Ports {
  if (a === 'all') return b;
  if (b === 'all') return a;
  const out = new Set<string>();
  for (const xe of a)
    for (const ye of b) {
      const x = spanOf(ctx, xe);
      const y = spanOf(ctx, ye);
      const low = Math.max(x.low, y.low);
      const high = Math.min(x.high, y.high);
      if (x.protocol === y.protocol && low <= high) out.add(spanText({ protocol: x.protocol, low, high }));
    }
  return out;
}

/** Whether `ports` let a connection through on `protocol`/`port`. */
export function allows(ports: Ports | undefined, protocol: string, port: number): boolean {
  if (ports === undefined) return false;
  if (ports === 'all') return true;
  return [...ports].map(span).some((s) => s.protocol === protocol && s.low <= port && port <= s.high);
}

type Direction = 'Ingress' | 'Egress';

/** The policies that select `subject` for `direction`: none means not isolated. */
function selecting(direction: Direction, subject: PodGroup, policies: readonly Policy[]): Policy[] {
  return policies.filter(
    (p) =>
      p.namespace === subject.namespace &&
      p.types.includes(direction) &&
      matches(p.podSelector, subject.labels),
  );
}

/** What one side allows, given the policies selecting it: ports, 'all', or undefined for nothing. */
function allowed(
  direction: Direction,
  selected: readonly Policy[],
  peer: Endpoint,
  destination: Endpoint,
  ctx: Context,
): Ports | undefined {
  if (selected.length === 0) return 'all';
  // The union of the ports of every rule that admits the peer; a set of its own only once two are joined.
  let result: Ports | undefined;
  let own: Set<string> | undefined;
  for (const policy of selected) {
    for (const rule of direction === 'Ingress' ? policy.ingress : policy.egress) {
      const peerOk =
        !rule.peers ||
        rule.peers.length === 0 ||
        rule.peers.some((p) => peerMatches(p, policy.namespace, peer, ctx));
      if (!peerOk) continue;
      const ports = portsToward(ctx, rule, destination);
      if (result === undefined) result = ports;
      else if (result === 'all' || ports === 'all') result = 'all';
      else {
        own ??= new Set(result);
        for (const entry of ports) own.add(entry);
        result = own;
      }
    }
  }
  return result;
}

type Selection = (direction: Direction, group: PodGroup) => readonly Policy[];

function connect(
  source: Endpoint,
  destination: Endpoint,
  select: Selection,
  ctx: Context,
): Ports | undefined {
  const egress = source.group
    ? allowed('Egress', select('Egress', source.group), destination, destination, ctx)
    : 'all';
  if (egress === undefined) return undefined;
  const ingress = destination.group
    ? allowed('Ingress', select('Ingress', destination.group), source, destination, ctx)
    : 'all';
  if (ingress === undefined) return undefined;
  const both = intersect(egress, ingress, ctx);
  return both !== 'all' && both.size === 0 ? undefined : both;
}

/** The ports `source` may open to `destination`: 'all', a set, or undefined for none. */
export function connection(
  source: Endpoint,
  destination: Endpoint,
  policies: readonly Policy[],
  namespaces: ReadonlyMap<string, Namespace>,
): Ports | undefined {
  return connect(
    source,
    destination,
    (direction, group) => selecting(direction, group, policies),
    context(namespaces),
  );
}

/** The cluster's pods, namespaces and policies, as the objects describe them. */
export interface Cluster {
  readonly groups: readonly PodGroup[];
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly policies: readonly Policy[];
}

export function clusterOf(inventory: Inventory, defaultNamespace = 'default'): Cluster {
  const namespaces = new Map(
    inventory.kubernetes
      .filter((o) => o.kind === 'Namespace')
      .map((o) => [o.name, { name: o.name, labels: labelsOf(at(o.body, 'metadata.labels')) }]),
  );
  const groups = workloads(inventory).map(({ object, pod, labels }) => ({
    name: object.name,
    namespace: object.namespace ?? defaultNamespace,
    labels,
    // What is not a list or a map here names no port.
    ports: objectsIn(pod['containers']).flatMap((c) =>
      objectsIn(c['ports']).map((p) => ({
        name: typeof p['name'] === 'string' ? p['name'] : undefined,
        port: Number(p['containerPort']),
        protocol: String(p['protocol'] ?? 'TCP'),
      })),
    ),
  }));
  const policies = inventory.kubernetes
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => policyFrom(o.body, o.namespace ?? defaultNamespace));
  return { groups, namespaces, policies };
}

/** The internet as a whole, and every address block a policy names (as a block or an exception). */
export function externalBlocks(cluster: Cluster): string[] {
  const named = cluster.policies.flatMap((p) =>
    [...p.ingress, ...p.egress].flatMap((r) =>
      (r.peers ?? []).flatMap((peer) =>
        peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : [],
      ),
    ),
  );
  return [...new Set(['0.0.0.0/0', ...named.filter((block) => parseCidr(block).ok)])];
}

/**
 * Every allowed connection between the pod groups, and with the address blocks
 * outside the cluster (by default the internet and the blocks the policies name).
 */
export function connectivity(
  cluster: Cluster,
  external: readonly string[] = externalBlocks(cluster),
): Connection[] {
  const parsed = external.flatMap((block) => {
    const result = parseCidr(block);
    return result.ok ? [{ block, cidr: result.cidr }] : [];
  });
  // Each block stands for its addresses that no smaller block listed beside it holds.
  const outside: Endpoint[] = parsed.map(({ block, cidr }) => ({
    id: block,
    cidr: block,
    excluding: parsed
      .filter((other) => other.cidr.prefix > cidr.prefix && contains(cidr, other.cidr))
      .map((other) => other.block),
  }));
  const endpoints: Endpoint[] = cluster.groups.map((g) => ({ id: `${g.namespace}/${g.name}`, group: g }));
  // Which policies select each group, once: the pairs below then read only those.
  const index = new Map(
    cluster.groups.map((g) => [
      g,
      {
        Ingress: selecting('Ingress', g, cluster.policies),
        Egress: selecting('Egress', g, cluster.policies),
      },
    ]),
  );
  const select: Selection = (direction, group) =>
    index.get(group)?.[direction] ?? selecting(direction, group, cluster.policies);
  const ctx = context(cluster.namespaces);
  const all = [...endpoints, ...outside];
  const out: Connection[] = [];
  for (const source of all) {
    for (const destination of all) {
      if (source === destination || (!source.group && !destination.group)) continue;
      const ports = connect(source, destination, select, ctx);
      if (ports !== undefined)
        out.push({ from: source.id, to: destination.id, ports: ports === 'all' ? 'all' : [...ports].sort() });
    }
  }
  return out;
}
