import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './azure-policy.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's Azure Policy add-on", input: baseline() }],
  fail: [
    {
      title: 'no Azure Policy add-on',
      input: baseline((p) => delete (p.cluster()['addonProfiles'] as Json)['azurepolicy']),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'the add-on from a parameter', input: withSetting('addonProfiles.azurepolicy.enabled', HIDDEN) },
  ],
});
