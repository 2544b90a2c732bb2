/**
 * Every workload namespace has NetworkPolicies that deny ingress and egress to
 * all its pods by default: one policy taking both directions, or one for each.
 * The API's rules (kubernetes.io/docs/concepts/services-networking/network-policies,
 * "Default policies"): a policy with an empty podSelector selects every pod of
 * its namespace, and one that takes a direction with no rule for it allows
 * nothing in that direction. policyTypes defaults to Ingress, plus Egress only
 * when the policy has egress rules: one that names no types and has none
 * leaves egress open. Policies add up ("Network policies do not conflict; they
 * are additive", same page): a policy that allows every peer to every pod on
 * every port undoes the deny in that direction.
 */
import type { KubeObject } from '../../inventory.js';
import type { Policy } from '../../network-policy.js';
import { policyFrom } from '../../network-policy.js';
import { defineRule, unresolved } from '../../rule.js';
import { isObject } from '../../../arm-values.js';
import { ofKind, outcome, workloads } from '../select.js';
import { SYSTEM_NAMESPACES, substituted } from './workloads.js';

type Direction = 'Ingress' | 'Egress';
const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

type Selector = Policy['podSelector'];
type Rule = Policy['ingress'][number];

/** Whether `selector` is empty, and so selects everything. */
const everything = (selector: Selector): boolean =>
  Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;

/** Whether `policy`, as the API server takes it, is about `direction` for every pod of its namespace. */
const coversAll = (policy: Policy, direction: Direction): boolean =>
  policy.malformed === undefined && everything(policy.podSelector) && policy.types.includes(direction);

const rulesFor = (policy: Policy, direction: Direction): readonly Rule[] =>
  direction === 'Ingress' ? policy.ingress : policy.egress;

/** Whether `policy` denies `direction` to every pod of its namespace. */
function deniesAll(policy: Policy, direction: Direction): boolean {
  return coversAll(policy, direction) && rulesFor(policy, direction).length === 0;
}

/**
 * Whether a rule admits every peer on every port: it names no peer, or one that is every pod of
 * every namespace (an empty namespaceSelector, with no podSelector or an empty one), and no port.
 */
function admitsAll(rule: Rule): boolean {
  const everyPeer =
    !rule.peers ||
    rule.peers.length === 0 ||
    rule.peers.some(
      (peer) =>
        !peer.ipBlock &&
        peer.namespaceSelector !== undefined &&
        everything(peer.namespaceSelector) &&
        (peer.podSelector === undefined || everything(peer.podSelector)),
    );
  return everyPeer && (!rule.ports || rule.ports.length === 0);
}

/** Whether `policy` opens `direction` to every pod of its namespace, whatever denies it. */
function opensAll(policy: Policy, direction: Direction): boolean {
  return coversAll(policy, direction) && rulesFor(policy, direction).some(admitsAll);
}

/**
 * Of one part of a policy (its selector, its types, its rules): `true` when it
 * lets the policy deny a direction to every pod, `false` when it keeps it from
 * that, else the substituted value it depends on.
 */
type Part = boolean | { readonly value: unknown };

function selectorPart(selector: unknown): Part {
  if (substituted(selector)) return { value: selector };
  if (!isObject(selector)) return selector === undefined || selector === null;
  const { matchLabels, matchExpressions } = selector;
  for (const value of [matchLabels, matchExpressions]) if (substituted(value)) return { value };
  const empty = (v: unknown) =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) ? v.length === 0 : isObject(v) && !Object.keys(v).length);
  return empty(matchLabels) && empty(matchExpressions);
}

function typesPart(types: unknown, direction: Direction): Part {
  if (substituted(types)) return { value: types };
  if (Array.isArray(types) && types.length > 0) {
    if (types.includes(direction)) return true;
    const value: unknown = types.find(substituted);
    return value === undefined ? false : { value };
  }
  // No types: Ingress always; Egress only with egress rules, which a deny has none of.
  return direction === 'Ingress';
}

function rulesPart(rules: unknown): Part {
  if (substituted(rules)) return { value: rules };
  return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

/**
 * The substituted value a policy that might deny `direction` to every pod
 * depends on (Flux's `${VAR}`, fluxcd.io "Kustomization", post-build
 * substitution); undefined when it surely does not. Asked only of policies
 * that do not deny it as written.
 */
function undecided(object: KubeObject, direction: Direction): unknown {
  const spec = object.body['spec'];
  if (substituted(spec)) return spec;
  if (!isObject(spec)) return undefined;
  const parts = [
    selectorPart(spec['podSelector']),
    typesPart(spec['policyTypes'], direction),
    rulesPart(spec[direction === 'Ingress' ? 'ingress' : 'egress']),
  ];
  if (parts.includes(false)) return undefined;
  const pending = parts.find((p): p is { readonly value: unknown } => typeof p === 'object');
  // Every part denies, yet the API server would refuse the policy as written: a value substituted
  // elsewhere in it (a type `${EXTRA}` beside Ingress) may make it one the server takes.
  return pending ? pending.value : firstSubstituted(spec);
}

/** The first value Flux substitutes (or deployment computes) in `value`. */
function firstSubstituted(value: unknown): unknown {
  if (substituted(value)) return value;
  for (const item of Array.isArray(value) ? value : isObject(value) ? Object.values(value) : []) {
    const found = firstSubstituted(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

export default defineRule({
  ref: 'BP1085',
  id: 'k8s/default-deny',
  title: 'Every workload namespace denies traffic by default',
  severity: 'warning',
  pillar: 'Security',
  area: 'network',
  spec: { section: 'Pod-to-pod traffic', quote: 'Only allow specific communication paths, as needed' },
  why: 'Without a default deny, any pod reaches the workload, and the workload reaches anything.',
  fix: 'Add a NetworkPolicy with an empty podSelector and policyTypes Ingress and Egress, then allow what is needed.',
  messages: {
    noDefaultDeny: 'no default-deny policy for {directions}',
    undone: 'its default deny for {directions} is undone by {policies}, which admits every peer to every pod',
    elsewhere:
      'no default-deny policy for {directions} among the inputs, which do not declare the namespace: it may come with it',
  },
  check: (inventory, say) => {
    const policies = ofKind(inventory, 'NetworkPolicy');
    const declared = ofKind(inventory, 'Namespace');
    const running = workloads(inventory);
    const namespaces = new Set(
      [...declared.map((n) => n.name), ...running.map((w) => w.object.namespace ?? '')].filter(
        (ns) => ns !== '' && !SYSTEM_NAMESPACES.has(ns),
      ),
    );
    return [...namespaces].map((ns) => {
      const objects = policies.filter((p) => p.namespace === ns);
      const read = objects.map((p) => policyFrom(p.body, ns));
      const open = DIRECTIONS.filter((d) => !read.some((p) => deniesAll(p, d)));
      // A direction no policy denies as written, but one might once Flux substitutes its values.
      const pending = open.flatMap((d) =>
        objects.flatMap((o) => {
          const value = undecided(o, d);
          return value === undefined ? [] : [{ direction: d, value }];
        }),
      );
      const surelyOpen = open.filter((d) => !pending.some((p) => p.direction === d));
      // The Namespace's file, or that of a workload in it.
      const source =
        declared.find((n) => n.name === ns)?.source ??
        running.find((w) => w.object.namespace === ns)?.object.source;
      const target = `Namespace ${ns}`;
      if (surelyOpen.length > 0) {
        const directions = surelyOpen.map((d) => d.toLowerCase()).join(' and ');
        // A namespace known only from its workloads is made elsewhere, with its policies as like as
        // not (a kustomization placing one folder's workloads in the namespace its platform makes).
        return declared.some((n) => n.name === ns)
          ? outcome('fail', target, say('noDefaultDeny', { directions }), source)
          : outcome('unknown', target, say('elsewhere', { directions }), source);
      }
      // Denied by default, then opened again to everyone by a policy beside the deny.
      const undone = DIRECTIONS.filter((d) => !open.includes(d)).flatMap((d) =>
        read
          .filter((p) => opensAll(p, d))
          .map((p) => ({ direction: d, policy: `NetworkPolicy ${ns}/${p.name}` })),
      );
      if (undone.length > 0) {
        const directions = [...new Set(undone.map((u) => u.direction.toLowerCase()))].join(' and ');
        const policies = [...new Set(undone.map((u) => u.policy))].join(', ');
        return outcome('fail', target, say('undone', { directions, policies }), source);
      }
      const [first] = pending;
      if (first) return outcome('unknown', target, unresolved(first.value), source);
      return outcome('pass', target, undefined, source);
    });
  },
});
