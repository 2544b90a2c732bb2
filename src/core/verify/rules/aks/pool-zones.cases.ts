import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './pool-zones.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's pools in three zones", input: baseline() },
    {
      title: 'a pool declared as a resource of its own, in two zones',
      input: template(
        cluster({}),
        resource('Microsoft.ContainerService/managedClusters/agentPools', 'aks/user', {
          availabilityZones: ['1', '2'],
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'a pool in one zone',
      input: baseline((p) => (p.pool(1)['availabilityZones'] = ['1'])),
      message: 'oneZone',
    },
    { title: 'a pool naming no zones', input: withPools({ name: 'pool' }), message: 'oneZone' },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the zones from a parameter',
      input: baseline((p) => (p.pool(1)['availabilityZones'] = HIDDEN)),
    },
  ],
});
