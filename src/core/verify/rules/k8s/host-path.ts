/** No workload mounts a path of its node (Pod Security Standards, Baseline). */
import { at, isObject } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { BASELINE, perPod, substituted } from './pods.js';

export default defineRule({
  ref: 'BP1103',
  id: 'k8s/host-path',
  title: 'No workload mounts a path of its node (hostPath)',
  severity: 'error',
  pillar: 'Security',
  area: 'workload',
  spec: BASELINE,
  why: 'The Pod Security Standards Baseline profile forbids hostPath volumes ("HostPath volumes must be forbidden"): a pod that mounts the container runtime\'s socket or the node\'s file system controls the node and every pod on it.',
  fix: 'Replace the hostPath volume with a persistent volume claim, an emptyDir or a CSI volume.',
  messages: { mounted: '{volumes}' },
  check: (inventory, say) =>
    perPod(
      inventory,
      ({ pod }) => {
        const volumes = pod['volumes'];
        if (substituted(volumes)) return { problems: [], unknown: [`volumes: ${String(volumes)}`] };
        const mounted = (Array.isArray(volumes) ? volumes.filter(isObject) : []).filter(
          (v) => v['hostPath'] !== undefined,
        );
        return {
          problems: mounted.map(
            (v) =>
              `volume ${String(v['name'])} mounts the node's ${String(at(v, 'hostPath.path') ?? 'path')}`,
          ),
          unknown: [],
        };
      },
      (volumes) => say('mounted', { volumes }),
    ),
});
