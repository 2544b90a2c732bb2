/**
 * No subnet but Azure Bastion's opens SSH or RDP sessions into the network: its
 * security group denies them outbound before anything allows them.
 */
import type { Json } from '../../inventory.js';
import type { Outcome, Say } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, lastSegment, objectsIn, ofType, outcome, subnets } from '../select.js';
import { lastName } from './subnets.js';

const MANAGEMENT_PORTS = [22, 3389] as const;
/** Where a management session could reach another host of the network. */
const DENY_COVERS_NETWORK = new Set(['*', 'any', 'virtualnetwork', '0.0.0.0/0']);
/** Service tags outside the network: an allow to them opens no lateral path. */
const OUTSIDE = new Set(['internet', 'azurecloud']);

/** A property given once (`destinationPortRange`) or as a list (`destinationPortRanges`). */
function values(rule: Json, single: string, many: string): unknown[] {
  const one = at(rule, `properties.${single}`);
  const list = at(rule, `properties.${many}`);
  return [
    ...(one === undefined ? [] : [one]),
    ...(Array.isArray(list) ? list : list === undefined ? [] : [list]),
  ];
}

/** Whether a port range (`*`, `22`, `20-25`) holds `port`. */
function covers(range: string, port: number): boolean {
  if (range === '*') return true;
  const [low, high = low] = range.split('-').map(Number);
  return low !== undefined && high !== undefined && low <= port && port <= high;
}

type Verdict = 'denied' | 'allowed' | 'open' | { readonly unresolved: unknown };

/** What the first outbound rule (by priority) that decides `port` toward the network does. */
function decide(rules: readonly Json[], port: number): Verdict {
  for (const rule of rules) {
    const ports = values(rule, 'destinationPortRange', 'destinationPortRanges');
    const destinations = values(rule, 'destinationAddressPrefix', 'destinationAddressPrefixes');
    const access = at(rule, 'properties.access');
    const hidden = [access, ...ports, ...destinations].find(isUnresolved);
    if (hidden !== undefined) return { unresolved: hidden };
    if (!ports.some((p) => covers(String(p), port))) continue;
    const names = destinations.map((d) => String(d).toLowerCase());
    if (access === 'Deny' && names.some((d) => DENY_COVERS_NETWORK.has(d))) return 'denied';
    if (access === 'Allow' && names.some((d) => !OUTSIDE.has(d))) return 'allowed';
  }
  // The default rule AllowVnetOutBound lets the session through.
  return 'open';
}

const MESSAGES = {
  allowed: 'an outbound rule allows port {port} to the network',
  notDenied: 'no outbound rule denies port {port} to the network (AllowVnetOutBound lets it out)',
} as const;

export default defineRule({
  ref: 'BP1141',
  id: 'net/nsg-lateral-management',
  title: 'Security groups deny SSH and RDP out to the network, but on the Bastion subnet',
  severity: 'warning',
  pillar: 'Security',
  area: 'network',
  spec: {
    section: 'Subnet to host Azure Bastion',
    quote: 'This subnet is for management and operations only.',
  },
  why: 'Operators reach machines through Azure Bastion alone; a node, agent or endpoint that may open SSH or RDP to the rest of the network lets an intruder move laterally (PSRule for Azure: Azure.NSG.LateralTraversal).',
  fix: 'Add an outbound Deny rule for ports 22 and 3389 to VirtualNetwork, before any rule that allows them; only the AzureBastionSubnet security group allows them.',
  messages: MESSAGES,
  check: (inventory, say) => {
    // The groups on AzureBastionSubnet must let Bastion open sessions (Learn "Working with NSG access
    // and Azure Bastion"); a subnet whose name deployment computes may be that one.
    // An ID, or an expression naming the group (`resourceId('…/networkSecurityGroups', 'name')`).
    const groupOf = (id: unknown) =>
      typeof id === 'string' && (!isUnresolved(id) || /networksecuritygroups/i.test(id))
        ? lastName(id)?.toLowerCase()
        : undefined;
    const bastion = new Set<string>();
    const maybeBastion = new Set<string>();
    let unknownBastionGroup: unknown;
    // A subnet (or a list of them) deployment computes may be AzureBastionSubnet, on any group.
    for (const network of ofType(inventory, 'Microsoft.Network/virtualNetworks')) {
      const list = at(network.body, 'properties.subnets');
      const items: readonly unknown[] = Array.isArray(list) ? list : list === undefined ? [] : [list];
      unknownBastionGroup ??= items.find((item) => typeof item !== 'object' || item === null);
    }
    for (const subnet of subnets(inventory)) {
      const named = isUnresolved(subnet.name) ? 'maybe' : subnet.name.toLowerCase() === 'azurebastionsubnet';
      if (named === false) continue;
      const id = at(subnet.body, 'properties.networkSecurityGroup.id');
      const group = groupOf(id);
      if (group === undefined) {
        if (id !== undefined) unknownBastionGroup ??= id;
      } else (named === true ? bastion : maybeBastion).add(group);
    }
    return ofType(inventory, 'Microsoft.Network/networkSecurityGroups')
      .filter((group) => !bastion.has(lastSegment(group.name).toLowerCase()))
      .map((group): Outcome => {
        const target = label(group);
        const judged = judgeGroup(group.body, say);
        if (judged.status !== 'fail') return { ...judged, target, source: group.source };
        // Deployment may make this group Bastion's, which must allow the sessions.
        const maybe = maybeBastion.has(lastSegment(group.name).toLowerCase())
          ? `the name of a subnet using ${lastSegment(group.name)}`
          : unknownBastionGroup;
        return maybe === undefined
          ? { ...judged, target, source: group.source }
          : outcome('unknown', target, say('unresolved', { value: String(maybe) }), group.source);
      });
  },
});

/** A security group's verdict: denied for both ports, or what lets one out, or what deployment decides. */
function judgeGroup(body: Json, say: Say<typeof MESSAGES>): Outcome {
  const list = at(body, 'properties.securityRules');
  const items: readonly unknown[] = Array.isArray(list) ? list : list === undefined ? [] : [list];
  // A rule (or the list) deployment computes may be any rule, before or after the others.
  const hiddenRule = items.find((item) => isUnresolved(item) || typeof item !== 'object' || item === null);
  if (hiddenRule !== undefined)
    return outcome('unknown', '', say('unresolved', { value: String(hiddenRule) }));
  const rules = objectsIn(list).filter((r) => at(r, 'properties.direction') !== 'Inbound');
  const hiddenOrder = rules
    .flatMap((r) => [at(r, 'properties.direction'), at(r, 'properties.priority')])
    .find(isUnresolved);
  if (hiddenOrder !== undefined)
    return outcome('unknown', '', say('unresolved', { value: String(hiddenOrder) }));
  const ordered = [...rules].sort(
    (a, b) => Number(at(a, 'properties.priority')) - Number(at(b, 'properties.priority')),
  );
  let unknown: unknown;
  for (const port of MANAGEMENT_PORTS) {
    const verdict = decide(ordered, port);
    if (verdict === 'allowed') return outcome('fail', '', say('allowed', { port }));
    if (verdict === 'open') return outcome('fail', '', say('notDenied', { port }));
    if (typeof verdict === 'object') unknown ??= verdict.unresolved;
  }
  return unknown === undefined
    ? outcome('pass', '')
    : outcome('unknown', '', say('unresolved', { value: String(unknown) }));
}
