/** No network security group admits the internet, but to Application Gateway on 443. */
import type { Json } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, objectsIn, ofType, outcome } from '../select.js';

const INTERNET = new Set(['*', 'internet', '0.0.0.0/0', 'any']);

/** Ports the spec lets the internet reach: Application Gateway's HTTPS, and its own management range. */
function allowedFromInternet(ports: readonly string[]): boolean {
  return ports.every((port) => port === '443' || port === '65200-65535');
}

/**
 * A security rule's values of a property given once (`sourceAddressPrefix`) or
 * as a list (`sourceAddressPrefixes`): a list deployment computes is one
 * unknown value, so it is not read as empty.
 */
function ruleValues(rule: Json, single: string, many: string): string[] {
  const one = at(rule, `properties.${single}`);
  const list = at(rule, `properties.${many}`);
  return [
    ...(typeof one === 'string' ? [one] : []),
    ...(Array.isArray(list) ? list.map(String) : isUnresolved(list) ? [String(list)] : []),
  ];
}

const ruleSources = (rule: Json) => ruleValues(rule, 'sourceAddressPrefix', 'sourceAddressPrefixes');
const rulePorts = (rule: Json) => ruleValues(rule, 'destinationPortRange', 'destinationPortRanges');

/** A value that is `wanted`, or one deployment computes and so may be. */
const mayBe = (value: unknown, wanted: string) => value === wanted || isUnresolved(value);

export default defineRule({
  ref: 'BP1001',
  id: 'net/nsg-internet-inbound',
  title: 'No security group admits the internet but to Application Gateway on 443',
  severity: 'error',
  pillar: 'Security',
  area: 'network',
  spec: {
    section: 'Network topology',
    quote: 'Minimize direct exposure of Azure resources to the public internet.',
  },
  why: 'Every other inbound path from the internet skips the web application firewall.',
  fix: 'Remove the rule, or narrow its source to the networks that need it.',
  messages: {
    internetPorts: 'internet → ports {ports}',
    sourceComputed: 'its source is computed at deployment',
  },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/networkSecurityGroups').flatMap((group): Outcome[] => {
      const rules = at(group.body, 'properties.securityRules');
      return objectsIn(rules)
        .filter(
          (r) =>
            mayBe(at(r, 'properties.direction'), 'Inbound') && mayBe(at(r, 'properties.access'), 'Allow'),
        )
        .map((rule) => {
          const target = `${label(group)}/securityRules/${String(rule['name'])}`;
          const sources = ruleSources(rule);
          if (sources.some(isUnresolved)) return outcome('unknown', target, say('sourceComputed'));
          const open = sources.some((s) => INTERNET.has(s.toLowerCase()));
          const ports = rulePorts(rule);
          // A port deployment computes may be one the internet must not reach, unless a known one already is.
          const known = ports.filter((port) => !isUnresolved(port));
          if (!open || (allowedFromInternet(known) && known.length === ports.length))
            return outcome('pass', target, undefined, group.source);
          const computed = [
            at(rule, 'properties.direction'),
            at(rule, 'properties.access'),
            ...(allowedFromInternet(known) ? ports : []),
          ].find(isUnresolved);
          return computed === undefined
            ? outcome('fail', target, say('internetPorts', { ports: ports.join(', ') }), group.source)
            : outcome('unknown', target, say('unresolved', { value: String(computed) }), group.source);
        });
    }),
});
