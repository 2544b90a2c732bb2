/** No container adds a capability beyond the Baseline list (Pod Security Standards, Baseline). */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { BASELINE, everyContainer, perPod, substituted } from './pods.js';

/** The capabilities the Baseline profile lets a container add (Pod Security Standards, Baseline, "Capabilities"). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export default defineRule({
  ref: 'BP1104',
  id: 'k8s/added-capabilities',
  title: 'No container adds a capability beyond the Baseline list (such as SYS_ADMIN or NET_ADMIN)',
  severity: 'error',
  pillar: 'Security',
  area: 'workload',
  spec: BASELINE,
  why: 'The Pod Security Standards Baseline profile forbids "Adding additional capabilities beyond those listed below": SYS_ADMIN alone is nearly root on the node, NET_ADMIN rewrites its network, SYS_PTRACE reads other processes.',
  fix: `Remove the capability from securityContext.capabilities.add; only ${[...BASELINE_CAPABILITIES].join(', ')} may be added.`,
  messages: { added: '{capabilities}' },
  check: (inventory, say) =>
    perPod(
      inventory,
      ({ pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        for (const container of everyContainer(pod)) {
          const added = at(container, 'securityContext.capabilities.add');
          if (substituted(added)) unknown.push(`${String(container['name'])}: ${String(added)}`);
          for (const capability of Array.isArray(added) ? added : []) {
            if (substituted(capability)) unknown.push(`${String(container['name'])}: ${String(capability)}`);
            // Compared as written, as Pod Security Admission does (kubernetes/kubernetes,
            // staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go):
            // `chown` or `CAP_CHOWN` is refused by the baseline level though the runtime reads it.
            else if (!BASELINE_CAPABILITIES.has(String(capability)))
              problems.push(`${String(container['name'])} adds ${String(capability)}`);
          }
        }
        return { problems, unknown };
      },
      (capabilities) => say('added', { capabilities }),
    ),
});
