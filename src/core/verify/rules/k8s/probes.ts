/** Every container of a serving workload has readiness and liveness probes. */
import { defineRule } from '../../rule.js';
import { perContainer } from './workloads.js';

export default defineRule({
  ref: 'BP1074',
  id: 'k8s/probes',
  title: 'Every container has readiness and liveness probes',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'workload',
  spec: {
    section: 'Enable self-healing',
    quote: 'Monitor the health of pods by setting liveness and readiness probes.',
  },
  why: 'Without probes, a hung pod keeps receiving traffic and is never restarted. Deployment Safeguards flag it.',
  fix: 'Add readinessProbe and livenessProbe to every container.',
  messages: { missing: '{containers}' },
  check: (inventory, say) =>
    perContainer(
      inventory,
      (c) =>
        c['readinessProbe'] && c['livenessProbe'] ? undefined : 'a readiness or liveness probe is missing',
      (containers) => say('missing', { containers }),
      { scope: 'serving' },
    ),
});
