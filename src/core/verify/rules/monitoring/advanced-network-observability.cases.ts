import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import rule from './advanced-network-observability.js';

const advanced = (advancedNetworking: Json) => template(cluster({ networkProfile: { advancedNetworking } }));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster, without advanced networking", input: baseline() },
    {
      title: 'advanced networking on, its observability turned off',
      input: advanced({ enabled: true, observability: { enabled: false } }),
    },
    {
      title: 'observability turned off, whatever the switch from a parameter',
      input: advanced({ enabled: HIDDEN, observability: { enabled: false } }),
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
  unknown: [
    { title: 'advanced networking on or off from a parameter', input: advanced({ enabled: HIDDEN }) },
    {
      title: 'advanced networking on, its observability from a parameter',
      input: advanced({ enabled: true, observability: { enabled: HIDDEN } }),
    },
  ],
});
