import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, manifests } from '../cases.js';
import { addObject, rejectedSelector } from '../net/builders.js';
import rule from './local-dns.js';

/** Policies admitting LocalDNS's node addresses on 53, in the ingress controller's and the workload's namespaces. */
function allowLocalDns(p: Baseline): void {
  for (const namespace of ['traefik', 'a0008'])
    addObject(p, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      name: 'allow-local-dns',
      namespace,
      body: {
        metadata: { name: 'allow-local-dns', namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ ipBlock: { cidr: '169.254.10.0/24' } }],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      },
    });
}

const required = (p: Baseline) => (p.pool(1)['localDNSProfile'] = { mode: 'Required' });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's pools, with LocalDNS Disabled", input: baseline() },
    {
      title: 'LocalDNS Required, where the policies admit its node addresses on 53',
      input: baseline((p) => {
        required(p);
        allowLocalDns(p);
      }),
    },
    {
      title: 'no LocalDNS mode at a version before the default',
      input: baseline((p) => {
        p.cluster()['kubernetesVersion'] = '1.36.4';
        for (const i of [0, 1]) delete p.pool(i)['localDNSProfile'];
      }),
    },
  ],
  fail: [
    {
      title: 'no LocalDNS mode on the pools of a Kubernetes 1.37 cluster',
      input: baseline((p) => {
        p.cluster()['kubernetesVersion'] = '1.37';
        for (const i of [0, 1]) delete p.pool(i)['localDNSProfile'];
      }),
      message: 'blocked',
    },
    {
      title: 'no LocalDNS mode, and the stable channel to take the cluster to 1.37',
      input: baseline((p) => {
        (p.cluster()['autoUpgradeProfile'] as Json)['upgradeChannel'] = 'stable';
        delete p.pool(1)['localDNSProfile'];
      }),
      message: 'blocked',
    },
    { title: 'LocalDNS Required on the user pool', input: baseline(required), message: 'blocked' },
  ],
  notApplicable: [
    {
      title: 'no node pool',
      input: manifests({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }),
    },
  ],
  unknown: [
    {
      title: 'a LocalDNS mode from a parameter',
      input: baseline((p) => (p.pool(1)['localDNSProfile'] = { mode: HIDDEN })),
      message: 'unresolved',
    },
    {
      title: 'LocalDNS Required on a cluster template audited alone: no workloads to judge',
      input: baseline((p) => {
        required(p);
        p.removeObjects(() => true);
      }),
      message: 'noWorkloads',
    },
    {
      title: 'LocalDNS Required beside Cilium network policies, which the analysis does not read',
      input: baseline((p) => {
        required(p);
        addObject(p, {
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          name: 'allow-dns',
          namespace: 'a0008',
          body: { metadata: { name: 'allow-dns', namespace: 'a0008' }, spec: {} },
        });
      }),
      message: 'cilium',
    },
    {
      title: 'a policy with a selector operator the API server rejects',
      input: baseline(rejectedSelector),
      message: 'rejected',
    },
  ],
});
