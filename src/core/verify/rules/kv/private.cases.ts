import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { VAULT, vault } from '../azure-builders.js';
import rule from './private.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's vault", input: baseline() },
    { title: 'public network access Disabled', input: template(vault({ publicNetworkAccess: 'Disabled' })) },
  ],
  fail: [
    {
      title: 'a public vault',
      input: baseline((p) => (p.properties(VAULT)['publicNetworkAccess'] = 'Enabled')),
      message: 'publicAccess',
    },
    { title: 'public network access unset: Enabled', input: template(vault({})), message: 'publicAccess' },
  ],
  notApplicable: [{ title: 'no vault', input: template(cluster({})) }],
  unknown: [{ title: 'access from a parameter', input: template(vault({ publicNetworkAccess: HIDDEN })) }],
});
