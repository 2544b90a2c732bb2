import { HIDDEN, casesOf, cluster, clusterOnSpoke, resource, spokeNetwork, template } from '../cases.js';
import rule from './cluster-admin.js';

const CLUSTER_ADMIN = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';
const admin = resource(
  'Microsoft.Authorization/roleAssignments',
  'admin',
  {
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${CLUSTER_ADMIN}`,
    principalId: '11111111-2222-3333-4444-555555555555',
  },
  { scope: 'Microsoft.ContainerService/managedClusters/aks' },
);

export default casesOf(rule, {
  pass: [
    { title: 'an admin group with RBAC Cluster Admin on the cluster', input: template(cluster({}), admin) },
    {
      title: 'an admin group in the Entra profile (Kubernetes RBAC)',
      input: template(
        cluster({ aadProfile: { adminGroupObjectIDs: ['11111111-2222-3333-4444-555555555555'] } }),
      ),
    },
  ],
  fail: [
    {
      title: 'a whole deployment with no admin group and no admin role',
      input: template(clusterOnSpoke({ name: 'pool', mode: 'System' }), spokeNetwork()),
      message: 'nobody',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: template(spokeNetwork()) },
    { title: 'a dev cluster', input: template(cluster({}, { tags: { environment: 'dev' } })) },
  ],
  unknown: [
    {
      title: 'the cluster alone: its roles may be assigned elsewhere',
      input: template(cluster({})),
      message: 'notWhole',
    },
    {
      title: 'admin groups from a parameter',
      input: template(cluster({ aadProfile: { adminGroupObjectIDs: HIDDEN } }), spokeNetwork()),
    },
  ],
});
