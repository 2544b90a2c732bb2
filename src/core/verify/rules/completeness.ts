/**
 * Whether the inputs hold a whole deployment, so that what they lack is absent
 * rather than merely elsewhere. A template audited alone says nothing of the
 * diagnostic settings, policy assignments or maintenance windows another
 * template may add, and a rule on them can only say "cannot tell"; the inputs
 * that deploy a cluster together with its network (Baseplate's own plan, or a
 * template or resource list of both) are the cluster's whole resource group,
 * and there a missing one is a finding.
 *
 * The criterion, precisely: some cluster among the inputs has a node pool whose
 * subnet (`vnetSubnetID`, read literally or as a `resourceId()` the reader
 * resolved) lies in a virtual network that is among the inputs too, with that
 * subnet. A cluster on a network AKS manages itself, or one whose subnet is
 * computed at deployment, does not make the inputs whole: nothing shows that
 * the rest of its group was given.
 */
import type { Inventory } from '../inventory.js';
import type { Rule } from '../rule.js';
import { COMMON_MESSAGES, fill } from '../rule.js';
import { at } from '../../arm-values.js';
import { isUnknownId, ofType, pools, remember, subnetsOf } from './select.js';

/**
 * `virtualNetworks/<network>/subnets/<subnet>` of a subnet ID, in lower case;
 * undefined for an expression or anything else. A placeholder such as
 * `<subscription-id>` leaves the names readable (and is not stripped with
 * /<[^>]+>/, quadratic on a long run of `<`).
 */
function networkAndSubnet(id: unknown): { network: string; subnet: string } | undefined {
  if (typeof id !== 'string' || isUnknownId(id)) return undefined;
  const found = /virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return found
    ? { network: (found[1] ?? '').toLowerCase(), subnet: (found[2] ?? '').toLowerCase() }
    : undefined;
}

/**
 * True when the inputs deploy a cluster and the network its nodes are in. The
 * `<subscription-id>` and `<resource-group>` placeholders Baseplate writes in
 * IDs do not matter here: the network and subnet names do.
 */
export function holdsWholeDeployment(inventory: Inventory): boolean {
  return remember(inventory.azure, holdsWholeDeployment, () =>
    pools(inventory).some((pool) => {
      const place = networkAndSubnet(at(pool.body, 'vnetSubnetID'));
      return (
        pool.cluster !== undefined &&
        place !== undefined &&
        subnetsOf(inventory, place.network).some((s) => s.name.toLowerCase() === place.subnet)
      );
    }),
  );
}

/**
 * A rule on something the inputs may lack (diagnostic settings, policy
 * assignments, maintenance windows): where the inputs hold none of `types` and
 * are not a whole deployment, a fail is only unknown, as `needing` makes it;
 * where they are a whole deployment, the fail stands, as the absence is real.
 */
export function absentWhenWhole<R extends Rule>(types: readonly string[], rule: R): R {
  return {
    ...rule,
    check: (inventory) => {
      const outcomes = rule.check(inventory);
      const missing = types.filter((type) => ofType(inventory, type).length === 0);
      if (missing.length === 0 || holdsWholeDeployment(inventory)) return outcomes;
      return outcomes.map((o) =>
        o.status === 'fail'
          ? {
              ...o,
              status: 'unknown' as const,
              message: fill('notWhole', COMMON_MESSAGES.notWhole, { types: missing.join(', ') }),
            }
          : o,
      );
    },
  };
}
