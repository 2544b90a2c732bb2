/**
 * State kept on disks in the cluster is backed up (spec "Cluster backup"): a
 * cluster rebuilt from Git gets its objects back, not the contents of its disks.
 */
import type { Inventory } from '../../inventory.js';
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { kubeLabel, objectsIn, ofType, outcome, workloads } from '../select.js';

/** A backup solution among the inputs: the AKS backup extension, an Azure Backup instance, or Velero. */
function backedUp(inventory: Inventory): boolean {
  const extension = ofType(inventory, 'Microsoft.KubernetesConfiguration/extensions').some((e) =>
    /dataprotection\.kubernetes/i.test(String(at(e.body, 'properties.extensionType') ?? '')),
  );
  const instance = ofType(inventory, 'Microsoft.DataProtection/backupVaults/backupInstances').length > 0;
  const velero = inventory.kubernetes.some((o) => o.apiVersion.startsWith('velero.io/'));
  return extension || instance || velero;
}

export default defineRule({
  ref: 'BP1090',
  id: 'k8s/backup',
  title: 'State kept on disks in the cluster is backed up',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'reliability',
  spec: {
    section: 'Cluster backup',
    quote:
      'If your architecture involves disk-based state, you must also consider your recovery strategy for that content.',
  },
  why: 'GitOps rebuilds the objects of a lost cluster, not the data in its persistent volumes.',
  fix: 'Keep the state outside the cluster (a managed database or storage), or install a backup: the AKS backup extension with an Azure Backup vault, or Velero.',
  messages: { noBackup: 'persistent volumes and no backup among the inputs' },
  check: (inventory, say) => {
    const stateful = [
      ...inventory.kubernetes.filter((o) => o.kind === 'PersistentVolumeClaim'),
      ...workloads(inventory)
        .filter(
          ({ object, pod }) =>
            (object.kind === 'StatefulSet' && Array.isArray(at(object.body, 'spec.volumeClaimTemplates'))) ||
            objectsIn(pod['volumes']).some((v) => v['persistentVolumeClaim']),
        )
        .map((w) => w.object),
    ];
    const safe = backedUp(inventory);
    return stateful.map((o) =>
      safe
        ? outcome('pass', kubeLabel(o), undefined, o.source)
        : outcome('fail', kubeLabel(o), say('noBackup'), o.source),
    );
  },
});
