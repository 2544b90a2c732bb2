/** The system node pools run a supported Linux: Azure Linux or Ubuntu. */
import { poolValue } from '../select.js';
import { modeRule } from './pool-modes.js';

export default modeRule(
  {
    ref: 'BP1031',
    id: 'aks/linux-os',
    title: 'System pools run a supported Linux: Azure Linux or Ubuntu',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'cluster',
    spec: {
      section: 'Select an operating system',
      quote:
        'In this reference implementation, we use Azure Linux, which is a lightweight, hardened Linux distribution that has been tuned for Azure.',
    },
    why: 'System pools must run Linux; Azure Linux has a smaller attack surface and faster node image updates.',
    fix: 'Set osSKU to AzureLinux (or Ubuntu).',
    messages: { notLinux: 'osSKU: {sku}' },
  },
  'System',
  () => true,
  (pool, say) =>
    poolValue(
      'osSKU',
      // CBLMariner and Mariner are Azure Linux under its former names.
      (sku) =>
        sku === undefined ||
        /^(AzureLinux|AzureLinux3|CBLMariner|Mariner|Ubuntu|Ubuntu2204|Ubuntu2404)$/i.test(String(sku)),
      (sku) => say('notLinux', { sku: String(sku) }),
    )(pool),
);
