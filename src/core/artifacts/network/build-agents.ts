/**
 * The hub's build agents subnet: where the self-hosted runners that push images
 * run (spec "Management traffic": "the build agent pool in a DevOps pipeline";
 * the registries accept no public traffic). From the hub, peered with every
 * spoke, they reach each registry's private endpoint directly, and resolve it
 * through the Private Link zones linked to the hub; their internet traffic goes
 * through the firewall, which lets out what the delivery jobs need and no more.
 *
 * Sources of the egress, as read on 2026-11-24:
 * - GitHub: docs.github.com/actions/concepts/runners/communicating-with-self-hosted-runners
 *   ("github.com, *.github.com, *.githubusercontent.com, ghcr.io" as the wildcard
 *   form of the runner's hosts; workflow artifacts, logs and caches in
 *   "*.blob.core.windows.net"), over HTTPS 443 only.
 * - Microsoft Entra ID and Resource Manager for `azure/login` and `az acr login`:
 *   learn.microsoft.com/azure/container-registry/container-registry-authentication.
 * The registries themselves are reached over Private Link and need no rule.
 */
import type { ArmObject } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { firewallRouteTable } from './common.js';
import type { ApplicationRule, EgressSource } from '../../design/egress-rules.js';
import type { SecurityRule } from './security-rules.js';
import { denyAllInbound, denySshRdpOutbound, networkSecurityGroup } from './security-rules.js';

const HTTPS = [{ protocolType: 'Https', port: 443 }] as const;

const GITHUB_RUNNERS: EgressSource = {
  url: 'https://docs.github.com/actions/concepts/runners/communicating-with-self-hosted-runners',
  section: 'Communication requirements',
  read: '2026-11-24',
};
const ACR_SIGN_IN: EgressSource = {
  url: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication',
  section: 'Individual login with Microsoft Entra ID',
  read: '2026-11-24',
};

export const BUILD_AGENT_RULES: readonly ApplicationRule[] = [
  {
    kind: 'application',
    name: 'github-actions',
    description: 'The runner: job assignments, checkout and push of the GitOps repository, runner updates.',
    protocols: HTTPS,
    targetFqdns: ['github.com', '*.github.com', '*.githubusercontent.com', 'ghcr.io'],
    sources: [GITHUB_RUNNERS],
  },
  {
    kind: 'application',
    name: 'github-artifacts',
    description: 'Workflow artifacts (the scanned image), logs and caches, kept in Azure Storage by GitHub.',
    protocols: HTTPS,
    targetFqdns: ['*.blob.core.windows.net'],
    sources: [GITHUB_RUNNERS],
  },
  {
    kind: 'application',
    name: 'azure-sign-in',
    description: 'azure/login and az acr login: Microsoft Entra ID tokens and Resource Manager.',
    protocols: HTTPS,
    targetFqdns: ['login.microsoftonline.com', 'management.azure.com'],
    sources: [ACR_SIGN_IN],
  },
];

/** The firewall rules of the build agents, from their prefixes. */
export function buildAgentRuleCollections(prefixes: readonly string[]): ArmObject[] {
  return [
    {
      ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
      name: 'build-agents-egress',
      priority: 100,
      action: { type: 'Allow' },
      rules: BUILD_AGENT_RULES.map(({ kind, sources, ...rule }) => ({
        ruleType: 'ApplicationRule',
        ...rule,
        terminateTLS: false,
        sourceAddresses: prefixes,
      })),
    },
  ];
}

export interface BuildAgentsSubnet {
  readonly securityGroup: string;
  readonly routeTable: string;
  readonly prefix: string;
  /** Where internet traffic goes: the firewall's private IP. */
  readonly firewallPrivateIp: string;
  /** AzureBastionSubnet's prefix, when the hub has Bastion: operators' SSH sessions come from there. */
  readonly bastionPrefix?: string;
}

/**
 * Operators reach the agents (the hub's only VMs) through Bastion (spec: "Azure Bastion for remote
 * access to virtual machines"), which opens SSH from its own subnet's addresses: the target VM's
 * subnet must admit 22 from AzureBastionSubnet (learn.microsoft.com/azure/bastion/bastion-nsg,
 * "Target VM Subnet"). SSH only: the runner is a Linux VM (pipelines/README.md), and nothing else
 * in the network may open a session to it.
 */
function bastionSshInbound(bastionPrefix: string): SecurityRule {
  return {
    name: 'AllowBastionSshInbound',
    description: 'Operators open SSH sessions to the build agents through Azure Bastion only.',
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: bastionPrefix,
    destination: '*',
    ports: '22',
    priority: 100,
  };
}

/** The subnet's security group and route table; the subnet itself is the hub network's. */
export function buildAgentsNetworking(
  subnet: BuildAgentsSubnet,
  location: string,
  tags: Record<string, string>,
): ArmResource[] {
  const rules: SecurityRule[] = [
    ...(subnet.bastionPrefix === undefined ? [] : [bastionSshInbound(subnet.bastionPrefix)]),
    denyAllInbound(),
    denySshRdpOutbound(),
  ];
  return [
    networkSecurityGroup(
      subnet.securityGroup,
      location,
      tags,
      subnet.bastionPrefix === undefined
        ? 'Security rules of the build agents: they only start connections (GitHub long polls), none come in.'
        : 'Security rules of the build agents: they only start connections (GitHub long polls); only Bastion opens a session to them.',
      rules,
    ),
    firewallRouteTable(
      subnet.routeTable,
      location,
      tags,
      "Sends the build agents' internet traffic to the firewall; the spokes stay direct over the peerings.",
      // The planned address: the firewall, created after the network, cannot be referenced here.
      subnet.firewallPrivateIp,
    ),
  ];
}
