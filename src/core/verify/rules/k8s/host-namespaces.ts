/** No workload shares its node's network, process or IPC namespace (Pod Security Standards, Baseline). */
import { defineRule } from '../../rule.js';
import { BASELINE, flags, perPod } from './pods.js';

export default defineRule({
  ref: 'BP1102',
  id: 'k8s/host-namespaces',
  title: "No workload shares its node's network, process or IPC namespace",
  severity: 'error',
  pillar: 'Security',
  area: 'workload',
  spec: BASELINE,
  why: 'The Pod Security Standards Baseline profile forbids hostNetwork, hostPID and hostIPC ("Sharing the host namespaces must be disallowed"): a pod on the host network bypasses every network policy and sees the node\'s traffic; one in the host PID namespace sees and signals every process of the node.',
  fix: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them false); expose ports through a Service instead.',
  messages: { shared: '{settings}' },
  check: (inventory, say) =>
    perPod(
      inventory,
      ({ pod }) =>
        flags([
          ['hostNetwork', pod['hostNetwork']],
          ['hostPID', pod['hostPID']],
          ['hostIPC', pod['hostIPC']],
        ]),
      (settings) => say('shared', { settings }),
    ),
});
