import type { Json } from '../../inventory.js';
import { baseline, casesOf, cluster, template } from '../cases.js';
import { GATEWAY, gatewayListening } from '../azure-builders.js';
import rule from './unique-host-names.js';

/** Serves shop.contoso.com twice: HTTP redirected to HTTPS, on one gateway. */
const redirect = gatewayListening(
  'agw-a',
  { protocol: 'Http', hostName: 'shop.contoso.com' },
  { protocol: 'Https', hostNames: ['shop.contoso.com'] },
);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway", input: baseline() },
    {
      title: 'one gateway serving a name on two listeners, another serving another name',
      input: template(redirect, gatewayListening('agw-b', { hostNames: ['www.contoso.com'] })),
    },
  ],
  fail: [
    {
      title: "a second spoke's gateway serving the baseline's host name",
      input: baseline((p) => {
        const body = JSON.parse(JSON.stringify(p.resource(GATEWAY))) as Json;
        const original = p.inventory.azure.find((r) => r.type === GATEWAY);
        if (!original) throw new Error('no gateway');
        body['name'] = 'agw-bu0001a0008-01-preprod-eus2';
        p.add({ ...original, name: String(body['name']), id: undefined, body });
      }),
      message: 'shared',
    },
    {
      title: "another gateway's wildcard matches the name",
      input: template(redirect, gatewayListening('agw-b', { hostNames: ['*.contoso.com'] })),
      message: 'shared',
    },
    {
      title: 'another gateway serves the name in other case',
      input: template(redirect, gatewayListening('agw-b', { hostName: 'SHOP.contoso.com' })),
      message: 'shared',
    },
  ],
  notApplicable: [{ title: 'no gateway', input: template(cluster({})) }],
  unknown: [
    {
      title: "another gateway's host names from a parameter",
      input: template(redirect, gatewayListening('agw-b', { hostNames: "[parameters('hostNames')]" })),
    },
  ],
});
