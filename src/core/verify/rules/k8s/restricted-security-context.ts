/** Every container runs restricted: not privileged, no escalation, all capabilities dropped, not as root. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { allContainers, recordIn, valuesIn } from '../select.js';
import { perPod } from './pods.js';
import { substituted } from './workloads.js';

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
    perPod(
      inventory,
      ({ pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        for (const c of allContainers(pod)) {
          const context = recordIn(c['securityContext']);
          const found: string[] = [];
          const hidden: string[] = [];
          // A setting Flux substitutes may be the literal asked for: known once it does.
          const judge = (value: unknown, bad: boolean, problem: string) => {
            if (substituted(value)) hidden.push(String(value));
            else if (bad) found.push(problem);
          };
          judge(context['privileged'], context['privileged'] === true, 'privileged');
          judge(
            context['allowPrivilegeEscalation'],
            context['allowPrivilegeEscalation'] !== false,
            'privilege escalation allowed',
          );
          const drop = at(context, 'capabilities.drop');
          const dropped = valuesIn(drop);
          const dropHidden = substituted(drop) ? drop : dropped.find((v) => substituted(v));
          if (!dropped.includes('ALL')) {
            if (dropHidden !== undefined) hidden.push(String(dropHidden));
            else found.push('capabilities not all dropped');
          }
          // The container's setting, when it has one, overrides the pod's.
          const nonRoot = context['runAsNonRoot'] ?? at(pod, 'securityContext.runAsNonRoot');
          // The restricted standard asks for runAsNonRoot: true whatever runAsUser says (Pod Security
          // Standards, Restricted, "Running as Non-root"): a runAsUser of 1000 without it still fails,
          // and the reason is the missing setting, not root.
          judge(
            nonRoot,
            nonRoot !== true,
            nonRoot === undefined ? 'runAsNonRoot not set' : `runAsNonRoot: ${String(nonRoot)}`,
          );
          const name = String(c['name']);
          if (found.length > 0) problems.push(`${name}: ${found.join(', ')}`);
          else if (hidden.length > 0) unknown.push(`${name}: ${hidden.join(', ')}`);
        }
        return { problems, unknown };
      },
      (containers) => say('notRestricted', { containers }),
    ),
});
