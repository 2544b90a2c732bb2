/**
 * Lays the subnets of one virtual network out in its address space. Prefixes the
 * user gave stay where they are; the others are placed first-fit, in the order of
 * the needs, at their preferred (reference) sizes when all of them fit, else at
 * the smallest sizes that hold what they must, without the slots kept for
 * features that are off. With the defaults this reproduces the reference layout:
 * hub 10.200.0.0/26, .64/27, .128/26; spoke nodes 10.240.0.0/22, ingress
 * 10.240.4.0/28, … Application Gateway 10.240.5.0/24.
 */
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, inputWarning } from '../diagnostics.js';
import type { Cidr } from '../cidr.js';
import { blockSize, cidr, contains, firstFree, formatCidr, overlaps, prefixFor, size } from '../cidr.js';
import type { SubnetNeed } from './needs.js';
import { AZURE_RESERVED, usable } from './needs.js';

export interface PlacedSubnet {
  readonly need: SubnetNeed;
  readonly prefix: Cidr;
  /** True when Baseplate chose the prefix. */
  readonly allocated: boolean;
}

export type LayoutResult =
  | { readonly ok: true; readonly subnets: readonly PlacedSubnet[]; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The smallest prefix length that holds what the subnet must (never below Azure's minimums). */
function compactPrefix(need: SubnetNeed): number {
  return Math.min(need.minSizePrefix, prefixFor(need.required + AZURE_RESERVED));
}

export function layoutSubnets(
  space: Cidr,
  spacePath: ConfigPath,
  needs: readonly SubnetNeed[],
): LayoutResult {
  const problems: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const given: PlacedSubnet[] = [];
  for (const need of needs) {
    if (need.given === undefined) continue;
    const prefix = cidr(need.given);
    const problem = checkGiven(need, prefix, space, given);
    if (problem)
      problems.push(inputError('ip-plan/subnet', need.path, problem.message, problem.fix, need.given));
    if (need.recommendedPrefix !== undefined && prefix.prefix > need.recommendedPrefix) {
      warnings.push(
        inputWarning(
          'ip-plan/small-subnet',
          need.path,
          `is smaller than the /${need.recommendedPrefix} Microsoft recommends for ${need.name}`,
          `Use a /${need.recommendedPrefix} or larger where the address space allows.`,
        ),
      );
    }
    given.push({ need, prefix, allocated: false });
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const open = needs.filter((need) => need.given === undefined);
  const preferred = place(space, given, open, (need) => Math.min(need.preferredPrefix, compactPrefix(need)));
  const compact = preferred.ok
    ? preferred
    : place(
        space,
        given,
        open.filter((need) => need.inUse),
        compactPrefix,
      );
  if (!compact.ok)
    return { ok: false, diagnostics: [noRoom(space, spacePath, given, compact.unplaced, needs)] };
  const order = new Map(needs.map((need, i) => [need, i]));
  const rank = (subnet: PlacedSubnet) => order.get(subnet.need) ?? 0;
  return { ok: true, subnets: [...given, ...compact.placed].sort((a, b) => rank(a) - rank(b)), warnings };
}

type Placement = { ok: true; placed: PlacedSubnet[] } | { ok: false; unplaced: SubnetNeed };

function place(
  space: Cidr,
  given: readonly PlacedSubnet[],
  open: readonly SubnetNeed[],
  sizeOf: (need: SubnetNeed) => number,
): Placement {
  const taken = given.map((subnet) => subnet.prefix);
  const placed: PlacedSubnet[] = [];
  for (const need of open) {
    const block = firstFree(space, taken, sizeOf(need));
    if (!block) return { ok: false, unplaced: need };
    taken.push(block);
    placed.push({ need, prefix: block, allocated: true });
  }
  return { ok: true, placed };
}

function noRoom(
  space: Cidr,
  path: ConfigPath,
  given: readonly PlacedSubnet[],
  unplaced: SubnetNeed,
  needs: readonly SubnetNeed[],
): Diagnostic {
  const total = needs
    .filter((need) => need.inUse || need.given !== undefined)
    .reduce((sum, need) => sum + blockSize(need.given ? cidr(need.given).prefix : compactPrefix(need)), 0);
  const largeEnough = size(space) >= total;
  return inputError(
    'ip-plan/space-too-small',
    path,
    `has no room left for ${unplaced.name} (a /${compactPrefix(unplaced)}); its subnets need at least ${total} addresses`,
    largeEnough && given.length > 0
      ? 'Move the given subnets so that the others fit between them, or leave them out to have them allocated.'
      : `Use a larger address space, at least a /${prefixFor(total)}.`,
    formatCidr(space),
  );
}

function checkGiven(
  need: SubnetNeed,
  prefix: Cidr,
  space: Cidr,
  earlier: readonly PlacedSubnet[],
): { message: string; fix: string } | undefined {
  if (!contains(space, prefix)) {
    return {
      message: `lies outside the network's address space ${formatCidr(space)}`,
      fix: `Choose a prefix inside ${formatCidr(space)}, or leave it out to have one allocated.`,
    };
  }
  if (prefix.prefix > need.minSizePrefix) {
    return {
      message: `is smaller than ${need.name} allows: /${need.minSizePrefix} or larger (${need.holds})`,
      fix: `Use a /${need.minSizePrefix} or larger.`,
    };
  }
  if (usable(prefix.prefix) < need.required) {
    return {
      message: `has ${usable(prefix.prefix)} usable addresses; it must hold ${need.required}: ${need.holds}`,
      fix: `Use a /${compactPrefix(need)} or larger, or reduce what it must hold.`,
    };
  }
  const clash = earlier.find((other) => overlaps(other.prefix, prefix));
  if (clash) {
    return {
      message: `overlaps ${clash.need.name} (${formatCidr(clash.prefix)})`,
      fix: 'Give each subnet its own range.',
    };
  }
  return undefined;
}
