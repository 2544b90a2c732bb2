/** The cluster has a user node pool, so that workloads run apart from the system add-ons. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { isProduction, label, ofType, outcome, pools, valuesIn } from '../select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';

// A user pool is often a resource of its own, in another template: missing, it is a finding in a whole deployment.
export default absentWhenWhole(
  ['Microsoft.ContainerService/managedClusters/agentPools'],
  defineRule({
    ref: 'BP1099',
    id: 'aks/user-pool',
    title: 'The cluster has a user node pool for its workloads',
    severity: 'error',
    pillar: 'Reliability',
    area: 'cluster',
    spec: {
      section: 'Cluster nodes',
      quote:
        'Isolate your application from the system services by placing it in a separate node pool, referred to as a user node pool.',
    },
    why: 'With system pools only, every workload runs beside CoreDNS and the other critical add-ons, and either the workload tolerates the CriticalAddonsOnly taint or the system pool is left untainted.',
    fix: 'Add an agent pool with mode User (the cluster autoscaler on, two nodes or more) and schedule the workloads there.',
    messages: {
      noUserPool: 'pools: {modes}',
      modeUnnamed: 'a node pool names no mode',
    },
    check: (inventory, say) => {
      const all = pools(inventory);
      return ofType(inventory, AKS)
        .filter(isProduction)
        .map((cluster) => {
          const profiles = at(cluster.body, 'properties.agentPoolProfiles');
          const own = all.filter((p) => p.cluster === cluster).map((p) => at(p.body, 'mode'));
          if (own.includes('User')) return outcome('pass', label(cluster), undefined, cluster.source);
          // A pool list, a pool or a mode written as an expression may hold the user pool.
          const hidden = isUnresolved(profiles)
            ? profiles
            : (valuesIn(profiles).find(isUnresolved) ?? own.find((mode) => isUnresolved(mode)));
          if (hidden !== undefined)
            return outcome(
              'unknown',
              label(cluster),
              say('unresolved', { value: String(hidden) }),
              cluster.source,
            );
          // A sole pool is the System pool AKS requires (managedClusters, agentPoolProfiles mode: "A cluster must
          // have at least one 'System' Agent Pool at all times"); beside others, a pool naming no mode may be either.
          if (own.length > 1 && own.includes(undefined))
            return outcome('unknown', label(cluster), say('modeUnnamed'), cluster.source);
          const modes = own.map((m) => String(m ?? 'System')).join(', ') || 'none';
          return outcome('fail', label(cluster), say('noUserPool', { modes }), cluster.source);
        });
    },
  }),
);
