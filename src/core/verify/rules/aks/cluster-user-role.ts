/** Whoever holds a Kubernetes reader or writer role may also fetch a kubeconfig: the Cluster User Role. */
import { at, isUnresolved } from '../../../arm-values.js';
import type { AzureResource } from '../../inventory.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

const ASSIGNMENTS = 'Microsoft.Authorization/roleAssignments';
/** Learn, "Azure built-in roles": RBAC Reader and RBAC Writer grant no listClusterUserCredential. */
const DATA_ROLES = [
  '7f6c6a51-bcf8-42ba-9220-52d62157d7db', // Azure Kubernetes Service RBAC Reader
  'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', // Azure Kubernetes Service RBAC Writer
];
const CLUSTER_USER = '4abbcc35-e782-43d8-92c5-2d3f1bd2253f'; // Azure Kubernetes Service Cluster User Role

const roleOf = (a: AzureResource) => String(at(a.body, 'properties.roleDefinitionId') ?? '').toLowerCase();
const scopeOf = (a: AzureResource) => String(a.body['scope'] ?? a.id ?? '');

export default defineRule({
  ref: 'BP1136',
  id: 'aks/cluster-user-role',
  title: 'Readers and writers of a cluster hold the Cluster User Role, to fetch a kubeconfig',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'identity',
  spec: {
    section: 'Cluster access',
    quote:
      'Microsoft Entra ID authenticates your identity against the Azure roles that are allowed to get cluster credentials.',
  },
  why: 'The Azure Kubernetes Service RBAC Reader and Writer roles say what a group may do inside the cluster, but not listClusterUserCredential: without the Cluster User Role its members cannot run az aks get-credentials, and the assignment is of no use to them.',
  fix: 'Assign the Azure Kubernetes Service Cluster User Role on the cluster to every principal that holds RBAC Reader or Writer on it or on one of its namespaces.',
  messages: { noUserRole: 'principal {principal} holds no Cluster User Role' },
  check: (inventory, say) => {
    const assignments = ofType(inventory, ASSIGNMENTS);
    const users = assignments.filter((a) => roleOf(a).endsWith(CLUSTER_USER));
    return assignments
      .filter((a) => DATA_ROLES.some((role) => roleOf(a).endsWith(role)))
      .filter((a) => /microsoft\.containerservice\/managedclusters/i.test(scopeOf(a)))
      .map((a) => {
        const principal = at(a.body, 'properties.principalId');
        if (users.some((u) => at(u.body, 'properties.principalId') === principal))
          return outcome('pass', label(a), undefined, a.source);
        if (isUnresolved(principal) || users.some((u) => isUnresolved(at(u.body, 'properties.principalId'))))
          return outcome('unknown', label(a), say('unresolved', { value: String(principal) }), a.source);
        return outcome('fail', label(a), say('noUserRole', { principal: String(principal) }), a.source);
      });
  },
});
