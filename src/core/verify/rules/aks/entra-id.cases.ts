import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './entra-id.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's cluster on Entra ID", input: baseline() }],
  fail: [
    { title: 'no Entra ID', input: baseline((p) => delete p.cluster()['aadProfile']), message: 'off' },
    { title: 'managed false', input: withSetting('aadProfile.managed', false), message: 'off' },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [{ title: 'Entra ID from a parameter', input: withSetting('aadProfile.managed', HIDDEN) }],
});
