import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './system-pool-size.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's system pool of three nodes", input: baseline() },
    { title: 'three nodes without autoscaling', input: withPools({ name: 'sys', mode: 'System', count: 3 }) },
  ],
  fail: [
    { title: 'two system nodes', input: baseline((p) => (p.pool(0)['minCount'] = 2)), message: 'tooFew' },
    {
      title: 'one node without autoscaling',
      input: withPools({ name: 'sys', mode: 'System', count: 1 }),
      message: 'tooFew',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    {
      title: 'a preproduction system pool',
      input: withPools({ name: 'sys', mode: 'System', count: 1, tags: { environment: 'dev' } }),
    },
    { title: 'user pools only', input: withPools({ name: 'user', mode: 'User', count: 1 }) },
  ],
  unknown: [
    { title: 'the minimum from a parameter', input: baseline((p) => (p.pool(0)['minCount'] = HIDDEN)) },
  ],
});
