import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './system-pool-size.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's system pool of three nodes", input: baseline() },
    { title: 'three nodes without autoscaling', input: withPools({ name: 'sys', mode: 'System', count: 3 }) },
    {
      title: 'autoscaling on or off from a parameter, 3 nodes either way',
      input: withPools({ name: 'p', mode: 'System', enableAutoScaling: HIDDEN, minCount: 3, count: 3 }),
    },
  ],
  fail: [
    {
      title: 'autoscaling on or off from a parameter, 1 node either way',
      input: withPools({ name: 'p', mode: 'System', enableAutoScaling: HIDDEN, minCount: 1, count: 1 }),
      message: 'tooFew',
    },
    { title: 'two system nodes', input: baseline((p) => (p.pool(0)['minCount'] = 2)), message: 'tooFew' },
    {
      title: 'one node without autoscaling',
      input: withPools({ name: 'sys', mode: 'System', count: 1 }),
      message: 'tooFew',
    },
    {
      title: 'one node in a pool tagged PROD',
      input: withPools({ name: 'sys', mode: 'System', count: 1, tags: { environment: 'PROD' } }),
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
    {
      title: 'no minimum, and the count from a parameter',
      input: withPools({ name: 'p', mode: 'System', count: HIDDEN }),
    },
    {
      title: 'autoscaling on or off from a parameter, with a minimum of 1 and a count of 3',
      input: withPools({ name: 'p', mode: 'System', enableAutoScaling: HIDDEN, minCount: 1, count: 3 }),
    },
  ],
});
