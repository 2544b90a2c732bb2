import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './max-pods.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's 30 pods per node", input: baseline() },
    { title: 'a pool that does not say gets 110', input: withPools({ name: 'pool' }) },
  ],
  fail: [
    {
      title: 'ten pods per node',
      input: baseline((p) => (p.pool(1)['maxPods'] = 10)),
      message: 'outOfRange',
    },
    {
      title: 'more than AKS allows',
      input: withPools({ name: 'pool', maxPods: 300 }),
      message: 'outOfRange',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'the maximum from a parameter', input: baseline((p) => (p.pool(1)['maxPods'] = HIDDEN)) },
  ],
});
