import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster, withSetting } from './builders.js';
import rule from './api-server-access.js';

const access = (p: { cluster(): Json }) => p.cluster()['apiServerAccessProfile'] as Json;

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ranges of the firewall's addresses", input: baseline() },
    { title: 'a private cluster', input: withSetting('apiServerAccessProfile.enablePrivateCluster', true) },
    {
      title: 'private or not from a parameter, with authorized ranges either way',
      input: baseline((p) => (access(p)['enablePrivateCluster'] = HIDDEN)),
    },
  ],
  fail: [
    {
      title: 'an API server open to all',
      input: baseline((p) => (access(p)['authorizedIPRanges'] = [])),
      message: 'open',
    },
    {
      title: 'an API server open to 0.0.0.0/0',
      input: baseline((p) => (access(p)['authorizedIPRanges'] = ['0.0.0.0/0'])),
      message: 'open',
    },
    { title: 'a public cluster naming no ranges', input: withSetting('dnsPrefix', 'aks'), message: 'open' },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the ranges from a parameter',
      input: baseline((p) => (access(p)['authorizedIPRanges'] = HIDDEN)),
      message: 'rangesUnresolved',
    },
    {
      title: 'private or not from a parameter, and no ranges',
      input: withSetting('apiServerAccessProfile.enablePrivateCluster', HIDDEN),
    },
  ],
});
