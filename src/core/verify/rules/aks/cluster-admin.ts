/** Someone administers the cluster: with local accounts off, an Entra group or role assignment is the only way in. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { isProduction, label, objectsIn, ofKind, ofType, outcome, valuesIn } from '../select.js';

const ASSIGNMENTS = 'Microsoft.Authorization/roleAssignments';
/** Learn, "Azure built-in roles": the two Azure RBAC roles that administer a cluster's Kubernetes objects. */
const ADMIN_ROLES = [
  'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', // Azure Kubernetes Service RBAC Cluster Admin
  '3498e952-d568-435e-9b2c-8d77e338d7f7', // Azure Kubernetes Service RBAC Admin
];

export default absentWhenWhole(
  [ASSIGNMENTS],
  defineRule({
    ref: 'BP1137',
    id: 'aks/cluster-admin',
    title: 'Someone administers the cluster',
    severity: 'info',
    pillar: 'Operational Excellence',
    area: 'identity',
    spec: {
      section: 'Cluster access',
      quote: 'Microsoft Entra integration also simplifies security for outside-in access.',
    },
    why: 'With local accounts disabled, an Entra admin group (Kubernetes RBAC) or an Azure RBAC admin role assignment is the only way to administer the cluster: with neither, nobody can fix it when GitOps cannot, until an owner of the subscription assigns a role under pressure.',
    fix: 'Name the administrators: an Entra group with the Azure Kubernetes Service RBAC Cluster Admin role on the cluster (in Baseplate: spokes[].cluster.entra.adminGroupObjectIds), or in aadProfile.adminGroupObjectIDs without Azure RBAC.',
    messages: { nobody: 'no admin group and no admin role assignment: nobody will administer the cluster' },
    check: (inventory, say) => {
      const admins = ofType(inventory, ASSIGNMENTS).filter((a) => {
        const role = String(at(a.body, 'properties.roleDefinitionId') ?? '').toLowerCase();
        return ADMIN_ROLES.some((id) => role.endsWith(id));
      });
      const bindings = ofKind(inventory, 'ClusterRoleBinding').filter(
        // People, not service accounts: an Entra group or user bound to cluster-admin.
        (b) =>
          at(b.body, 'roleRef.name') === 'cluster-admin' &&
          objectsIn(at(b.body, 'subjects')).some((s) => s['kind'] === 'Group' || s['kind'] === 'User'),
      );
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters')
        .filter(isProduction)
        .map((cluster) => {
          const groups = at(cluster.body, 'properties.aadProfile.adminGroupObjectIDs');
          if (valuesIn(groups).length > 0 || admins.length > 0 || bindings.length > 0)
            return outcome('pass', label(cluster), undefined, cluster.source);
          if (isUnresolved(groups))
            return outcome(
              'unknown',
              label(cluster),
              say('unresolved', { value: String(groups) }),
              cluster.source,
            );
          return outcome('fail', label(cluster), say('nobody'), cluster.source);
        });
    },
  }),
);
