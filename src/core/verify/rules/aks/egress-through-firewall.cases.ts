import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './egress-through-firewall.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's user-defined routing", input: baseline() }],
  fail: [
    {
      title: 'egress through the load balancer',
      input: baseline((p) => ((p.cluster()['networkProfile'] as Json)['outboundType'] = 'loadBalancer')),
      message: 'notRouted',
    },
    {
      title: 'a NAT gateway',
      input: withSetting('networkProfile.outboundType', 'managedNATGateway'),
      message: 'notRouted',
    },
    {
      title: 'no outbound type: a load balancer',
      input: withSetting('networkProfile.networkPlugin', 'azure'),
      message: 'notRouted',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the outbound type from a parameter',
      input: withSetting('networkProfile.outboundType', HIDDEN),
    },
  ],
});
