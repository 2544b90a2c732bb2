import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { REGISTRY, registry } from '../azure-builders.js';
import rule from './private.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry", input: baseline() },
    {
      title: 'public network access Disabled',
      input: template(registry({ publicNetworkAccess: 'Disabled' })),
    },
  ],
  fail: [
    {
      title: 'a public registry',
      input: baseline((p) => (p.properties(REGISTRY)['publicNetworkAccess'] = 'Enabled')),
      message: 'publicAccess',
    },
    { title: 'public network access unset: Enabled', input: template(registry({})), message: 'publicAccess' },
  ],
  notApplicable: [{ title: 'no registry', input: template(cluster({})) }],
  unknown: [{ title: 'access from a parameter', input: template(registry({ publicNetworkAccess: HIDDEN })) }],
});
