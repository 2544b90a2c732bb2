import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './user-pool-size.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's user pool of two nodes", input: baseline() },
    { title: 'two nodes without autoscaling', input: withPools({ name: 'user', mode: 'User', count: 2 }) },
    {
      title: 'autoscaling on or off from a parameter, 2 nodes either way',
      input: withPools({ name: 'p', mode: 'User', enableAutoScaling: HIDDEN, minCount: 2, count: 2 }),
    },
  ],
  fail: [
    {
      title: 'autoscaling on or off from a parameter, 1 node either way',
      input: withPools({ name: 'p', mode: 'User', enableAutoScaling: HIDDEN, minCount: 1, count: 1 }),
      message: 'tooFew',
    },
    { title: 'one user node', input: baseline((p) => (p.pool(1)['minCount'] = 1)), message: 'tooFew' },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    { title: 'system pools only', input: withPools({ name: 'sys', mode: 'System', count: 1 }) },
    {
      title: 'a sole pool naming no mode: the System pool AKS requires',
      input: withPools({ name: 'pool', count: 1 }),
    },
    {
      title: 'a preproduction user pool',
      input: withPools({ name: 'user', mode: 'User', count: 1, tags: { environment: 'test' } }),
    },
  ],
  unknown: [
    { title: 'the minimum from a parameter', input: baseline((p) => (p.pool(1)['minCount'] = HIDDEN)) },
    {
      title: 'one node in a pool naming no mode, beside a system pool',
      input: withPools({ name: 'sys', mode: 'System', count: 3 }, { name: 'pool', count: 1 }),
    },
    {
      title: 'one node in a pool whose mode is an expression',
      input: withPools({ name: 'pool', mode: HIDDEN, count: 1 }),
    },
    {
      title: 'no minimum, and the count from a parameter',
      input: withPools({ name: 'p', mode: 'User', count: HIDDEN }),
    },
    {
      title: 'autoscaling on or off from a parameter, with a minimum of 1 and a count of 2',
      input: withPools({ name: 'p', mode: 'User', enableAutoScaling: HIDDEN, minCount: 1, count: 2 }),
    },
  ],
});
