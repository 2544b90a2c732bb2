import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { noCluster } from './builders.js';
import rule from './cni-overlay.js';

const profile = (p: { cluster(): Json }) => p.cluster()['networkProfile'] as Json;

export default casesOf(rule, {
  pass: [{ title: "the baseline's Azure CNI Overlay", input: baseline() }],
  fail: [
    {
      title: 'flat Azure CNI',
      input: baseline((p) => delete profile(p)['networkPluginMode']),
      message: 'notOverlay',
    },
    {
      title: 'kubenet',
      input: template(cluster({ networkProfile: { networkPlugin: 'kubenet' } })),
      message: 'notOverlay',
    },
    {
      title: 'the plugin from an expression, without overlay',
      input: baseline((p) => {
        profile(p)['networkPlugin'] = HIDDEN;
        delete profile(p)['networkPluginMode'];
      }),
      message: 'notOverlay',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the plugin from an expression',
      input: baseline((p) => (profile(p)['networkPlugin'] = HIDDEN)),
    },
  ],
});
