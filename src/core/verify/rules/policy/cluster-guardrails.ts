/**
 * The built-in policies on the cluster resource are assigned, so that a
 * cluster changed after deployment is flagged (or refused) rather than drifting
 * silently. Definitions: github.com/Azure/azure-policy
 * built-in-policies/policyDefinitions/Kubernetes/ (AKS_DisableLocalAccounts_Deny.json,
 * AKS_AAD_Integration_Audit.json, AKS_AzurePolicyAddOn_Audit.json, AKS_MSI_Audit.json,
 * AKS_PrivateCluster_Deny.json, …), as mspnp/aks-baseline workload-team/modules/policies.bicep assigns them.
 */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { label, ofType, outcome } from '../select.js';
import type { Requirement, Wanted } from './assignments.js';
import { ASSIGNMENTS, assignments, meets } from './assignments.js';

const P = (id: string, name: string): Wanted => ({ id, name });
const LOCAL_ACCOUNTS = P('993c2fcd-2b29-49d2-9eb0-df2c3a730c32', 'local authentication disabled');
const OTHERS: readonly Requirement[] = [
  { anyOf: [P('450d2877-ebea-41e8-b00c-e286317d21bf', 'Entra ID integration')], deny: false },
  { anyOf: [P('a1840de2-8088-4ea8-b153-b4c723e9cb01', 'Defender profile')], deny: false },
  { anyOf: [P('0a15ec92-a229-4763-bb14-0ea34a568f8d', 'Azure Policy add-on')], deny: false },
  {
    anyOf: [
      P('0e246bcf-5f6f-4f87-bc6f-775d4712c7ea', 'authorized IP ranges'),
      P('040732e8-d947-40b8-95d6-854c95024bf8', 'private cluster'),
    ],
    deny: false,
  },
  { anyOf: [P('fb893a29-21bb-418c-a157-e99480ec364c', 'non-vulnerable Kubernetes version')], deny: false },
  { anyOf: [P('ac4a19c2-fa67-49b4-8ae5-0b2e78c49457', 'Kubernetes RBAC')], deny: false },
  { anyOf: [P('da6e2401-19da-4532-9141-fb8fbde08431', 'managed identities')], deny: false },
];

export default absentWhenWhole(
  [ASSIGNMENTS],
  defineRule({
    ref: 'BP1110',
    id: 'policy/cluster-guardrails',
    title: 'The built-in policies on the cluster resource are assigned',
    severity: 'warning',
    pillar: 'Security',
    area: 'policy',
    spec: {
      section: 'Policy management',
      quote: 'choose other policies for the cluster and the resources',
    },
    why: 'Checked only when planned, a cluster changed after deployment (local accounts back on, Defender or the policy add-on off, the API server opened) drifts silently.',
    fix: 'Assign the built-in AKS policies: local authentication disabled (Deny), Entra ID integration, Defender profile, Azure Policy add-on, authorized IP ranges or private cluster, non-vulnerable Kubernetes version, Kubernetes RBAC, managed identities (Audit).',
    messages: {
      missing: 'no assignment of {policies}',
      notDenied: '{policies} not in Deny mode, while the cluster disables local accounts',
    },
    check: (inventory, say) => {
      const all = assignments(inventory);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
        // Deny where the cluster turns local accounts off; a cluster that keeps them would be refused.
        const deny = at(cluster.body, 'properties.disableLocalAccounts') === true;
        const verdict = meets(all, [{ anyOf: [LOCAL_ACCOUNTS], deny }, ...OTHERS]);
        return verdict.status === 'pass'
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : verdict.status === 'fail'
            ? outcome(
                'fail',
                label(cluster),
                say(verdict.why, { policies: verdict.policies }),
                cluster.source,
              )
            : outcome('unknown', label(cluster), say('unresolved', { value: verdict.value }), cluster.source);
      });
    },
  }),
);
