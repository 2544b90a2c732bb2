import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './kubernetes-rbac.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster", input: baseline() },
    { title: 'enableRBAC true', input: template(cluster({ enableRBAC: true })) },
    { title: 'enableRBAC unset: AKS turns it on', input: template(cluster({})) },
  ],
  fail: [
    { title: 'enableRBAC false', input: template(cluster({ enableRBAC: false })), message: 'off' },
    {
      title: "the baseline's cluster with RBAC off",
      input: baseline((p) => (p.cluster()['enableRBAC'] = false)),
      message: 'off',
    },
  ],
  notApplicable: [
    {
      title: 'no cluster',
      input: template(resource('Microsoft.Network/applicationGateways', 'agw', { sku: { tier: 'WAF_v2' } })),
    },
  ],
  unknown: [{ title: 'enableRBAC from a parameter', input: template(cluster({ enableRBAC: HIDDEN })) }],
});
