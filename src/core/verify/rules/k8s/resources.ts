/** Every container states its CPU and memory requests and limits. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { perContainer } from './workloads.js';

export default defineRule({
  ref: 'BP1075',
  id: 'k8s/resources',
  title: 'Every container states its CPU and memory requests and limits',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'workload',
  spec: { section: 'Pod availability', quote: 'Set pod requests and limits' },
  why: 'Without requests the scheduler overcommits nodes; without limits one pod can starve the others. Deployment Safeguards flag it.',
  fix: 'Set resources.requests and resources.limits (cpu and memory) on every container.',
  messages: { missing: '{containers}' },
  check: (inventory, say) =>
    perContainer(
      inventory,
      (c) => {
        const missing = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].filter(
          (path) => at(c, `resources.${path}`) === undefined,
        );
        return missing.length > 0 ? `no ${missing.join(', ')}` : undefined;
      },
      (containers) => say('missing', { containers }),
    ),
});
