import { baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './public-ips.js';

const PIP = 'Microsoft.Network/publicIPAddresses';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's addresses, of the firewall, Bastion and the gateway", input: baseline() },
    {
      title: "an address in the gateway's frontend",
      input: template(
        resource(PIP, 'pip-agw', {}),
        resource('Microsoft.Network/applicationGateways', 'agw', {
          frontendIPConfigurations: [
            {
              name: 'public',
              properties: { publicIPAddress: { id: "[resourceId('" + PIP + "', 'pip-agw')]" } },
            },
          ],
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'a stray public IP beside the baseline',
      input: baseline((p) =>
        p.add({
          type: PIP,
          name: 'pip-jumpbox',
          id: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-jumpbox',
          body: { type: PIP, name: 'pip-jumpbox', properties: {} },
          source: 'x.json',
        }),
      ),
      message: 'unowned',
    },
    {
      title: 'a public IP used by nothing',
      input: template(resource(PIP, 'pip-vm', {})),
      message: 'unowned',
    },
  ],
  notApplicable: [{ title: 'no public IP', input: template(cluster({})) }],
  unknown: {
    never:
      'an address is a resource of its own, owned when the firewall, Bastion or a gateway among the inputs names it: nothing hidden decides it',
  },
});
