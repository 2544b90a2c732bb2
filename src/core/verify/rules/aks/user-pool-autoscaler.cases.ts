import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './user-pool-autoscaler.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's autoscaled user pool", input: baseline() }],
  fail: [
    {
      title: 'no autoscaler on the user pool',
      input: baseline((p) => (p.pool(1)['enableAutoScaling'] = false)),
      message: 'off',
    },
    {
      title: 'a user pool that does not say',
      input: withPools({ name: 'user', mode: 'User' }),
      message: 'off',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    { title: 'system pools only', input: withPools({ name: 'sys', mode: 'System' }) },
  ],
  unknown: [
    {
      title: 'autoscaling from a parameter',
      input: baseline((p) => (p.pool(1)['enableAutoScaling'] = HIDDEN)),
    },
  ],
});
