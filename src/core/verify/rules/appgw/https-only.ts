/** Application Gateway's listeners are all HTTPS: none carries traffic in the clear. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import type { Condition } from '../select.js';
import { judgeAll, label, ofType } from '../select.js';

export default defineRule({
  ref: 'BP1045',
  id: 'appgw/https-only',
  title: 'Application Gateway listens on HTTPS only',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: { section: 'Ingress traffic flow', quote: 'The client sends an HTTPS request' },
  why: 'A plain HTTP listener carries credentials and cookies in the clear.',
  fix: 'Remove HTTP listeners; redirect HTTP to HTTPS if clients need it.',
  messages: { httpListener: 'a listener on HTTP' },
  // One known HTTP listener fails the gateway; a protocol only deployment knows may be HTTP.
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/applicationGateways').map((gateway) => {
      const listeners = at(gateway.body, 'properties.httpListeners');
      return judgeAll(
        label(gateway),
        [
          [listeners, Array.isArray],
          ...(Array.isArray(listeners) ? listeners : []).map((l): Condition => [
            at(l, 'properties.protocol'),
            (protocol) => protocol === 'Https',
          ]),
        ],
        () => say('httpListener'),
        gateway.source,
      );
    }),
});
