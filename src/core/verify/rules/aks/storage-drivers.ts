/** The storage CSI drivers and the snapshot controller run only where a workload claims persistent volumes. */
import { at, isUnresolved } from '../../../arm-values.js';
import type { Inventory } from '../../inventory.js';
import { defineRule } from '../../rule.js';
import { label, ofKind, ofType, outcome, workloads } from '../select.js';

/** managedClusters 2026-05-01, ManagedClusterStorageProfile: each is on when not stated. */
const DRIVERS = ['diskCSIDriver', 'fileCSIDriver', 'blobCSIDriver', 'snapshotController'];

/** Whether the Kubernetes inputs claim volumes: a PersistentVolumeClaim, or a StatefulSet's claim templates. */
function claimsVolumes(inventory: Inventory): boolean {
  return (
    ofKind(inventory, 'PersistentVolumeClaim').length > 0 ||
    ofKind(inventory, 'PersistentVolume').length > 0 ||
    workloads(inventory).some((w) => at(w.object.body, 'spec.volumeClaimTemplates') !== undefined)
  );
}

export default defineRule({
  ref: 'BP1135',
  id: 'aks/storage-drivers',
  title: 'Storage CSI drivers and the snapshot controller are off unless the workload claims volumes',
  severity: 'warning',
  pillar: 'Security',
  area: 'cluster',
  spec: { section: 'Workload storage', quote: 'The workload in this architecture is stateless.' },
  why: 'Each driver is a privileged DaemonSet on every node and a controller with rights on disks, shares or storage accounts: for a stateless workload, attack surface and node capacity spent on nothing.',
  fix: 'Set properties.storageProfile.diskCSIDriver, fileCSIDriver, blobCSIDriver and snapshotController each to { enabled: false } (in Baseplate: leave spokes[].cluster.storageDrivers off), or claim the volumes that need them.',
  messages: {
    on: 'on with no volume claimed: {drivers}',
    noManifests:
      'on ({drivers}); no Kubernetes manifests among the inputs to tell whether the workload claims volumes',
  },
  check: (inventory, say) => {
    if (claimsVolumes(inventory)) return [];
    return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
      const values = DRIVERS.map(
        (d) => [d, at(cluster.body, `properties.storageProfile.${d}.enabled`)] as const,
      );
      const hidden = values.find(([, v]) => isUnresolved(v));
      const on = values.filter(([, v]) => !isUnresolved(v) && v !== false).map(([d]) => d);
      if (on.length === 0)
        return hidden
          ? outcome(
              'unknown',
              label(cluster),
              say('unresolved', { value: String(hidden[1]) }),
              cluster.source,
            )
          : outcome('pass', label(cluster), undefined, cluster.source);
      const drivers = on.join(', ');
      return inventory.kubernetes.length === 0
        ? outcome('unknown', label(cluster), say('noManifests', { drivers }), cluster.source)
        : outcome('fail', label(cluster), say('on', { drivers }), cluster.source);
    });
  },
});
