import { HIDDEN, baseline, casesOf, cluster, files, manifests, template } from '../cases.js';
import rule from './storage-drivers.js';

const off = { enabled: false };
const allOff = { diskCSIDriver: off, fileCSIDriver: off, blobCSIDriver: off, snapshotController: off };
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'app' },
  spec: {},
};
const claim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'app' },
  spec: {},
};
/** A cluster template and the workload's manifests, read together. */
const both = (storageProfile: unknown, ...objects: Record<string, unknown>[]) =>
  files(
    {
      name: 'main.json',
      text: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [cluster(storageProfile === undefined ? {} : { storageProfile })],
      }),
    },
    { name: 'apps/app.yaml', text: objects.map((o) => JSON.stringify(o)).join('\n---\n') },
  );

export default casesOf(rule, {
  pass: [
    { title: "the baseline's stateless workload, drivers off", input: baseline() },
    { title: 'every driver off', input: both(allOff, deployment) },
  ],
  fail: [
    {
      title: 'drivers not stated (on) for a stateless workload',
      input: both(undefined, deployment),
      message: 'on',
    },
    {
      title: "the baseline's cluster with the disk driver on",
      input: baseline(
        (p) =>
          ((p.cluster()['storageProfile'] as Record<string, unknown>)['diskCSIDriver'] = { enabled: true }),
      ),
      message: 'on',
    },
  ],
  notApplicable: [
    { title: 'a workload that claims a volume', input: both(undefined, deployment, claim) },
    { title: 'no cluster', input: manifests(deployment) },
  ],
  unknown: [
    { title: 'drivers on, the cluster alone', input: template(cluster({})), message: 'noManifests' },
    {
      title: 'a driver switch from a parameter',
      input: both({ ...allOff, diskCSIDriver: { enabled: HIDDEN } }, deployment),
    },
  ],
});
