import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { REGISTRY, registry } from '../azure-builders.js';
import rule from './admin-user.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry", input: baseline() },
    { title: 'adminUserEnabled unset', input: template(registry({})) },
  ],
  fail: [
    {
      title: 'the admin user enabled',
      input: baseline((p) => (p.properties(REGISTRY)['adminUserEnabled'] = true)),
      message: 'enabled',
    },
  ],
  notApplicable: [{ title: 'no registry', input: template(cluster({})) }],
  unknown: [
    { title: 'the admin user from a parameter', input: template(registry({ adminUserEnabled: HIDDEN })) },
  ],
});
