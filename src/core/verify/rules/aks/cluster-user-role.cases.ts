import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './cluster-user-role.js';

const READER = '7f6c6a51-bcf8-42ba-9220-52d62157d7db';
const USER = '4abbcc35-e782-43d8-92c5-2d3f1bd2253f';
const GROUP = '66666666-7777-8888-9999-000000000000';
const CLUSTER = 'Microsoft.ContainerService/managedClusters/aks';
const assignment = (name: string, role: string, scope: string, principalId: unknown = GROUP) =>
  resource(
    'Microsoft.Authorization/roleAssignments',
    name,
    { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId },
    { scope },
  );

export default casesOf(rule, {
  pass: [
    {
      title: 'a namespace reader who also holds the Cluster User Role',
      input: template(
        cluster({}),
        assignment('user', USER, CLUSTER),
        assignment('reader', READER, `${CLUSTER}/namespaces/app`),
      ),
    },
  ],
  fail: [
    {
      title: 'a reader with no way to fetch a kubeconfig',
      input: template(cluster({}), assignment('reader', READER, CLUSTER)),
      message: 'noUserRole',
    },
  ],
  notApplicable: [
    { title: 'the baseline: no reader group configured', input: baseline() },
    { title: 'no role assignment', input: template(cluster({})) },
  ],
  unknown: [
    {
      title: 'the principal from a parameter',
      input: template(cluster({}), assignment('reader', READER, CLUSTER, HIDDEN)),
    },
  ],
});
