import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './network-policy.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's azure network policy", input: baseline() }],
  fail: [
    {
      title: 'no network policy',
      input: baseline((p) => ((p.cluster()['networkProfile'] as Json)['networkPolicy'] = 'none')),
      message: 'none',
    },
    {
      title: 'a network profile naming no engine',
      input: withSetting('networkProfile.networkPlugin', 'azure'),
      message: 'none',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'the engine from a parameter', input: withSetting('networkProfile.networkPolicy', HIDDEN) },
  ],
});
