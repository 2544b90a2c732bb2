import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './linux-os.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Azure Linux system pool", input: baseline() },
    { title: 'CBLMariner is Azure Linux', input: baseline((p) => (p.pool(0)['osSKU'] = 'CBLMariner')) },
    { title: 'Mariner is Azure Linux', input: baseline((p) => (p.pool(0)['osSKU'] = 'Mariner')) },
    { title: 'Ubuntu', input: withPools({ name: 'sys', mode: 'System', osSKU: 'Ubuntu2204' }) },
    { title: 'a system pool that does not say', input: withPools({ name: 'sys', mode: 'System' }) },
  ],
  fail: [
    {
      title: 'a Windows system pool',
      input: baseline((p) => (p.pool(0)['osSKU'] = 'Windows2022')),
      message: 'notLinux',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    { title: 'user pools only', input: withPools({ name: 'win', mode: 'User', osSKU: 'Windows2022' }) },
  ],
  unknown: [{ title: 'the OS from a parameter', input: baseline((p) => (p.pool(0)['osSKU'] = HIDDEN)) }],
});
