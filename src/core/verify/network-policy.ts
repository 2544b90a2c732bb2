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
import { at } from '../arm-values.js';
import { workloads } from './rules/select.js';

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

/** Selectors with an operator the API server rejects: a cluster would refuse their policies. */
export function invalidSelectors(policies: readonly Policy[]): string[] {
  return policies.flatMap((policy) => {
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

export function policyFrom(object: Json, namespace: string): Policy {
  const spec = (object['spec'] ?? {}) as Json;
  const ingress = ((spec['ingress'] ?? []) as Json[]).map((r) => ({
    peers: r['from'] as Peer[] | undefined,
    ports: r['ports'] as PolicyPort[] | undefined,
  }));
  const egress = ((spec['egress'] ?? []) as Json[]).map((r) => ({
    peers: r['to'] as Peer[] | undefined,
    ports: r['ports'] as PolicyPort[] | undefined,
  }));
  const declared = spec['policyTypes'] as Array<'Ingress' | 'Egress'> | undefined;
  const types: Array<'Ingress' | 'Egress'> = declared?.length
    ? declared
    : ['Ingress', ...(egress.length > 0 ? (['Egress'] as const) : [])];
  return {
    name: String(at(object, 'metadata.name')),
    namespace,
    podSelector: (spec['podSelector'] ?? {}) as Selector,
    types,
    ingress,
    egress,
  };
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
      .map((o) => [
        o.name,
        { name: o.name, labels: (at(o.body, 'metadata.labels') ?? {}) as Record<string, string> },
      ]),
  );
  const groups = workloads(inventory).map(({ object, pod, labels }) => ({
    name: object.name,
    namespace: object.namespace ?? defaultNamespace,
    labels,
    ports: ((pod['containers'] ?? []) as Json[]).flatMap((c) =>
      ((c['ports'] ?? []) as Json[]).map((p) => ({
        name: p['name'] as string | undefined,
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
