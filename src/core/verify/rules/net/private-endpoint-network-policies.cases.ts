import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { subnet } from './builders.js';
import rule from './private-endpoint-network-policies.js';

const endpointSubnet = (p: Parameters<typeof subnet>[0]) =>
  subnet(p, '-00-', 'snet-privatelink')['properties'] as Json;

export default casesOf(rule, {
  pass: [
    { title: "the baseline's private endpoint subnet", input: baseline() },
    {
      title: 'NetworkSecurityGroupEnabled',
      input: baseline(
        (p) => (endpointSubnet(p)['privateEndpointNetworkPolicies'] = 'NetworkSecurityGroupEnabled'),
      ),
    },
  ],
  fail: [
    {
      title: 'network policies unset (Disabled, the default)',
      input: baseline((p) => delete endpointSubnet(p)['privateEndpointNetworkPolicies']),
      message: 'policies',
    },
    {
      title: 'network policies Disabled',
      input: baseline((p) => (endpointSubnet(p)['privateEndpointNetworkPolicies'] = 'Disabled')),
      message: 'policies',
    },
  ],
  notApplicable: [{ title: 'no private endpoint', input: template(cluster({})) }],
  unknown: [
    {
      title: 'network policies from a parameter',
      input: baseline((p) => (endpointSubnet(p)['privateEndpointNetworkPolicies'] = HIDDEN)),
      message: 'unresolved',
    },
  ],
});
