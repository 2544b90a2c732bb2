import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './cost-analysis.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const on = { metricsProfile: { costAnalysis: { enabled: true } } };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster", input: baseline() },
    { title: 'cost analysis on, Standard tier', input: template(cluster(on, { sku: { tier: 'Standard' } })) },
  ],
  fail: [
    {
      title: 'no cost analysis',
      input: baseline((p) => delete p.cluster()['metricsProfile']),
      message: 'off',
    },
    { title: 'no cost analysis, no tier named', input: template(cluster({})), message: 'off' },
  ],
  notApplicable: [
    {
      title: 'the Free tier, which has no cost analysis',
      input: baseline((p) => {
        delete p.cluster()['metricsProfile'];
        (p.resource(AKS)['sku'] as Json)['tier'] = 'Free';
      }),
    },
    { title: 'no cluster', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) },
  ],
  unknown: [
    {
      title: 'whether it is on from a parameter',
      input: baseline((p) => (p.cluster()['metricsProfile'] = { costAnalysis: { enabled: HIDDEN } })),
    },
    {
      title: 'off, on a tier from a parameter that may be Free',
      input: baseline((p) => {
        delete p.cluster()['metricsProfile'];
        (p.resource(AKS)['sku'] as Json)['tier'] = HIDDEN;
      }),
    },
  ],
});
