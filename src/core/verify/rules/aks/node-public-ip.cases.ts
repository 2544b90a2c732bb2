import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './node-public-ip.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's pools without public IPs", input: baseline() },
    { title: 'a pool that does not say', input: withPools({ name: 'pool' }) },
  ],
  fail: [
    {
      title: 'nodes with public IPs',
      input: baseline((p) => (p.pool(1)['enableNodePublicIP'] = true)),
      message: 'publicIp',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'public IPs from a parameter',
      input: baseline((p) => (p.pool(1)['enableNodePublicIP'] = HIDDEN)),
    },
  ],
});
