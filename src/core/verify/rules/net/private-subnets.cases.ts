import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { subnet, vnet } from './builders.js';
import rule from './private-subnets.js';

const sub = (name: string, properties: Json): Json => ({
  name,
  properties: { addressPrefix: '10.0.0.0/24', ...properties },
});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's subnets, hub and spoke", input: baseline() },
    {
      title: 'a subnet with defaultOutboundAccess false',
      input: template(vnet('vnet', '10.0.0.0/16', [sub('snet', { defaultOutboundAccess: false })])),
    },
    {
      title: 'a subnet declared as a resource of its own, private',
      input: template(
        resource('Microsoft.Network/virtualNetworks/subnets', 'vnet/snet', {
          addressPrefix: '10.0.0.0/24',
          defaultOutboundAccess: false,
        }),
      ),
    },
  ],
  fail: [
    {
      title: "the baseline's node subnet keeps default outbound access",
      input: baseline((p) => {
        (subnet(p, '-00-', 'snet-nodes')['properties'] as Json)['defaultOutboundAccess'] = true;
      }),
      message: 'open',
    },
    {
      title: 'defaultOutboundAccess left out: Azure gives the subnet default outbound access',
      input: template(vnet('vnet', '10.0.0.0/16', [sub('snet', {})])),
      message: 'open',
    },
  ],
  notApplicable: [
    { title: 'no subnet', input: template(cluster({})) },
    { title: 'a network without subnets', input: template(vnet('vnet', '10.0.0.0/16', [])) },
  ],
  unknown: [
    {
      title: 'defaultOutboundAccess from a parameter',
      input: template(vnet('vnet', '10.0.0.0/16', [sub('snet', { defaultOutboundAccess: HIDDEN })])),
    },
  ],
});
