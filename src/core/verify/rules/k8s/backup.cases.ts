import type { KubeObject } from '../../inventory.js';
import { casesOf, baseline, files, manifests } from '../cases.js';
import type { Baseline } from '../cases.js';
import { deployment, object } from './builders.js';
import rule from './backup.js';

const claim = object('v1', 'PersistentVolumeClaim', 'data', { accessModes: ['ReadWriteOnce'] });
const claimYaml =
  'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: { name: data, namespace: a }\nspec: { accessModes: [ReadWriteOnce] }';
const backupExtension = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    {
      type: 'Microsoft.KubernetesConfiguration/extensions',
      apiVersion: '2023-05-01',
      name: 'azure-aks-backup',
      properties: { extensionType: 'microsoft.dataprotection.kubernetes' },
    },
  ],
});

/** A StatefulSet with persistent volumes in the baseline, which Velero backs up there. */
function withStatefulSet(p: Baseline): void {
  const kube = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>) =>
    ({
      apiVersion,
      kind,
      name,
      namespace: 'a0008',
      source: 'gitops/state.yaml',
      body: { apiVersion, kind, metadata: { name, namespace: 'a0008' }, spec },
    }) as KubeObject;
  (p.inventory.kubernetes as KubeObject[]).push(
    kube('apps/v1', 'StatefulSet', 'db', {
      template: { spec: { containers: [{ name: 'db', image: 'db:1' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' } }],
    }),
    kube('velero.io/v1', 'Schedule', 'nightly', { schedule: '0 1 * * *' }),
  );
}

export default casesOf(rule, {
  pass: [
    {
      title: 'a StatefulSet with persistent volumes, and Velero backing them up',
      input: baseline(withStatefulSet),
    },
    {
      title: 'a PersistentVolumeClaim backed up by the AKS backup extension',
      input: files({ name: 'pvc.yaml', text: claimYaml }, { name: 'backup.json', text: backupExtension }),
    },
  ],
  fail: [
    {
      title: 'the backup schedule removed',
      input: baseline((p) => {
        withStatefulSet(p);
        p.removeObjects((o) => o.kind === 'Schedule');
      }),
      message: 'noBackup',
    },
    { title: 'a PersistentVolumeClaim and no backup', input: manifests(claim), message: 'noBackup' },
    {
      title: 'a workload mounting a claim, and no backup',
      input: manifests(
        deployment({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
      ),
      message: 'noBackup',
    },
  ],
  notApplicable: [
    { title: 'the baseline: no state on disks', input: baseline() },
    { title: 'a stateless workload', input: manifests(deployment()) },
  ],
  unknown: {
    never: 'a volume claim and a backup are among the inputs or not: the rule reads no value of them',
  },
});
