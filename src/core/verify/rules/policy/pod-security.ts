/** A pod security initiative of Azure Policy is assigned where the cluster is. */
import { at } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { isUnknownId, label, ofType, outcome } from '../select.js';

export default absentWhenWhole(
  ['Microsoft.Authorization/policyAssignments'],
  defineRule({
    ref: 'BP1063',
    id: 'policy/pod-security',
    title: 'A pod security initiative is assigned to the cluster’s group',
    severity: 'warning',
    pillar: 'Security',
    area: 'policy',
    spec: { section: 'Policy management', quote: 'The restrictive initiative is assigned in Audit mode' },
    why: 'Without it, nobody sees the privileged or root containers that reach the cluster.',
    fix: 'Assign "Kubernetes cluster pod security restricted standards for Linux-based workloads" (42b8ef37-…).',
    messages: { noInitiative: 'no pod security initiative among the inputs' },
    check: (inventory, say) => {
      const initiatives = ['42b8ef37-b724-4e24-bbc8-7a7708edfe00', 'a8640138-9b0a-4a28-b8cb-1666c838647d'];
      const definitions = ofType(inventory, 'Microsoft.Authorization/policyAssignments').map((a) =>
        at(a.body, 'properties.policyDefinitionId'),
      );
      const assigned = definitions.some((definition) =>
        initiatives.some((id) => !isUnknownId(definition) && String(definition).endsWith(id)),
      );
      // An assignment of a definition only deployment knows may be the initiative.
      const hidden = definitions.find(isUnknownId);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) =>
        assigned
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : hidden !== undefined
            ? outcome('unknown', label(cluster), unresolved(hidden), cluster.source)
            : outcome('fail', label(cluster), say('noInitiative'), cluster.source),
      );
    },
  }),
);
