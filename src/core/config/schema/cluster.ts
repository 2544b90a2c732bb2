/**
 * The AKS cluster of a spoke. Spec: "Configure compute for the base cluster",
 * "Select an operating system", "Integrate Microsoft Entra ID for the cluster",
 * "Select a networking model", "Management traffic", "Cluster autoscaler",
 * "Kubernetes API server SLA".
 */
import { z } from 'zod';
import { cidr, formatIp } from '../../cidr.js';
import { cidrString, ipString, tags, uuid, zones } from './primitives.js';

interface PoolDefaults {
  name: string;
  vmSize: string;
  minCount: number;
  maxCount: number;
  /** AKS requires system pools to run at least 30 pods a node. */
  minPods: number;
  role: string;
}

/**
 * One node pool. Both pools default to the spec's OS disk (512 GB), max pods (30,
 * "start with a value of 30") and Azure Linux ("In this reference implementation,
 * we use Azure Linux").
 */
function nodePool(defaults: PoolDefaults) {
  return z
    .strictObject({
      name: z
        .string()
        .regex(/^[a-z][a-z0-9]{0,11}$/, {
          error: 'must be 1–12 lower-case letters or digits, starting with a letter (AKS Linux pool names)',
        })
        .default(defaults.name)
        .meta({ description: 'Node pool name (AKS: at most 12 lower-case letters or digits).' }),
      vmSize: z
        .string()
        .regex(/^Standard_[A-Za-z0-9_]+$/, { error: 'must be an Azure VM size such as Standard_DS4_v2' })
        .default(defaults.vmSize)
        .meta({ description: `VM size of the ${defaults.role}.` }),
      osDiskSizeGB: z
        .int()
        .min(30)
        .max(2048)
        .default(512)
        .meta({ description: 'OS disk size; spec: "The operating system disk is 512 GB".' }),
      osDiskType: z.enum(['Auto', 'Ephemeral', 'Managed']).default('Auto').meta({
        description:
          "Auto: ephemeral when the OS disk fits the VM size's cache or temporary disk, else managed. Ephemeral fails the plan when it does not fit.",
      }),
      minCount: z.int().min(0).max(1000).default(defaults.minCount).meta({
        description:
          'Cluster autoscaler minimum: the reserved capacity of the pool (spec: "Cluster autoscaler").',
      }),
      maxCount: z.int().min(1).max(1000).default(defaults.maxCount).meta({
        description: 'Cluster autoscaler maximum; the IP plan reserves addresses for it plus upgrade surge.',
      }),
      maxPods: z
        .int()
        .min(defaults.minPods)
        .max(250)
        .default(30)
        .meta({
          description: `Maximum pods per node: spec "start with a value of 30"; ${defaults.minPods}–250 for this pool.`,
        }),
      zones: zones
        .optional()
        .meta({ description: 'Availability zones of this pool; defaults to the top-level zones.' }),
      osSku: z.enum(['AzureLinux', 'Ubuntu']).default('AzureLinux').meta({
        description:
          'Node OS. Windows pools are outside this architecture (spec: "Windows containers on AKS" is its own article).',
      }),
      labels: z.record(z.string(), z.string()).default({}).meta({
        description:
          'Kubernetes node labels, to schedule the workload (spec: "use tags, labels, and taints"). Keys: an optional DNS-subdomain prefix and "/", then 1–63 letters, digits, "-", "_" or "."; not under kubernetes.io, k8s.io or kubernetes.azure.com. Values: up to 63 such characters.',
      }),
      tags: tags.default({}).meta({
        description:
          'Azure tags on the pool for chargeback (spec: "Use tags when you create node pools"), beside the top-level tags; Azure allows 50 on a resource, counting the top-level ones and Baseplate\'s workload, environment, component and node-pool.',
      }),
    })
    .meta({ description: `The ${defaults.role}.` });
}

/** Spec: three DS2_v2 nodes ("Configure compute for the base cluster"), min three ("Cluster autoscaler"). */
export const systemPool = nodePool({
  name: 'npsystem',
  vmSize: 'Standard_DS2_v2',
  minCount: 3,
  maxCount: 4,
  minPods: 30,
  role: 'system node pool (tainted CriticalAddonsOnly; core cluster services only)',
});

/** Spec: DS4_v2 for production, at least two nodes ("Configure compute for the base cluster"). */
export const userPool = nodePool({
  name: 'npuser01',
  vmSize: 'Standard_DS4_v2',
  minCount: 2,
  maxCount: 5,
  minPods: 10,
  role: 'user node pool (the workload and the ingress controller)',
}).extend({
  priority: z.enum(['Regular', 'Spot']).default('Regular').meta({
    description: 'Spot VMs cut cost where the workload tolerates eviction (spec: "Cost management").',
  }),
  taints: z
    .array(z.string().regex(/^[^=:\s]+(=[^:\s]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/))
    .default([])
    .meta({ description: 'Node taints such as dedicated=batch:NoSchedule.' }),
});

const clusterNetwork = z
  .strictObject({
    podCidr: cidrString.default('192.168.0.0/16').meta({
      description:
        'Azure CNI Overlay pod range: each node takes a /24, so a /16 holds about 250 nodes (spec: "Pod IP address space"). May be reused by other clusters.',
    }),
    serviceCidr: cidrString
      .default('172.16.0.0/16')
      .meta({ description: 'Kubernetes service range; must not overlap any network or the pod range.' }),
    dnsServiceIp: ipString.optional().meta({
      description:
        'Cluster DNS service address inside serviceCidr; defaults to its tenth address (172.16.0.10).',
      examples: ['172.16.0.10'],
    }),
    networkPolicy: z.enum(['azure', 'calico', 'cilium']).default('azure').meta({
      description:
        'Network policy engine, fixed at creation (spec: "We recommend Azure network policy"). cilium also selects the Cilium dataplane.',
    }),
  })
  .transform((network) => ({
    ...network,
    dnsServiceIp: network.dnsServiceIp ?? tenthAddress(network.serviceCidr),
  }))
  .meta({ description: 'Azure CNI Overlay settings (spec: "Select a networking model").' });

/** The conventional DNS service address: the tenth of the service range (172.16.0.10). */
function tenthAddress(serviceCidr: string): string {
  return formatIp(cidr(serviceCidr).base + 10);
}

const apiServer = z
  .strictObject({
    private: z.boolean().default(false).meta({
      description: 'Private cluster: the API server has no public endpoint (spec: "Management traffic").',
    }),
    vnetIntegration: z
      .boolean()
      .default(false)
      .meta({ description: "Project the API server into the spoke's API server subnet." }),
    authorizedIpRanges: z.array(cidrString).default([]).meta({
      description:
        "Ranges allowed to reach a public API server (build agents, operators). The firewall's egress IPs are always added.",
    }),
    runCommand: z.boolean().default(false).meta({
      description:
        'Allow `az aks command invoke` (run command). Off by default, public API servers too: it reaches the cluster through Resource Manager, past the authorized ranges.',
    }),
  })
  .meta({ description: 'API server access (spec: "Management traffic").' });

const entra = z
  .strictObject({
    tenantId: uuid
      .optional()
      .meta({ description: "Entra ID tenant; defaults to the subscription's tenant." }),
    adminGroupObjectIds: z.array(uuid).default([]).meta({
      description: 'Entra groups granted cluster admin (Azure Kubernetes Service RBAC Cluster Admin).',
    }),
    readerGroupObjectIds: z.array(uuid).default([]).meta({
      description:
        "Entra groups granted read access: Azure Kubernetes Service Cluster User Role on the cluster (to fetch a kubeconfig) and Azure Kubernetes Service RBAC Reader in the workload's and the ingress controller's namespaces.",
    }),
    azureRbac: z.boolean().default(true).meta({
      description:
        'Azure RBAC for Kubernetes authorization (spec: "Use Azure RBAC for Kubernetes authorization").',
    }),
  })
  .meta({ description: 'Microsoft Entra ID integration (spec: "Cluster access").' });

export const cluster = z.strictObject({
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{2}(\.\d{1,3})?$/, { error: 'must be a Kubernetes version such as 1.36 or 1.36.1' })
    .default('1.36')
    .meta({
      description:
        'Kubernetes version; 1.36 is supported by AKS until June 2027. With a cluster auto-upgrade channel give only the minor (1.36): a pinned patch fails once Azure upgrades the cluster.',
    }),
  tier: z.enum(['Free', 'Standard', 'Premium']).default('Standard').meta({
    description:
      'Control plane tier; spec: "We recommend all production clusters use the Standard tier" ("Kubernetes API server SLA").',
  }),
  systemPool: systemPool.prefault({}),
  userPools: z
    .array(userPool)
    .min(1)
    .prefault([{}])
    .meta({ description: 'User node pools; the spec runs one, with at least two nodes.' }),
  network: clusterNetwork.prefault({}),
  apiServer: apiServer.prefault({}),
  entra: entra.prefault({}),
  storageDrivers: z.boolean().default(false).meta({
    description:
      'The Azure Disk, Azure Files and Azure Blob CSI drivers and the snapshot controller: on only for a workload that needs persistent volumes (fewer components on the nodes, less to patch).',
  }),
  disableLocalAccounts: z
    .boolean()
    .default(true)
    .meta({ description: 'Spec: "configure your cluster to explicitly disable local account access".' }),
});
