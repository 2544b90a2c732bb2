import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf } from '../cases.js';
import { noCluster } from './builders.js';
import rule from './workload-identity.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's OIDC issuer and workload identity", input: baseline() }],
  fail: [
    {
      title: 'no workload identity',
      input: baseline((p) => delete (p.cluster()['securityProfile'] as Json)['workloadIdentity']),
      message: 'off',
    },
    {
      title: 'no OIDC issuer',
      input: baseline((p) => delete p.cluster()['oidcIssuerProfile']),
      message: 'off',
    },
    {
      title: 'the OIDC issuer from an expression, workload identity off',
      input: baseline((p) => {
        p.cluster()['oidcIssuerProfile'] = HIDDEN;
        ((p.cluster()['securityProfile'] as Json)['workloadIdentity'] as Json)['enabled'] = false;
      }),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: 'the OIDC issuer from an expression',
      input: baseline((p) => (p.cluster()['oidcIssuerProfile'] = HIDDEN)),
    },
    {
      title: 'workload identity from a parameter',
      input: baseline(
        (p) => (((p.cluster()['securityProfile'] as Json)['workloadIdentity'] as Json)['enabled'] = HIDDEN),
      ),
    },
  ],
});
