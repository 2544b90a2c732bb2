/** No node pool gives its nodes public IP addresses. */
import { poolRule } from '../select.js';

export default poolRule(
  {
    ref: 'BP1015',
    id: 'aks/node-public-ip',
    title: 'Nodes have no public IP addresses',
    severity: 'error',
    pillar: 'Security',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'all egress traffic from the cluster moves through Firewall',
    },
    why: 'A node with its own public address bypasses the firewall and is reachable from the internet.',
    fix: 'Set enableNodePublicIP to false.',
    messages: { publicIp: 'enableNodePublicIP is true' },
  },
  () => true,
  'enableNodePublicIP',
  (on) => on !== true,
  (_, say) => say('publicIp'),
);
