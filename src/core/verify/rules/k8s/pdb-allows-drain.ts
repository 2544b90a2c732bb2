/** No PodDisruptionBudget keeps every pod it covers, so that a node can drain. */
import { matches, selectorIn } from '../../network-policy.js';
import { defineRule, unresolved } from '../../rule.js';
import { kubeLabel, ofKind, outcome, recordIn, workloads } from '../select.js';
import { fewestReplicas, substituted } from './workloads.js';

export default defineRule({
  ref: 'BP1081',
  id: 'k8s/pdb-allows-drain',
  title: 'Disruption budgets let a node drain',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'upgrades',
  spec: {
    section: 'In-place upgrades',
    quote: "don't configure the budgets to be so aggressive that they block node upgrades",
  },
  why: 'A budget that allows no disruption blocks every node drain, so upgrades hang.',
  fix: 'Use maxUnavailable: 1, or a minAvailable below the replica minimum.',
  messages: { blocksDrain: 'allows no pod to go' },
  check: (inventory, say) =>
    ofKind(inventory, 'PodDisruptionBudget').map((pdb) => {
      const spec = recordIn(pdb.body['spec']);
      // A selector the API server refuses covers nothing.
      const selector = spec['selector'] === undefined ? {} : selectorIn(spec['selector']);
      // A number at least the replicas of a workload it covers (at its autoscaler's minimum) lets none go.
      const covered = workloads(inventory).filter(
        (w) => w.object.namespace === pdb.namespace && selector !== undefined && matches(selector, w.labels),
      );
      const minAvailable = spec['minAvailable'];
      const noneUnavailable = spec['maxUnavailable'] === 0 || spec['maxUnavailable'] === '0%';
      const blocks =
        noneUnavailable ||
        minAvailable === '100%' ||
        (typeof minAvailable === 'number' &&
          covered.some((w) => {
            const fewest = fewestReplicas(inventory, w);
            return typeof fewest === 'number' && minAvailable >= fewest;
          }));
      // A count at least a replica count Flux substitutes may let none go: known once it does.
      const hidden =
        !blocks && typeof minAvailable === 'number'
          ? covered.map((w) => fewestReplicas(inventory, w)).find((c) => typeof c !== 'number')
          : undefined;
      // A budget whose own bound Flux substitutes may be 0 or 100%.
      const own = (['maxUnavailable', 'minAvailable'] as const).find((key) => substituted(spec[key]));
      if (!blocks && own !== undefined)
        return {
          ...outcome('unknown', kubeLabel(pdb), unresolved(spec[own]), pdb.source),
          path: `spec.${own}`,
        };
      if (hidden !== undefined && typeof hidden !== 'number')
        return {
          ...outcome('unknown', kubeLabel(pdb), unresolved(hidden.substituted), pdb.source),
          path: 'spec.minAvailable',
        };
      return blocks
        ? {
            ...outcome('fail', kubeLabel(pdb), say('blocksDrain'), pdb.source),
            path: noneUnavailable ? 'spec.maxUnavailable' : 'spec.minAvailable',
          }
        : outcome('pass', kubeLabel(pdb), undefined, pdb.source);
    }),
});
