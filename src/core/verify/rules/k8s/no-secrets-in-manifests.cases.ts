import type { KubeObject } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment } from './builders.js';
import rule from './no-secrets-in-manifests.js';

export default casesOf(rule, {
  pass: [
    {
      title: 'a service account token Secret, which the cluster fills',
      input: baseline((p) =>
        (p.inventory.kubernetes as KubeObject[]).push({
          apiVersion: 'v1',
          kind: 'Secret',
          name: 'token',
          namespace: 'a0008',
          source: 'gitops/x.yaml',
          body: {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'token', annotations: { 'kubernetes.io/service-account.name': 'app' } },
            type: 'kubernetes.io/service-account-token',
          },
        } as KubeObject),
      ),
    },
  ],
  fail: [
    {
      title: 'a secret in Git',
      input: manifests({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db', namespace: 'shop' },
        stringData: { password: 'x' },
      }),
      message: 'holdsData',
    },
    {
      title: 'base64 data',
      input: manifests({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db' },
        data: { password: 'eA==' },
      }),
      message: 'holdsData',
    },
  ],
  notApplicable: [
    { title: 'the baseline: no Secret in its manifests', input: baseline() },
    { title: 'no Secret', input: manifests(deployment()) },
  ],
  unknown: {
    never:
      'a Secret carrying any key holds data, whatever its value: a substituted value is a secret in Git too',
  },
});
