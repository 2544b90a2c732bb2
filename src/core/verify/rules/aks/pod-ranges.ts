/** The cluster's pod and service ranges overlap no virtual network's address space. */
import { overlaps, parseCidr } from '../../../cidr.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome, valuesIn } from '../select.js';

const RANGES = ['podCidr', 'serviceCidr'] as const;

export default defineRule({
  ref: 'BP1032',
  id: 'aks/pod-ranges',
  title: "Pod and service ranges overlap no network's address space",
  severity: 'error',
  pillar: 'Reliability',
  area: 'network',
  spec: {
    section: 'Pod IP address space',
    quote:
      "Use an IP address space that doesn't overlap with your virtual network or any peered virtual networks.",
  },
  why: 'An overlap makes the addresses of the overlapping network unreachable from the pods.',
  fix: 'Choose podCidr and serviceCidr outside every virtual network and connected network.',
  messages: { overlaps: '{overlaps}' },
  check: (inventory, say) => {
    const prefixes = ofType(inventory, 'Microsoft.Network/virtualNetworks').flatMap((n) => {
      const list = at(n.body, 'properties.addressSpace.addressPrefixes');
      return (isUnresolved(list) ? [list] : valuesIn(list)).map((p) => ({
        network: label(n),
        prefix: String(p),
        parsed: parseCidr(String(p)),
      }));
    });
    // An address space only deployment knows may be the one a range overlaps.
    const hiddenSpace = prefixes.find((s) => isUnresolved(s.prefix))?.prefix;
    // Clusters share their ranges more often than not: each range is compared with the spaces once.
    const found = new Map<string, string[]>();
    const clashesOf = (range: string): string[] => {
      const known = found.get(range);
      if (known) return known;
      const parsed = parseCidr(range);
      const clashes = !parsed.ok
        ? []
        : prefixes
            .filter((s) => s.parsed.ok && overlaps(s.parsed.cidr, parsed.cidr))
            .map((s) => `${range} overlaps ${s.prefix} of ${s.network}`);
      found.set(range, clashes);
      return clashes;
    };
    return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
      const target = label(cluster);
      const ranges = RANGES.map((key) => ({
        path: `properties.networkProfile.${key}`,
        range: String(at(cluster.body, `properties.networkProfile.${key}`) ?? ''),
      })).filter((r) => r.range !== '');
      const clashing = ranges.map((r) => ({ ...r, clashes: clashesOf(r.range) }));
      const first = clashing.find((r) => r.clashes.length > 0);
      if (first)
        return {
          ...outcome(
            'fail',
            target,
            say('overlaps', { overlaps: clashing.flatMap((r) => r.clashes).join('; ') }),
            cluster.source,
          ),
          path: first.path,
        };
      const hiddenRange = ranges.find((r) => isUnresolved(r.range));
      if (hiddenRange)
        return {
          ...outcome('unknown', target, say('unresolved', { value: hiddenRange.range }), cluster.source),
          path: hiddenRange.path,
        };
      if (ranges.length > 0 && hiddenSpace !== undefined)
        return outcome('unknown', target, say('unresolved', { value: hiddenSpace }), cluster.source);
      return outcome('pass', target, undefined, cluster.source);
    });
  },
});
