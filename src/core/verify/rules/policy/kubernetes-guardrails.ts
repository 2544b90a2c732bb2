/**
 * The Kubernetes policies beyond the pod security initiative are assigned:
 * read-only root file systems, no hostPath volumes and no Service external IPs
 * denied; the endpoint edit permission (CVE-2021-25740) and the default
 * namespace audited. Definitions: github.com/Azure/azure-policy
 * built-in-policies/policyDefinitions/Kubernetes/ (AllowedHostPaths.json,
 * AllowedExternalIPs.json, BlockEndpointEditDefaultRole.json, BlockDefaultNamespace.json),
 * as mspnp/aks-baseline workload-team/modules/policies.bicep assigns them.
 */
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { label, ofType, outcome } from '../select.js';
import type { Requirement } from './assignments.js';
import { ASSIGNMENTS, assignments, meets } from './assignments.js';

const REQUIRED: readonly Requirement[] = [
  { anyOf: [{ id: 'df49d893-a74c-421d-bc95-c663042e5b80', name: 'read-only root file system' }], deny: true },
  { anyOf: [{ id: '098fc59e-46c7-4d99-9b16-64990e543d75', name: 'allowed host paths' }], deny: true },
  { anyOf: [{ id: 'd46c275d-1680-448d-b2ec-e495a3b6cc89', name: 'allowed external IPs' }], deny: true },
  // The definition allows Audit only.
  {
    anyOf: [{ id: '1ddac26b-ed48-4c30-8cc5-3a68c79b8001', name: 'no endpoint edit (CVE-2021-25740)' }],
    deny: false,
  },
  { anyOf: [{ id: '9f061a12-e40d-4183-a00e-171812443373', name: 'no default namespace' }], deny: false },
];

export default absentWhenWhole(
  [ASSIGNMENTS],
  defineRule({
    ref: 'BP1111',
    id: 'policy/kubernetes-guardrails',
    title: 'The Kubernetes policies beyond the initiative are assigned',
    severity: 'warning',
    pillar: 'Security',
    area: 'policy',
    spec: {
      section: 'Policy management',
      quote: "The implementation also sets extra policies that aren't part of any built-in initiatives.",
    },
    why: 'The restricted initiative, in Audit mode, lets a writable root file system, a node path mounted into a pod or a Service with external IPs run; the edit role may still forward across namespaces through Endpoints.',
    fix: 'Assign, with Deny: read-only root file system, allowed host paths (none), allowed external IPs (none); with Audit: no endpoint edit permissions, no default namespace.',
    messages: {
      missing: 'no assignment of {policies}',
      notDenied: '{policies} not in Deny mode',
    },
    check: (inventory, say) => {
      const all = assignments(inventory);
      const verdict = meets(all, REQUIRED);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) =>
        verdict.status === 'pass'
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : verdict.status === 'fail'
            ? outcome(
                'fail',
                label(cluster),
                say(verdict.why, { policies: verdict.policies }),
                cluster.source,
              )
            : outcome('unknown', label(cluster), say('unresolved', { value: verdict.value }), cluster.source),
      );
    },
  }),
);
