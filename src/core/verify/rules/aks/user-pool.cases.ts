import {
  HIDDEN,
  baseline,
  casesOf,
  cluster,
  clusterOnSpoke,
  resource,
  spokeNetwork,
  template,
} from '../cases.js';
import rule from './user-pool.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's system and user pools", input: baseline() },
    {
      title: 'a user pool declared as a resource of its own',
      input: template(
        cluster({ agentPoolProfiles: [{ name: 'sys', mode: 'System' }] }),
        resource('Microsoft.ContainerService/managedClusters/agentPools', 'aks/user', { mode: 'User' }),
      ),
    },
  ],
  fail: [
    {
      title: 'one pool naming no mode (the System pool AKS requires), in a whole deployment',
      input: template(clusterOnSpoke({ name: 'pool' }), spokeNetwork()),
      message: 'noUserPool',
    },
    {
      title: 'system pools only, in a whole deployment',
      input: template(
        clusterOnSpoke({ name: 'a', mode: 'System' }, { name: 'b', mode: 'System' }),
        spokeNetwork(),
      ),
      message: 'noUserPool',
    },
    {
      title: "the baseline's user pool made a system pool",
      input: baseline((p) => (p.pool(1)['mode'] = 'System')),
      message: 'noUserPool',
    },
  ],
  notApplicable: [
    {
      title: 'a preproduction cluster',
      input: template(
        cluster({ agentPoolProfiles: [{ name: 'a', mode: 'System' }] }, { tags: { environment: 'dev' } }),
      ),
    },
  ],
  unknown: [
    {
      title: 'system pools only, the cluster alone: a user pool may be a resource elsewhere',
      input: template(clusterOnSpoke({ name: 'a', mode: 'System' })),
      message: 'notWhole',
    },
    { title: 'pools from a parameter', input: template(cluster({ agentPoolProfiles: HIDDEN })) },
    {
      title: "the baseline's user pool given as an expression",
      input: baseline((p) => ((p.cluster()['agentPoolProfiles'] as unknown[])[1] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: 'two pools, one naming no mode',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', mode: 'System' }, { name: 'b' }] })),
      message: 'modeUnnamed',
    },
  ],
});
