/**
 * What a spoke's nodes may reach through the firewall: exactly the egress its
 * features need, each rule named after the feature it serves (spec: "review the
 * required egress network traffic rules for AKS"). With Azure CNI Overlay pods
 * leave with their node's address, so the node subnets are the only source.
 *
 * Sources, as read on 2026-11-24:
 * - AKS: learn.microsoft.com/azure/aks/outbound-rules-control-egress (after Nov 2025)
 *   and limit-egress-traffic (ms.date 2023-12-05): the AzureKubernetesService FQDN tag
 *   covers the required FQDNs, packages.aks.azure.com included (Azure/AKS#4792), but
 *   not the add-ons.
 * - Azure Monitor: learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-firewall
 *   (ms.date 2025-08-25).
 * - Azure Policy, cluster extensions, workload identity, Ubuntu updates, Defender for
 *   Containers: the same AKS page's sections; *.cloud.defender.microsoft.com from the
 *   Defender for Cloud release notes (2025-10-23).
 * Registry and Key Vault are reached through private endpoints and need no rule.
 */
import type { ArmExpression, ArmObject } from '../arm/expression.js';

export interface ApplicationRule {
  readonly kind: 'application';
  readonly name: string;
  readonly description: string;
  readonly protocols: ReadonlyArray<{ readonly protocolType: 'Http' | 'Https'; readonly port: number }>;
  readonly fqdnTags?: readonly string[];
  readonly targetFqdns?: readonly string[];
}

export interface NetworkRule {
  readonly kind: 'network';
  readonly name: string;
  readonly description: string;
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
      protocols: HTTPS,
      fqdnTags: ['AzureKubernetesService'],
    },
    {
      kind: 'application',
      name: 'entra-id',
      description: 'Microsoft Entra ID tokens for managed and workload identities.',
      protocols: HTTPS,
      targetFqdns: ['login.microsoftonline.com'],
    },
    {
      kind: 'application',
      name: 'azure-monitor',
      description: 'Container insights and managed Prometheus (Azure Monitor agent).',
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
      description: 'The Flux cluster extension: its data plane and images.',
      protocols: HTTPS,
      targetFqdns: [
        `${needs.region}.dp.kubernetesconfiguration.azure.com`,
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
      ],
    },
    git.ssh
      ? {
          kind: 'network',
          name: 'gitops-repository',
          description: 'Flux reads the GitOps repository over SSH.',
          ipProtocols: ['TCP'],
          destinationFqdns: [git.host],
          destinationPorts: [git.port || '22'],
        }
      : {
          kind: 'application',
          name: 'gitops-repository',
          description: 'Flux reads the GitOps repository over HTTPS.',
          protocols: [{ protocolType: 'Https', port: Number(git.port || '443') }],
          targetFqdns: [git.host],
        },
  ];
  if (needs.publicApiServer) {
    rules.push({
      kind: 'network',
      name: 'api-server',
      description: 'Pods that call the public API server by its address.',
      ipProtocols: ['TCP'],
      destinationAddresses: [`AzureCloud.${needs.region}`],
      destinationPorts: ['443'],
    });
  }
  if (needs.ubuntuNodes) {
    rules.push(
      {
        kind: 'application',
        name: 'ubuntu-updates',
        description: 'Ubuntu security and package updates of the nodes.',
        protocols: HTTP,
        targetFqdns: ['security.ubuntu.com', 'azure.archive.ubuntu.com', 'changelogs.ubuntu.com'],
      },
      {
        kind: 'application',
        name: 'ubuntu-snapshots',
        description: 'Ubuntu snapshot repository of the node image.',
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

/** The rules as Azure Firewall rule collections: one of network rules, one of application rules. */
export function ruleCollections(rules: readonly EgressRule[], source: ArmExpression): ArmObject[] {
  const network = rules.filter((rule): rule is NetworkRule => rule.kind === 'network');
  const application = rules.filter((rule): rule is ApplicationRule => rule.kind === 'application');
  const collection = (name: string, priority: number, list: readonly ArmObject[]): ArmObject[] =>
    list.length === 0
      ? []
      : [
          {
            ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
            name,
            priority,
            action: { type: 'Allow' },
            rules: list,
          },
        ];
  return [
    ...collection(
      'network-egress',
      100,
      network.map(({ kind, ...rule }) => ({
        ruleType: 'NetworkRule',
        ...rule,
        sourceIpGroups: [source],
      })),
    ),
    ...collection(
      'application-egress',
      200,
      application.map(({ kind, ...rule }) => ({
        ruleType: 'ApplicationRule',
        ...rule,
        terminateTLS: false,
        sourceIpGroups: [source],
      })),
    ),
  ];
}
