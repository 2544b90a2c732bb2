import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './workspace-local-auth.js';

const TYPE = 'Microsoft.OperationalInsights/workspaces';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workspaces", input: baseline() },
    {
      title: 'local authentication disabled',
      input: template(resource(TYPE, 'log', { features: { disableLocalAuth: true } })),
    },
  ],
  fail: [
    {
      title: 'features not stated: shared keys work',
      input: template(resource(TYPE, 'log', {})),
      message: 'localAuth',
    },
    {
      title: "the baseline's spoke workspace with local authentication on",
      input: baseline((p) => (p.properties(TYPE, 1)['features'] = { disableLocalAuth: false })),
      message: 'localAuth',
    },
  ],
  notApplicable: [{ title: 'no workspace', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the flag from a parameter',
      input: template(resource(TYPE, 'log', { features: { disableLocalAuth: HIDDEN } })),
    },
  ],
});
