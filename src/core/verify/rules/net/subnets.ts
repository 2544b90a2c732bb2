/** What the network rules read of subnets: their names in an ID, and the subnets a kind of resource uses. */
import { isExpression, isUnresolved } from '../../../arm-values.js';
import type { Inventory } from '../../inventory.js';
import type { Subnet } from '../select.js';
import { ofType, referencedSubnets, subnets } from '../select.js';

/**
 * The last name of an ID or of a `resourceId(…, 'name')` expression: the run
 * before an optional `'`, `)` and `]` at the end, of characters none of
 * `/',)]` or white space. Read from the end in one pass, as the regular
 * expression that did it retried from every position (quadratic).
 */
export function lastName(id: string): string | undefined {
  let end = id.length;
  for (const closing of [']', ')', "'"]) if (id[end - 1] === closing) end -= 1;
  let start = end;
  while (start > 0 && !/[/',\s)\]]/.test(id[start - 1] ?? '')) start -= 1;
  return start < end ? id.slice(start, end) : undefined;
}

/**
 * The network and subnet a subnet ID names (`…/virtualNetworks/<network>/subnets/<subnet>`),
 * in lower case; undefined when deployment computes either name. A placeholder
 * for the subscription leaves both known.
 */
export function subnetNames(id: string): { network: string; subnet: string } | undefined {
  // An expression's text is no ID: its slashes are inside the call (`[concat(parameters('vnet'), '/subnets/', …)]`).
  if (isExpression(id)) return undefined;
  const parts = id.split('/');
  const [network = '', subnet = ''] = [parts.at(-3), parts.at(-1)];
  if (isUnresolved(network) || isUnresolved(subnet) || !network || !subnet) return undefined;
  return { network: network.toLowerCase(), subnet: subnet.toLowerCase() };
}

/** The subnets of a kind of resource, by `network/subnet`, with the subnet's body. */
export function subnetsUsedBy(inventory: Inventory, type: string, path: string): Subnet[] {
  const used = referencedSubnets(ofType(inventory, type), path);
  return subnets(inventory).filter((s) => used.has(`${s.network}/${s.name.toLowerCase()}`));
}
