/** Every subnet that starts connections sends its internet traffic to the firewall. */
import { azureReachability } from '../../azure-reachability.js';
import { defineRule } from '../../rule.js';
import { outcome, subnets } from '../select.js';

const DEPENDS = 'depends on ';

export default defineRule({
  ref: 'BP1003',
  id: 'net/subnet-egress',
  title: 'Every subnet that starts connections sends internet traffic to the firewall',
  severity: 'error',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Egress traffic flow',
    quote: 'we recommend that all egress traffic from the cluster communicates through Azure Firewall',
  },
  why: 'A subnet on the default route reaches the internet uninspected.',
  fix: 'Associate a route table with 0.0.0.0/0 → the firewall (VirtualAppliance) with the subnet.',
  messages: {
    // What azure-reachability.ts found: no route table, no default route, or a default route elsewhere.
    direct: '{route}',
    // A route table that is not among the inputs, or named by an ID deployment computes.
    cannotTell: '{why}',
  },
  check: (inventory, say) => {
    // azureReachability() judges the subnets in the order subnets() lists them.
    const all = subnets(inventory);
    return azureReachability(inventory).subnets.map((s, i) => {
      const source = all[i]?.source;
      if (s.egress === 'direct') return outcome('fail', s.subnet, say('direct', { route: s.detail }), source);
      if (s.egress !== 'unknown') return outcome('pass', s.subnet, undefined, source);
      return s.detail.startsWith(DEPENDS)
        ? outcome('unknown', s.subnet, say('unresolved', { value: s.detail.slice(DEPENDS.length) }), source)
        : outcome('unknown', s.subnet, say('cannotTell', { why: s.detail }), source);
    });
  },
});
