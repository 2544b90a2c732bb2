import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { REGISTRY, registry } from '../azure-builders.js';
import rule from './zone-redundancy.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry", input: baseline() },
    { title: 'zoneRedundancy Enabled', input: template(registry({ zoneRedundancy: 'Enabled' })) },
  ],
  fail: [
    {
      title: 'one zone',
      input: baseline((p) => (p.properties(REGISTRY)['zoneRedundancy'] = 'Disabled')),
      message: 'oneZone',
    },
    { title: 'zoneRedundancy unset: Disabled', input: template(registry({})), message: 'oneZone' },
  ],
  notApplicable: [{ title: 'no registry', input: template(cluster({})) }],
  unknown: [
    { title: 'zone redundancy from a parameter', input: template(registry({ zoneRedundancy: HIDDEN })) },
  ],
});
