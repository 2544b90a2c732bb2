import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './container-insights.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's container insights", input: baseline() }],
  fail: [
    {
      title: 'no container insights',
      input: baseline((p) => delete (p.cluster()['addonProfiles'] as Json)['omsagent']),
      message: 'off',
    },
    {
      title: 'the add-on turned off',
      input: withSetting('addonProfiles.omsagent.enabled', false),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'the add-on from a parameter', input: withSetting('addonProfiles.omsagent.enabled', HIDDEN) },
  ],
});
