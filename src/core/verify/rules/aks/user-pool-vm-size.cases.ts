import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './user-pool-vm-size.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's DS4_v2 user pool", input: baseline() },
    {
      title: 'a D4ds_v5 user pool',
      input: withPools({ name: 'user', mode: 'User', vmSize: 'Standard_D4ds_v5' }),
    },
  ],
  fail: [
    {
      title: 'a two-vCPU user pool',
      input: baseline((p) => (p.pool(1)['vmSize'] = 'Standard_B2s')),
      message: 'small',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    {
      title: 'a small system pool only',
      input: withPools({ name: 'sys', mode: 'System', vmSize: 'Standard_B2s' }),
    },
    {
      title: 'a small preproduction user pool',
      input: withPools({ name: 'user', mode: 'User', vmSize: 'Standard_B2s', tags: { environment: 'dev' } }),
    },
  ],
  unknown: [
    {
      title: 'a small pool naming no mode beside another pool: either mode',
      input: baseline((p) => delete p.pool(0)['mode']),
    },
    {
      title: 'the small system pool, its mode an expression',
      input: baseline((p) => (p.pool(0)['mode'] = HIDDEN)),
    },
    {
      title: 'the size from a parameter',
      input: baseline((p) => (p.pool(1)['vmSize'] = HIDDEN)),
      message: 'sizeNotNamed',
    },
    { title: 'no size named', input: withPools({ name: 'user', mode: 'User' }), message: 'sizeNotNamed' },
    {
      title: 'a size Baseplate does not know',
      input: withPools({ name: 'user', mode: 'User', vmSize: 'Standard_Unheard_v9' }),
      message: 'sizeNotKnown',
    },
  ],
});
