/** Rules on who may do what inside the cluster, and where workloads run: Kubernetes RBAC on, and a user node pool. */
import type { Rule } from '../rule.js';
import { at, isUnresolved } from '../../arm-values.js';
import { absentWhenWhole } from './completeness.js';
import { isProduction, label, ofType, outcome, pools, propertyRule, valuesIn } from './select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';

export const CLUSTER_ACCESS_RULES: readonly Rule[] = [
  propertyRule(
    {
      id: 'aks/kubernetes-rbac',
      title: 'Kubernetes RBAC is on',
      severity: 'error',
      area: 'identity',
      spec: {
        section: 'Associate Kubernetes RBAC with Microsoft Entra ID',
        quote: 'Kubernetes supports RBAC through:',
      },
      why: 'With enableRBAC false, every identity the API server authenticates may do anything: no Role, binding or Azure RBAC assignment limits it, and it cannot be turned on without recreating the cluster (PSRule for Azure, Azure.AKS.UseRBAC).',
      fix: 'Leave properties.enableRBAC unset or true (it is fixed at creation: redeploy the cluster with it on).',
    },
    AKS,
    'properties.enableRBAC',
    // AKS turns RBAC on when the template does not say (Microsoft.ContainerService managedClusters, enableRBAC).
    (on) => on === undefined || on === true,
    () => 'enableRBAC: false',
  ),
  // A user pool is often a resource of its own, in another template: missing, it is a finding in a whole deployment.
  absentWhenWhole(['Microsoft.ContainerService/managedClusters/agentPools'], {
    id: 'aks/user-pool',
    title: 'The cluster has a user node pool for its workloads',
    severity: 'error',
    area: 'cluster',
    spec: {
      section: 'Cluster nodes',
      quote:
        'Isolate your application from the system services by placing it in a separate node pool, referred to as a user node pool.',
    },
    why: 'With system pools only, every workload runs beside CoreDNS and the other critical add-ons, and either the workload tolerates the CriticalAddonsOnly taint or the system pool is left untainted.',
    fix: 'Add an agent pool with mode User (the cluster autoscaler on, two nodes or more) and schedule the workloads there.',
    check: (inventory) => {
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
            return outcome('unknown', label(cluster), `depends on ${String(hidden)}`, cluster.source);
          // A sole pool is the System pool AKS requires (managedClusters, agentPoolProfiles mode: "A cluster must
          // have at least one 'System' Agent Pool at all times"); beside others, a pool naming no mode may be either.
          if (own.length > 1 && own.includes(undefined))
            return outcome('unknown', label(cluster), 'a node pool names no mode', cluster.source);
          return outcome(
            'fail',
            label(cluster),
            `pools: ${own.map((m) => String(m ?? 'System')).join(', ') || 'none'}`,
            cluster.source,
          );
        });
    },
  }),
];
