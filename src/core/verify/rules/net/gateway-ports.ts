/** The internet reaches Application Gateway on 443 only. */
import { azureReachability } from '../../azure-reachability.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1004',
  id: 'net/gateway-ports',
  title: 'The internet reaches Application Gateway on 443 only',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: { section: 'Ingress traffic flow', quote: 'The client sends an HTTPS request to the domain name' },
  why: 'Any other frontend port is a way in that is not HTTPS.',
  fix: 'Keep one frontend port, 443.',
  messages: { openOn: 'open on {ports}' },
  check: (inventory, say) => {
    const gateways = ofType(inventory, 'Microsoft.Network/applicationGateways');
    return azureReachability(inventory)
      .exposed.filter((e) => e.kind === 'application gateway')
      .map((e) => {
        // An exposure names its gateway, then the public IP address: `<gateway> (<address>)`.
        const source = gateways.find((g) => e.resource.startsWith(`${label(g)} (`))?.source;
        // A port deployment computes may be 443, unless a known one already is not.
        return e.ports.some((p) => p !== 'TCP/443' && p !== 'unknown')
          ? outcome('fail', e.resource, say('openOn', { ports: e.ports.join(', ') }), source)
          : e.dependsOn !== undefined
            ? outcome('unknown', e.resource, say('unresolved', { value: e.dependsOn }), source)
            : outcome('pass', e.resource, undefined, source);
      });
  },
});
