import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { GATEWAY, gateway } from '../azure-builders.js';
import rule from './tls-policy.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway", input: baseline() },
    {
      title: 'a policy name from a parameter, with a known minimum of TLS 1.2',
      input: template(
        gateway({ sslPolicy: { policyType: 'Custom', policyName: HIDDEN, minProtocolVersion: 'TLSv1_2' } }),
      ),
    },
    {
      title: 'the predefined policy AppGwSslPolicy20220101S',
      input: template(
        gateway({ sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' } }),
      ),
    },
  ],
  fail: [
    {
      title: 'a predefined policy that allows TLS 1.0',
      input: baseline(
        (p) =>
          (p.properties(GATEWAY)['sslPolicy'] = {
            policyType: 'Predefined',
            policyName: 'AppGwSslPolicy20150501',
          }),
      ),
      message: 'weakPolicy',
    },
    {
      title: 'a custom policy of minimum TLS 1.0',
      input: template(gateway({ sslPolicy: { policyType: 'Custom', minProtocolVersion: 'TLSv1_0' } })),
      message: 'weakPolicy',
    },
    { title: 'no TLS policy: the default', input: template(gateway({})), message: 'weakPolicy' },
  ],
  notApplicable: [{ title: 'no gateway', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the policy name from a parameter',
      input: baseline(
        (p) => ((p.properties(GATEWAY)['sslPolicy'] as Record<string, unknown>)['policyName'] = HIDDEN),
      ),
    },
  ],
});
