/** Pods can reach LocalDNS on every node pool where AKS may turn it on. */
import {
  atLeastMinor,
  LOCAL_DNS_ADDRESSES,
  LOCAL_DNS_DEFAULT_FROM,
} from '../../../data/kubernetes-versions.js';
import type { Inventory } from '../../inventory.js';
import type { Outcome, Say } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { allows, connection } from '../../network-policy.js';
import type { Analysis } from '../reachability.js';
import { REJECTED, analysis, endpoint, onValidPolicies } from '../reachability.js';
import type { Pool } from '../select.js';
import { outcome, pools } from '../select.js';

const MESSAGES = {
  ...REJECTED,
  blocked: 'LocalDNS may be on ({why}), and {groups} cannot reach it on UDP 53',
  cilium: '{why}; Cilium network policies among the inputs',
  noWorkloads: '{why}; no workloads among the inputs',
} as const;

/**
 * Channels that move a cluster to a newer minor on their own (Learn, "Automatically
 * upgrade an AKS cluster": rapid, the latest minor; stable, minor N-1), so a pool
 * without a LocalDNS mode meets the 1.37 default without a template change.
 */
const MINOR_UPGRADE_CHANNELS = new Set(['rapid', 'stable']);

/** Why a pool's LocalDNS may be on; undefined when it stays off; `unresolved` when only deployment knows. */
function localDnsOn(pool: Pool): string | undefined | { unresolved: unknown } {
  const mode = at(pool.body, 'localDNSProfile.mode');
  if (isUnresolved(mode)) return { unresolved: mode };
  if (mode === 'Disabled') return undefined;
  if (mode === 'Required') return 'its LocalDNS mode is Required';
  // Preferred, or no mode: off before the default minor, on (where AKS's checks pass) from it.
  const stated = mode === 'Preferred' ? 'its LocalDNS mode is Preferred' : 'it states no LocalDNS mode';
  const version =
    at(pool.body, 'orchestratorVersion') ?? at(pool.cluster?.body, 'properties.kubernetesVersion');
  if (isUnresolved(version)) return { unresolved: version };
  if (typeof version === 'string' && atLeastMinor(version, LOCAL_DNS_DEFAULT_FROM) === true)
    return `${stated} at Kubernetes ${version}`;
  const channel = String(at(pool.cluster?.body, 'properties.autoUpgradeProfile.upgradeChannel') ?? 'none');
  return MINOR_UPGRADE_CHANNELS.has(channel.toLowerCase())
    ? `${stated}, and the ${channel} channel upgrades the cluster to ${LOCAL_DNS_DEFAULT_FROM} and later`
    : undefined;
}

/** The pod groups whose DNS the NetworkPolicies keep from LocalDNS on their node. */
function cutOffFromLocalDns({ cluster }: Analysis): string[] {
  return cluster.groups
    .filter((g) => g.namespace !== 'kube-system')
    .filter((group) =>
      LOCAL_DNS_ADDRESSES.some((address) => {
        const local = { id: `LocalDNS ${address}`, cidr: `${address}/32` };
        const ports = connection(endpoint(group), local, cluster.policies, cluster.namespaces);
        return !allows(ports, 'UDP', 53);
      }),
    )
    .map((group) => endpoint(group).id);
}

function localDnsOutcome(inventory: Inventory, pool: Pool, say: Say<typeof MESSAGES>): Outcome {
  const on = localDnsOn(pool);
  if (typeof on === 'object')
    return outcome('unknown', pool.target, say('unresolved', { value: String(on.unresolved) }), pool.source);
  if (on === undefined) return outcome('pass', pool.target, undefined, pool.source);
  // The docs allow this path with Cilium's own policies, which this analysis does not read.
  if (inventory.kubernetes.some((o) => /^Cilium(Clusterwide)?NetworkPolicy$/.test(o.kind)))
    return outcome('unknown', pool.target, say('cilium', { why: on }), pool.source);
  const analyzed = analysis(inventory);
  if (analyzed.cluster.groups.length === 0)
    return outcome('unknown', pool.target, say('noWorkloads', { why: on }), pool.source);
  const blocked = cutOffFromLocalDns(analyzed);
  return blocked.length === 0
    ? outcome('pass', pool.target, undefined, pool.source)
    : outcome('fail', pool.target, say('blocked', { why: on, groups: blocked.join(', ') }), pool.source);
}

export default onValidPolicies(
  defineRule({
    ref: 'BP1092',
    id: 'netpol/local-dns',
    title: 'Pods can reach LocalDNS on every node pool where AKS may turn it on',
    severity: 'error',
    pillar: 'Reliability',
    area: 'network',
    spec: {
      section: 'Pod-to-pod traffic',
      quote:
        'Apply policies judiciously, or you might have a situation where a critical network flow is blocked.',
    },
    why: `From Kubernetes ${LOCAL_DNS_DEFAULT_FROM} AKS turns LocalDNS on in node pools that do not state a mode (and with the rapid or stable channel an upgrade takes a cluster there unasked). Pods then send DNS to ${LOCAL_DNS_ADDRESSES.join(' and ')} on their node, which policies that admit DNS only to CoreDNS pods block: every name lookup fails.`,
    fix: 'Set localDNSProfile.mode: Disabled on every node pool, or allow egress to 169.254.10.0/24 on UDP and TCP 53 wherever LocalDNS is on.',
    messages: MESSAGES,
    check: (inventory, say) => pools(inventory).map((pool) => localDnsOutcome(inventory, pool, say)),
  }),
);
