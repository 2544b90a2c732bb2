/** No pod or container runs with seccomp Unconfined (Pod Security Standards, Baseline). */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { BASELINE, everyContainer, perPod, substituted } from './pods.js';

export default defineRule({
  ref: 'BP1105',
  id: 'k8s/seccomp-unconfined',
  title: 'No pod or container runs without a seccomp profile (Unconfined)',
  severity: 'error',
  pillar: 'Security',
  area: 'workload',
  spec: BASELINE,
  why: 'The Pod Security Standards Baseline profile forbids seccomp type Unconfined ("Seccomp profile must not be explicitly set to Unconfined"): without the filter, every system call of the kernel is open to the container.',
  fix: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) on the pod, and remove Unconfined from every container.',
  messages: { unconfined: '{unconfined}' },
  check: (inventory, say) =>
    perPod(
      inventory,
      ({ pod }) => {
        const types: Array<readonly [string, unknown]> = [
          ['the pod', at(pod, 'securityContext.seccompProfile.type')],
          ...everyContainer(pod).map(
            (c) => [String(c['name']), at(c, 'securityContext.seccompProfile.type')] as const,
          ),
        ];
        return {
          problems: types.filter(([, t]) => t === 'Unconfined').map(([who]) => `${who}: seccomp Unconfined`),
          unknown: types.filter(([, t]) => substituted(t)).map(([who, t]) => `${who}: ${String(t)}`),
        };
      },
      (unconfined) => say('unconfined', { unconfined }),
    ),
});
