import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './secrets-store-csi.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's secrets provider", input: baseline() }],
  fail: [
    {
      title: 'no secrets provider',
      input: baseline((p) => delete (p.cluster()['addonProfiles'] as Json)['azureKeyvaultSecretsProvider']),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the add-on from a parameter',
      input: withSetting('addonProfiles.azureKeyvaultSecretsProvider.enabled', HIDDEN),
    },
  ],
});
