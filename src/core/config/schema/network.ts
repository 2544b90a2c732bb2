/**
 * The hub and spoke networks. Spec: "Network topology", "Hub virtual network",
 * "Spoke virtual network", "Plan the IP addresses".
 */
import { z } from 'zod';
import { armResourceId, cidrString, ipString, uuid } from './primitives.js';

/**
 * Subnet prefixes of the hub. Any left out is allocated inside the hub's
 * address space, in this order, at the size Azure requires or recommends.
 */
const hubSubnets = z
  .strictObject({
    firewall: cidrString.optional().meta({
      description: 'AzureFirewallSubnet prefix; Azure requires /26 or larger. Omit to allocate.',
    }),
    gateway: cidrString.optional().meta({
      description: 'GatewaySubnet prefix, the placeholder for a VPN or ExpressRoute gateway (/27 or larger).',
    }),
    bastion: cidrString.optional().meta({
      description: 'AzureBastionSubnet prefix; Azure requires /26 or larger. Omit to allocate.',
    }),
    buildAgents: cidrString.optional().meta({
      description: 'Prefix of the build agents subnet (/29 or larger; /27 when allocated). Omit to allocate.',
    }),
  })
  .meta({ description: 'Hub subnet prefixes; each one left out is allocated inside hub.addressSpace.' });

const firewall = z.strictObject({
  tier: z
    .enum(['Standard', 'Premium'])
    .default('Standard')
    .meta({ description: 'Azure Firewall tier. Premium adds TLS inspection and IDPS.' }),
  publicIpCount: z.int().min(1).max(250).default(3).meta({
    description:
      'Public IP addresses on the firewall. More addresses give more SNAT ports (spec: "Egress traffic flow": port exhaustion).',
  }),
  threatIntelMode: z
    .enum(['Alert', 'Deny'])
    .default('Deny')
    .meta({ description: 'Threat intelligence filtering; Deny blocks known malicious addresses.' }),
  intrusionDetection: z.enum(['Off', 'Alert', 'Deny']).default('Deny').meta({
    description:
      'With tier Premium: the intrusion detection and prevention (IDPS) mode of the firewall policies; Deny drops traffic matching a signature, Alert only logs it. Standard has no IDPS.',
  }),
  policyAnalytics: z.boolean().default(true).meta({
    description:
      "Firewall policy analytics: the policies' insights (rule hit counts, unused and duplicate rules, flow logs) computed from the firewall's logs in the hub's Log Analytics workspace.",
  }),
  parentPolicyId: armResourceId.optional().meta({
    description:
      'Resource ID of an existing organisation-wide firewall policy to inherit (spec: "global firewall policies, defined by your central IT teams"). Omit to create one.',
  }),
});

const existingHub = z
  .strictObject({
    virtualNetworkId: armResourceId.meta({ description: 'Resource ID of the existing hub virtual network.' }),
    addressSpace: cidrString.meta({
      description: "The existing hub's address space, which no spoke, pod or service range may overlap.",
    }),
    firewallPrivateIp: ipString.meta({
      description: "Private IP of the hub's firewall: the spokes' next hop.",
    }),
    firewallPublicIps: z.array(ipString).min(1).meta({
      description: "The firewall's public IPs (egress addresses for API server authorized ranges).",
    }),
    firewallPolicyId: armResourceId.meta({
      description: "Resource ID of the firewall's policy, where the spokes' rule collection groups go.",
    }),
    ruleCollectionGroupPriority: z.int().min(100).max(64000).default(1000).meta({
      description:
        "Priority of the first spoke's rule collection group on the shared policy (the next spokes follow by 100); choose one free among the policy's groups.",
    }),
    privateDnsZonesResourceGroupId: z
      .string()
      .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i, {
        error: 'must be a resource group ID (/subscriptions/…/resourceGroups/…)',
      })
      .optional()
      .meta({
        description:
          'Where the landing zone keeps its Private Link DNS zones (privatelink.azurecr.io, …), already linked to the hub: the spokes are linked to them. Omit to have the hub owner create the zones.',
      }),
    logAnalyticsWorkspaceId: armResourceId.optional().meta({
      description:
        "Resource ID of the landing zone's Log Analytics workspace for the spokes' network diagnostics.",
    }),
    buildAgentPrefixes: z.array(cidrString).default([]).meta({
      description:
        "Ranges inside the hub network where the landing zone's self-hosted runners push images from: each spoke's private endpoints admit them on 443 (the spokes are peered with the hub alone).",
    }),
  })
  .meta({
    description:
      'An existing hub owned by a central network team (landing zone). Baseplate then deploys no hub and emits what the hub owner must apply.',
  });

export const hub = z
  .strictObject({
    subscriptionId: uuid
      .optional()
      .meta({ description: 'Subscription of the hub stages. Defaults to the top-level subscriptionId.' }),
    addressSpace: cidrString.default('10.200.0.0/24').meta({
      description:
        "The hub virtual network's address space (an existing hub gives its own in existing.addressSpace).",
    }),
    subnets: hubSubnets.prefault({}),
    firewall: firewall
      .prefault({})
      .meta({ description: 'The hub\'s Azure Firewall (spec: "Egress traffic flow").' }),
    bastion: z
      .strictObject({
        enabled: z.boolean().default(true).meta({
          description: 'Deploy Azure Bastion for operator access (spec: "Subnet to host Azure Bastion").',
        }),
      })
      .prefault({})
      .meta({ description: 'Azure Bastion in the hub.' }),
    buildAgents: z
      .strictObject({
        enabled: z.boolean().default(true).meta({
          description:
            'A hub subnet for the self-hosted runners that push images (spec "Management traffic": "the build agent pool in a DevOps pipeline"): peered with every spoke, it reaches each registry\'s private endpoint; its internet traffic goes through the firewall.',
        }),
      })
      .prefault({})
      .meta({ description: 'The build agents subnet in the hub.' }),
    gatewayTransit: z.boolean().default(false).meta({
      description:
        "A VPN or ExpressRoute gateway (the network team's) is in GatewaySubnet: the spokes route on-premises traffic through it. Each spoke's side of its hub peering is then made in a last stage per spoke, once the hub side offers the gateway, using it from the start.",
    }),
    existing: existingHub.optional(),
  })
  .meta({ description: 'The hub virtual network (spec: "Hub virtual network").' });

/** Subnet prefixes of a spoke; any left out is allocated inside the spoke's address space. */
export const spokeSubnets = z
  .strictObject({
    nodes: cidrString.optional().meta({
      description:
        'Cluster node subnet (all pools). Omit to allocate; with subnetPerNodePool use nodePools instead.',
    }),
    nodePools: z.record(z.string(), cidrString).optional().meta({
      description: 'With subnetPerNodePool: a prefix per node pool name. Omitted pools are allocated.',
    }),
    ingress: cidrString
      .optional()
      .meta({ description: "Subnet of the ingress controller's internal load balancer." }),
    applicationGateway: cidrString
      .optional()
      .meta({ description: 'Dedicated Application Gateway subnet (spec: "requires a dedicated subnet").' }),
    privateEndpoints: cidrString
      .optional()
      .meta({ description: 'Private endpoints of the registry and Key Vault (spec: "dedicated subnet").' }),
    apiServer: cidrString.optional().meta({
      description:
        'API server VNet integration subnet (/28 or larger). Always reserved so that turning integration on renumbers nothing.',
    }),
  })
  .meta({
    description: 'Spoke subnet prefixes; each one left out is allocated inside the spoke address space.',
  });

export const otherNetwork = z.strictObject({
  name: z.string().min(1).meta({ description: 'What this range is, e.g. "on-premises".' }),
  addressPrefixes: z.array(cidrString).min(1).meta({ description: 'Its address ranges.' }),
});
