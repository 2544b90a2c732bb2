import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { noCluster, withPools } from './builders.js';
import rule from './system-pool-taint.js';

const TAINT = 'CriticalAddonsOnly=true:NoSchedule';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's tainted system pool", input: baseline() },
    {
      title: 'a tainted system pool declared as a resource of its own',
      input: template(
        cluster({}),
        resource('Microsoft.ContainerService/managedClusters/agentPools', 'aks/sys', {
          mode: 'System',
          nodeTaints: [TAINT],
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'the system pool loses its taint',
      input: baseline((p) => delete p.pool(0)['nodeTaints']),
      message: 'untainted',
    },
    {
      title: 'a sole pool naming no mode: the System pool AKS requires, untainted',
      input: withPools({ name: 'pool' }),
      message: 'untainted',
    },
    {
      title: 'another taint only',
      input: baseline((p) => (p.pool(0)['nodeTaints'] = ['a=b:NoSchedule'])),
      message: 'untainted',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: noCluster },
    { title: 'user pools only', input: withPools({ name: 'user', mode: 'User' }) },
    { title: 'a gateway pool', input: withPools({ name: 'gw', mode: 'Gateway' }) },
  ],
  unknown: [
    { title: 'a taint from an expression', input: baseline((p) => (p.pool(0)['nodeTaints'] = [HIDDEN])) },
    {
      title: 'the taints from a parameter',
      input: withPools({ name: 'sys', mode: 'System', nodeTaints: HIDDEN }),
    },
    {
      title: 'an untainted pool naming no mode beside a system pool: either mode',
      input: withPools({ name: 'sys', mode: 'System', nodeTaints: [TAINT] }, { name: 'pool' }),
    },
    {
      title: 'an untainted pool whose mode is an expression',
      input: baseline((p) => {
        p.pool(0)['mode'] = HIDDEN;
        delete p.pool(0)['nodeTaints'];
      }),
    },
  ],
});
