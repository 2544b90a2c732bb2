/**
 * No subnet but Azure Bastion's opens SSH or RDP sessions into the network: its
 * security group denies them outbound before anything allows them.
 */
import type { Json } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
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
  messages: {
    allowed: 'an outbound rule allows port {port} to the network',
    notDenied: 'no outbound rule denies port {port} to the network (AllowVnetOutBound lets it out)',
  },
  check: (inventory, say) => {
    // The groups on AzureBastionSubnet must let Bastion open sessions (Learn "Working with NSG access and Azure Bastion").
    const bastionGroups = new Set(
      subnets(inventory)
        .filter((s) => s.name.toLowerCase() === 'azurebastionsubnet')
        .map((s) => at(s.body, 'properties.networkSecurityGroup.id'))
        .filter((id): id is string => typeof id === 'string')
        .map((id) => (lastName(id) ?? '').toLowerCase()),
    );
    return ofType(inventory, 'Microsoft.Network/networkSecurityGroups')
      .filter((group) => !bastionGroups.has(lastSegment(group.name).toLowerCase()))
      .map((group): Outcome => {
        const target = label(group);
        const list = at(group.body, 'properties.securityRules');
        if (isUnresolved(list))
          return outcome('unknown', target, say('unresolved', { value: String(list) }), group.source);
        const rules = objectsIn(list).filter((r) => at(r, 'properties.direction') !== 'Inbound');
        const hiddenOrder = rules
          .flatMap((r) => [at(r, 'properties.direction'), at(r, 'properties.priority')])
          .find(isUnresolved);
        if (hiddenOrder !== undefined)
          return outcome('unknown', target, say('unresolved', { value: String(hiddenOrder) }), group.source);
        const ordered = [...rules].sort(
          (a, b) => Number(at(a, 'properties.priority')) - Number(at(b, 'properties.priority')),
        );
        let unknown: unknown;
        for (const port of MANAGEMENT_PORTS) {
          const verdict = decide(ordered, port);
          if (verdict === 'allowed') return outcome('fail', target, say('allowed', { port }), group.source);
          if (verdict === 'open') return outcome('fail', target, say('notDenied', { port }), group.source);
          if (typeof verdict === 'object' && unknown === undefined) unknown = verdict.unresolved;
        }
        return unknown === undefined
          ? outcome('pass', target, undefined, group.source)
          : outcome('unknown', target, say('unresolved', { value: String(unknown) }), group.source);
      });
  },
});
