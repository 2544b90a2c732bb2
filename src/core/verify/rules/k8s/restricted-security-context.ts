/** Every container runs restricted: not privileged, no escalation, all capabilities dropped, not as root. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { recordIn, valuesIn } from '../select.js';
import { perContainer } from './workloads.js';

export default defineRule({
  ref: 'BP1079',
  id: 'k8s/restricted-security-context',
  title: 'Containers run restricted: no privilege, no escalation, all capabilities dropped',
  severity: 'warning',
  pillar: 'Security',
  area: 'workload',
  spec: { section: 'Policy management', quote: 'The restrictive initiative is assigned' },
  why: 'The restricted pod security standard is what the cluster audits; a privileged container owns its node.',
  fix: 'Set privileged false, allowPrivilegeEscalation false, capabilities.drop [ALL] and runAsNonRoot true.',
  messages: { notRestricted: '{containers}' },
  check: (inventory, say) =>
    perContainer(
      inventory,
      (c, pod) => {
        const context = recordIn(c['securityContext']);
        const problems = [
          context['privileged'] === true ? 'privileged' : undefined,
          context['allowPrivilegeEscalation'] !== false ? 'privilege escalation allowed' : undefined,
          !valuesIn(at(context, 'capabilities.drop')).includes('ALL')
            ? 'capabilities not all dropped'
            : undefined,
          // The container's setting, when it has one, overrides the pod's.
          (context['runAsNonRoot'] ?? at(pod, 'securityContext.runAsNonRoot')) !== true
            ? 'may run as root'
            : undefined,
        ].filter((p) => p !== undefined);
        return problems.length > 0 ? problems.join(', ') : undefined;
      },
      (containers) => say('notRestricted', { containers }),
      { init: true },
    ),
});
