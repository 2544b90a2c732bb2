/** Application Gateway accepts TLS 1.2 or later only, by a predefined policy or a minimum version. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { judgeAny, label, ofType } from '../select.js';

export default defineRule({
  ref: 'BP1044',
  id: 'appgw/tls-policy',
  title: 'Application Gateway accepts TLS 1.2 or later only',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: {
    section: 'Ingress traffic flow',
    quote: 'TLS v1.2 is the minimum allowed version with a restricted set of ciphers.',
  },
  why: 'TLS 1.0 and 1.1 are broken and retired by Azure.',
  fix: 'Use the predefined policy AppGwSslPolicy20220101S, or a custom policy with minProtocolVersion TLSv1_2.',
  messages: { weakPolicy: 'sslPolicy: {policy}' },
  // Either a predefined policy of TLS 1.2 or later, or a minimum version that is: a known one settles it.
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Network/applicationGateways').map((gateway) => {
      const policy = at(gateway.body, 'properties.sslPolicy');
      const judged = judgeAny(
        label(gateway),
        [
          [
            at(policy, 'policyName'),
            (name) =>
              ['AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20170401S'].includes(
                String(name),
              ),
          ],
          [at(policy, 'minProtocolVersion'), (version) => ['TLSv1_2', 'TLSv1_3'].includes(String(version))],
        ],
        () => say('weakPolicy', { policy: JSON.stringify(policy ?? 'default') }),
        gateway.source,
      );
      return judged.status === 'pass' ? judged : { ...judged, path: 'properties.sslPolicy' };
    }),
});
