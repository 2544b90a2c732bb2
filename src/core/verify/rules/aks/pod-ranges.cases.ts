import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, spokeNetwork, template } from '../cases.js';
import { noCluster } from './builders.js';
import rule from './pod-ranges.js';

const profile = (p: { cluster(): Json }) => p.cluster()['networkProfile'] as Json;
const ranges = (podCidr: unknown, serviceCidr = '172.16.0.0/16') =>
  cluster({ networkProfile: { podCidr, serviceCidr } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ranges outside every network", input: baseline() },
    { title: 'a cluster naming no ranges', input: template(cluster({}), spokeNetwork()) },
  ],
  fail: [
    {
      title: 'pods inside the spoke',
      input: baseline((p) => (profile(p)['podCidr'] = '10.240.0.0/16')),
      message: 'overlaps',
    },
    {
      title: 'services inside the spoke',
      input: template(ranges('192.168.0.0/16', '10.240.8.0/24'), spokeNetwork()),
      message: 'overlaps',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    { title: 'the pod range from a parameter', input: template(ranges(HIDDEN), spokeNetwork()) },
    {
      title: "a network's address space from a parameter",
      input: template(
        ranges('192.168.0.0/16'),
        resource('Microsoft.Network/virtualNetworks', 'vnet', { addressSpace: { addressPrefixes: HIDDEN } }),
      ),
    },
  ],
});
