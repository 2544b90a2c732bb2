import type { Json } from '../../inventory.js';
import { baseline, casesOf, cluster, template } from '../cases.js';
import { vault } from './builders.js';
import rule from './advanced-network-observability.js';

const advanced = (advancedNetworking: Json) => template(cluster({ networkProfile: { advancedNetworking } }));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster, without advanced networking", input: baseline() },
    {
      title: 'advanced networking on, its observability turned off',
      input: advanced({ enabled: true, observability: { enabled: false } }),
    },
  ],
  fail: [
    {
      title: 'advanced networking on',
      input: baseline(
        (p) =>
          ((p.cluster()['networkProfile'] as Json)['advancedNetworking'] = {
            enabled: true,
            observability: { enabled: true },
          }),
      ),
      message: 'on',
    },
    {
      title: 'advanced networking on, observability left to its default (on)',
      input: advanced({ enabled: true }),
      message: 'on',
    },
    {
      title: 'observability turned on by itself',
      input: advanced({ observability: { enabled: true } }),
      message: 'on',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: {
    never:
      'it is advice given only where the template turns advanced networking on: a switch only deployment knows is not taken for on, and the cluster passes',
  },
});
