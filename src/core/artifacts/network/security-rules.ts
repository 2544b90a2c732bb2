/**
 * Network security groups: every rule carries its reason in `description`, so
 * the people who read the deployed resource see the why (spec: "Secure the
 * network flow").
 */
import type { ArmObject } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export interface SecurityRule {
  readonly name: string;
  readonly description: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: 'Tcp' | 'Udp' | '*';
  /** An address prefix, a service tag (Internet, GatewayManager …) or several prefixes. */
  readonly source: string | readonly string[];
  readonly destination: string | readonly string[];
  readonly ports: string | readonly string[];
  readonly priority: number;
}

/** ARM has singular and plural forms of each field; the plural only for lists. */
function either(singular: string, plural: string, value: string | readonly string[]): ArmObject {
  return typeof value === 'string' || value.length === 1
    ? { [singular]: typeof value === 'string' ? value : value[0] }
    : { [plural]: value };
}

function securityRule(rule: SecurityRule): ArmObject {
  return {
    name: rule.name,
    properties: {
      description: rule.description,
      direction: rule.direction,
      access: rule.access,
      protocol: rule.protocol,
      priority: rule.priority,
      sourcePortRange: '*',
      ...either('sourceAddressPrefix', 'sourceAddressPrefixes', rule.source),
      ...either('destinationAddressPrefix', 'destinationAddressPrefixes', rule.destination),
      ...either('destinationPortRange', 'destinationPortRanges', rule.ports),
    },
  };
}

export function networkSecurityGroup(
  name: string,
  location: string,
  tags: Record<string, string>,
  comments: string,
  rules: readonly SecurityRule[],
): ArmResource {
  return armResource('Microsoft.Network/networkSecurityGroups', name, {
    location,
    tags,
    comments,
    properties: { securityRules: rules.map(securityRule) },
  });
}

/** The last inbound rule of a subnet that admits only what its rules name. */
export function denyAllInbound(priority = 4096): SecurityRule {
  return {
    name: 'DenyAllInbound',
    description: 'Nothing else may reach this subnet.',
    direction: 'Inbound',
    access: 'Deny',
    protocol: '*',
    source: '*',
    destination: '*',
    ports: '*',
    priority,
  };
}

/**
 * Management sessions (SSH 22, RDP 3389) leave no subnet for the rest of the network: only Azure
 * Bastion opens them (its subnet's rule AllowSshRdpOutbound, Learn "Working with NSG access and Azure
 * Bastion"), so a compromised node or agent cannot move laterally over them. PSRule for Azure's
 * Azure.NSG.LateralTraversal asks the same.
 */
export function denySshRdpOutbound(priority = 4000): SecurityRule {
  return {
    name: 'DenySshRdpOutbound',
    description: 'No SSH or RDP from here to the network: operators come through Azure Bastion.',
    direction: 'Outbound',
    access: 'Deny',
    protocol: '*',
    source: '*',
    destination: 'VirtualNetwork',
    ports: ['22', '3389'],
    priority,
  };
}
