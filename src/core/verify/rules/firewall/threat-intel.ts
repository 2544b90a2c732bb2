/** The firewall policy denies traffic to and from known-malicious addresses, not only alerts on it. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1048',
    id: 'firewall/threat-intel',
    title: 'The firewall policy denies known-malicious traffic',
    severity: 'warning',
    pillar: 'Security',
    area: 'egress',
    spec: { section: 'Egress traffic flow', quote: 'the built-in threat intelligence rules' },
    why: 'In Alert mode, traffic to known command-and-control addresses still flows.',
    fix: 'Set threatIntelMode to Deny.',
    messages: { notDeny: 'threatIntelMode: {mode}' },
  },
  'Microsoft.Network/firewallPolicies',
  'properties.threatIntelMode',
  (mode) => mode === 'Deny',
  (mode, say) => say('notDeny', { mode: String(mode ?? 'Alert') }),
);
