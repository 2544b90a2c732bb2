/**
 * What a spoke's nodes may reach through the firewall: exactly the egress its
 * features need, each rule named after the feature it serves (spec: "review the
 * required egress network traffic rules for AKS"). With Azure CNI Overlay pods
 * leave with their node's address, so the node subnets are the only source.
 *
 * Every rule names where its destinations are documented and the day that page
 * was last read for it (`sources`), so a reviewer can check each one against
 * the page as it is now. The AzureKubernetesService FQDN tag covers the AKS
 * required FQDNs, packages.aks.azure.com included (Azure/AKS#4792), but not the
 * add-ons. Registry and Key Vault are reached through private endpoints and
 * need no rule.
 */

/** A page that documents a rule's destinations: its address, the section, the day it was read. */
export interface EgressSource {
  readonly url: string;
  readonly section: string;
  /** YYYY-MM-DD. */
  readonly read: string;
}

interface Documented {
  readonly name: string;
  readonly description: string;
  /** Where the destinations are documented; the configuration itself for the GitOps host. */
  readonly sources: readonly EgressSource[] | 'configuration';
}

export interface ApplicationRule extends Documented {
  readonly kind: 'application';
  readonly protocols: ReadonlyArray<{ readonly protocolType: 'Http' | 'Https'; readonly port: number }>;
  readonly fqdnTags?: readonly string[];
  readonly targetFqdns?: readonly string[];
}

export interface NetworkRule extends Documented {
  readonly kind: 'network';
  readonly ipProtocols: ReadonlyArray<'TCP' | 'UDP'>;
  readonly destinationAddresses?: readonly string[];
  readonly destinationFqdns?: readonly string[];
  readonly destinationPorts: readonly string[];
}

export type EgressRule = ApplicationRule | NetworkRule;

export interface EgressNeeds {
  readonly region: string;
  /** A public API server: pods that call it by address go through the firewall. */
  readonly publicApiServer: boolean;
  readonly ubuntuNodes: boolean;
  readonly defender: boolean;
  readonly gitRepositoryUrl: string;
}

const HTTPS = [{ protocolType: 'Https', port: 443 }] as const;
const HTTP = [{ protocolType: 'Http', port: 80 }] as const;

const AKS_OUTBOUND = 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress';
const source = (url: string, section: string, read: string): EgressSource => ({ url, section, read });
const AKS_REQUIRED = source(AKS_OUTBOUND, 'Azure Global required FQDN / application rules', '2026-11-24');

/** Scheme, host and port of a Git URL (the core has no URL class: it runs anywhere). */
function gitHost(url: string): { ssh: boolean; host: string; port: string } {
  const match = /^(https|ssh):\/\/(?:[^@/]+@)?([^:/]+)(?::(\d+))?/.exec(url);
  return { ssh: match?.[1] === 'ssh', host: match?.[2] ?? url, port: match?.[3] ?? '' };
}

export function egressRules(needs: EgressNeeds): EgressRule[] {
  const git = gitHost(needs.gitRepositoryUrl);
  const rules: EgressRule[] = [
    {
      kind: 'application',
      name: 'aks-required',
      description: 'AKS node and control plane dependencies (FQDN tag AzureKubernetesService).',
      sources: [
        AKS_REQUIRED,
        source(
          'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
          'Add firewall rules',
          '2026-11-24',
        ),
      ],
      protocols: HTTPS,
      fqdnTags: ['AzureKubernetesService'],
    },
    {
      kind: 'application',
      name: 'entra-id',
      description: 'Microsoft Entra ID tokens for managed and workload identities.',
      sources: [AKS_REQUIRED, source(AKS_OUTBOUND, 'Workload identity', '2026-11-24')],
      protocols: HTTPS,
      targetFqdns: ['login.microsoftonline.com'],
    },
    {
      kind: 'application',
      name: 'azure-monitor',
      description: 'Container insights and managed Prometheus (Azure Monitor agent).',
      sources: [
        source(
          'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-firewall',
          'Azure public cloud',
          '2026-12-07',
        ),
      ],
      protocols: HTTPS,
      targetFqdns: [
        '*.ods.opinsights.azure.com',
        '*.oms.opinsights.azure.com',
        'dc.services.visualstudio.com',
        '*.monitoring.azure.com',
        'global.handler.control.monitor.azure.com',
        `${needs.region}.handler.control.monitor.azure.com`,
        '*.ingest.monitor.azure.com',
        '*.metrics.ingest.monitor.azure.com',
      ],
    },
    {
      kind: 'application',
      name: 'azure-policy',
      description: 'Azure Policy add-on: policy definitions and compliance reports.',
      sources: [source(AKS_OUTBOUND, 'Azure Policy', '2026-11-24')],
      protocols: HTTPS,
      targetFqdns: [
        'data.policy.core.windows.net',
        'store.policy.core.windows.net',
        'dc.services.visualstudio.com',
      ],
    },
    {
      kind: 'application',
      name: 'flux-extension',
      description: "The Flux cluster extension: its data plane, its images and its agents' metrics.",
      sources: [source(AKS_OUTBOUND, 'Cluster extensions', '2026-12-07')],
      protocols: HTTPS,
      // The marketplace rows of that section serve marketplace extensions only; Flux is not one.
      targetFqdns: [
        `${needs.region}.dp.kubernetesconfiguration.azure.com`,
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
        '*.ingestion.msftcloudes.com',
        '*.microsoftmetrics.com',
      ],
    },
    git.ssh
      ? {
          kind: 'network',
          name: 'gitops-repository',
          description: 'Flux reads the GitOps repository over SSH.',
          sources: 'configuration',
          ipProtocols: ['TCP'],
          destinationFqdns: [git.host],
          destinationPorts: [git.port || '22'],
        }
      : {
          kind: 'application',
          name: 'gitops-repository',
          description: 'Flux reads the GitOps repository over HTTPS.',
          sources: 'configuration',
          protocols: [{ protocolType: 'Https', port: Number(git.port || '443') }],
          targetFqdns: [git.host],
        },
  ];
  if (needs.publicApiServer) {
    rules.push({
      kind: 'network',
      name: 'api-server',
      // The documented rule is to the API server's address (APIServerPublicIP:443), which exists only
      // once the cluster does: the firewall comes first, so the rule names the region's Azure addresses,
      // as the reference implementation's hub does (github.com/mspnp/aks-baseline, the hub's
      // DefaultNetworkRuleCollectionGroup, rule pod-to-api-server).
      description:
        'Pods that call the public API server by its address, known only once the cluster exists: every Azure address in the region (AzureCloud service tag).',
      sources: [
        source(AKS_OUTBOUND, 'Azure Global required network rules', '2026-11-24'),
        source(
          'https://github.com/mspnp/aks-baseline',
          'the hub firewall policy, rule pod-to-api-server',
          '2026-12-07',
        ),
      ],
      ipProtocols: ['TCP'],
      destinationAddresses: [`AzureCloud.${needs.region}`],
      destinationPorts: ['443'],
    });
  }
  if (needs.ubuntuNodes) {
    const ubuntu = source(
      AKS_OUTBOUND,
      'Optional recommended FQDN / application rules for AKS clusters',
      '2026-11-24',
    );
    rules.push(
      {
        kind: 'application',
        name: 'ubuntu-updates',
        description: 'Ubuntu security and package updates of the nodes.',
        sources: [ubuntu],
        protocols: HTTP,
        targetFqdns: ['security.ubuntu.com', 'azure.archive.ubuntu.com', 'changelogs.ubuntu.com'],
      },
      {
        kind: 'application',
        name: 'ubuntu-snapshots',
        description: 'Ubuntu snapshot repository of the node image.',
        sources: [ubuntu],
        protocols: HTTPS,
        targetFqdns: ['snapshot.ubuntu.com'],
      },
    );
  }
  if (needs.defender) {
    rules.push({
      kind: 'application',
      name: 'defender-for-containers',
      description: 'Microsoft Defender for Containers sensor.',
      sources: [
        source(AKS_OUTBOUND, 'Microsoft Defender for Containers', '2026-11-24'),
        // The sensor's own endpoint, announced in Defender for Cloud's release notes on 2025-10-23.
        source(
          'https://learn.microsoft.com/azure/defender-for-cloud/release-notes',
          'October 2025',
          '2026-11-24',
        ),
      ],
      protocols: HTTPS,
      targetFqdns: [
        '*.ods.opinsights.azure.com',
        '*.oms.opinsights.azure.com',
        '*.cloud.defender.microsoft.com',
      ],
    });
  }
  return rules;
}
