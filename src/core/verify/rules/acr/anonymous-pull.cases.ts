import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { REGISTRY, registry } from '../azure-builders.js';
import rule from './anonymous-pull.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry", input: baseline() },
    { title: 'anonymousPullEnabled unset', input: template(registry({})) },
  ],
  fail: [
    {
      title: 'anonymous pull on',
      input: baseline((p) => (p.properties(REGISTRY)['anonymousPullEnabled'] = true)),
      message: 'on',
    },
  ],
  notApplicable: [{ title: 'no registry', input: template(cluster({})) }],
  unknown: [
    { title: 'anonymous pull from a parameter', input: template(registry({ anonymousPullEnabled: HIDDEN })) },
  ],
});
