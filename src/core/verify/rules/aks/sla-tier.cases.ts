import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { noCluster } from './builders.js';
import rule from './sla-tier.js';

const AKS = 'Microsoft.ContainerService/managedClusters';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Standard tier", input: baseline() },
    { title: 'the Premium tier', input: template(cluster({}, { sku: { name: 'Base', tier: 'Premium' } })) },
  ],
  fail: [
    {
      title: 'the Free tier in production',
      input: baseline((p) => ((p.resource(AKS)['sku'] as Record<string, unknown>)['tier'] = 'Free')),
      message: 'free',
    },
    { title: 'no tier named: Free', input: template(cluster({})), message: 'free' },
    {
      title: 'the Free tier, tagged Production (names compared without regard to case)',
      input: template(cluster({}, { sku: { tier: 'Free' }, tags: { environment: 'Production' } })),
      message: 'free',
    },
    {
      title: 'the Free tier, the environment tag from a parameter (production advice applies)',
      input: template(cluster({}, { sku: { tier: 'Free' }, tags: { environment: "[parameters('env')]" } })),
      message: 'free',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    {
      title: 'the Free tier in preproduction',
      input: template(cluster({}, { sku: { tier: 'Free' }, tags: { environment: 'dev' } })),
    },
  ],
  unknown: [{ title: 'the tier from a parameter', input: template(cluster({}, { sku: { tier: HIDDEN } })) }],
});
