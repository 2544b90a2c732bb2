import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './local-accounts.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's cluster, local accounts off", input: baseline() }],
  fail: [
    {
      title: 'local accounts enabled',
      input: baseline((p) => (p.cluster()['disableLocalAccounts'] = false)),
      message: 'enabled',
    },
    {
      title: 'a cluster that does not say keeps them',
      input: withSetting('dnsPrefix', 'aks'),
      message: 'enabled',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [{ title: 'local accounts from a parameter', input: withSetting('disableLocalAccounts', HIDDEN) }],
});
