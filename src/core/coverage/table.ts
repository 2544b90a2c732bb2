/**
 * The coverage table: every heading of the spec (Microsoft's "Baseline
 * architecture for an AKS cluster", docs/spec/), in its order, and under each
 * every recommendation the section makes, with the rules that verify it, the
 * artifacts that build it, the configuration that changes it, or why it is
 * left out. Tests hold it to the spec's headings, the rules, the artifacts of
 * a default plan and the configuration schema; docs/coverage.md is made from it.
 */
import type { Artifact, SectionCoverage } from './types.js';

const arm = (stage: string, resource: string): Artifact => ({ stage, resource });
const k8s = (file: string, object: string): Artifact => ({ file, object });

const TRAEFIK = 'gitops/infrastructure/traefik/traefik.yaml';
const BASELINE = 'gitops/infrastructure/baseline/baseline.yaml';
const WORKLOAD = 'gitops/workloads/aspnetapp/aspnetapp.yaml';
// The default plan's one cluster; every cluster gets a folder like it.
const LAYERS = 'gitops/clusters/aks-bu0001a0008-00-prod-eus2/layers.yaml';
const CLUSTER_METRICS = 'gitops/clusters/aks-bu0001a0008-00-prod-eus2/metrics.yaml';

const AKS = arm('cluster-NN', 'Microsoft.ContainerService/managedClusters');
const MAINTENANCE = arm('cluster-NN', 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations');
const CLUSTER_ROLES = arm('cluster-NN', 'Microsoft.Authorization/roleAssignments');
const FEDERATION = arm(
  'cluster-NN',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
);
const VERSION_TOPIC = arm('cluster-NN', 'Microsoft.EventGrid/systemTopics');
const RESOURCE_GROUPS = arm('resource-groups', 'Microsoft.Resources/resourceGroups');
const HUB_VNET = arm('hub', 'Microsoft.Network/virtualNetworks');
const HUB_LOGS = arm('hub', 'Microsoft.OperationalInsights/workspaces');
const HUB_DIAGNOSTICS = arm('hub', 'Microsoft.Insights/diagnosticSettings');
const FIREWALL = arm('hub', 'Microsoft.Network/azureFirewalls');
const FIREWALL_POLICY = arm('hub', 'Microsoft.Network/firewallPolicies');
const FIREWALL_RULES = arm('hub', 'Microsoft.Network/firewallPolicies/ruleCollectionGroups');
const FIREWALL_IPS = arm('hub', 'Microsoft.Network/publicIPAddresses');
const BASTION = arm('hub', 'Microsoft.Network/bastionHosts');
const DNS_ZONES = arm('hub', 'Microsoft.Network/privateDnsZones');
const HUB_PEERING = arm('hub-links', 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
const DNS_LINKS = arm('hub-links', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks');
const SPOKE_VNET = arm('spoke-NN', 'Microsoft.Network/virtualNetworks');
const SPOKE_PEERING = arm('spoke-NN', 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
const ROUTES = arm('spoke-NN', 'Microsoft.Network/routeTables');
const NSGS = arm('spoke-NN', 'Microsoft.Network/networkSecurityGroups');
const POLICIES = arm('policy-NN', 'Microsoft.Authorization/policyAssignments');
const REGISTRY = arm('services-NN', 'Microsoft.ContainerRegistry/registries');
const REPLICAS = arm('services-NN', 'Microsoft.ContainerRegistry/registries/replications');
const VAULT = arm('services-NN', 'Microsoft.KeyVault/vaults');
const VAULT_SECRETS = arm('services-NN', 'Microsoft.KeyVault/vaults/secrets');
const ENDPOINTS = arm('services-NN', 'Microsoft.Network/privateEndpoints');
const IDENTITIES = arm('services-NN', 'Microsoft.ManagedIdentity/userAssignedIdentities');
const SERVICE_ROLES = arm('services-NN', 'Microsoft.Authorization/roleAssignments');
const SERVICE_DIAGNOSTICS = arm('services-NN', 'Microsoft.Insights/diagnosticSettings');
const GATEWAY = arm('ingress-NN', 'Microsoft.Network/applicationGateways');
const WAF = arm('ingress-NN', 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies');
const GATEWAY_IP = arm('ingress-NN', 'Microsoft.Network/publicIPAddresses');
const GATEWAY_DIAGNOSTICS = arm('ingress-NN', 'Microsoft.Insights/diagnosticSettings');
const CONTROL_PLANE_LOGS = arm('monitoring-NN', 'Microsoft.Insights/diagnosticSettings');
const COLLECTION_RULES = arm('monitoring-NN', 'Microsoft.Insights/dataCollectionRules');
const LOG_TABLE = arm('monitoring-NN', 'Microsoft.OperationalInsights/workspaces/tables');
const PROMETHEUS = arm('monitoring-NN', 'Microsoft.Monitor/accounts');
const METRIC_ALERTS = arm('monitoring-NN', 'Microsoft.Insights/metricAlerts');
const PROMETHEUS_ALERTS = arm('monitoring-NN', 'Microsoft.AlertsManagement/prometheusRuleGroups');
const ACTION_GROUP = arm('monitoring-NN', 'Microsoft.Insights/actionGroups');
const FLUX = arm('bootstrap-NN', 'Microsoft.KubernetesConfiguration/extensions');
const FLUX_CONFIG = arm('bootstrap-NN', 'Microsoft.KubernetesConfiguration/fluxConfigurations');
const DEFENDER = arm('defender', 'Microsoft.Security/pricings');
const BUDGET = arm('budget', 'Microsoft.Consumption/budgets');
const PRIVATE_DNS_ROLE = arm('private-dns-NN', 'Microsoft.Authorization/roleAssignments');

export const COVERAGE: readonly SectionCoverage[] = [
  {
    heading: 'Baseline architecture for an Azure Kubernetes Service (AKS) cluster',
    recommendations: [
      {
        text: 'The minimum recommended baseline for most AKS clusters: a starting point for preproduction and production stages.',
        config: ['preset', 'spokes[].environment', 'naming.environment'],
      },
      {
        text: 'The landscape changes frequently: revisit decisions regularly, and invest on an ongoing basis.',
        leftOut: { because: 'organisational process', why: 'A team commitment, not a setting.' },
      },
    ],
  },
  {
    heading: 'Network topology',
    recommendations: [
      {
        text: 'Use a hub and spoke topology: hub and spokes in separate virtual networks connected through virtual network peering.',
        rules: ['net/hub-spoke', 'net/routed-spoke-peered'],
        artifacts: [HUB_VNET, SPOKE_VNET, SPOKE_PEERING, HUB_PEERING],
        config: ['hub.addressSpace', 'spokes[].addressSpace', 'hub.existing.virtualNetworkId'],
      },
      {
        text: 'Enable segregated management and separation of duties; support multiple subscriptions; align with the landing zone.',
        artifacts: [RESOURCE_GROUPS],
        config: [
          'hub.existing',
          'hub.subscriptionId',
          'spokes[].subscriptionId',
          'hub.firewall.parentPolicyId',
        ],
      },
      {
        text: 'Minimize direct exposure of Azure resources to the public internet.',
        rules: ['net/nsg-internet-inbound', 'net/public-ips', 'aks/node-public-ip'],
        artifacts: [NSGS],
      },
      {
        text: 'Use a web application firewall service to help inspect HTTP traffic flow for all web applications.',
        rules: ['appgw/waf-prevention'],
        artifacts: [WAF, GATEWAY],
      },
      {
        text: 'Make the architecture extensible (new spokes, not a redesign); share the firewall and DNS zones across networks.',
        artifacts: [HUB_PEERING, FIREWALL_RULES, FIREWALL, DNS_ZONES, DNS_LINKS],
        config: ['spokes', 'hub.existing.firewallPolicyId', 'hub.existing.privateDnsZonesResourceGroupId'],
      },
    ],
  },
  {
    heading: 'Hub virtual network',
    recommendations: [
      {
        text: 'Azure Firewall with global firewall policies, defined by your central IT teams to enforce organization-wide policy.',
        artifacts: [FIREWALL, FIREWALL_POLICY],
        config: ['hub.firewall.parentPolicyId', 'hub.existing.firewallPolicyId', 'hub.firewall.tier'],
      },
      {
        text: 'Azure Bastion for remote access to virtual machines (VMs).',
        artifacts: [BASTION],
        config: ['hub.bastion.enabled'],
      },
      {
        text: 'A gateway subnet for VPN connectivity.',
        artifacts: [HUB_VNET],
        config: ['hub.subnets.gateway', 'hub.gatewayTransit'],
      },
      {
        text: 'Azure Monitor for network observability.',
        rules: ['monitoring/firewall-logs', 'firewall/policy-analytics'],
        artifacts: [HUB_LOGS, HUB_DIAGNOSTICS, FIREWALL_POLICY],
        config: ['hub.existing.logAnalyticsWorkspaceId', 'hub.firewall.policyAnalytics'],
      },
    ],
  },
  {
    heading: 'Subnet to host Azure Firewall',
    recommendations: [
      {
        text: 'Azure Firewall secures outbound traffic; use Azure Firewall Manager (firewall policies) to manage firewalls centrally.',
        rules: ['firewall/idps'],
        artifacts: [FIREWALL, FIREWALL_POLICY, FIREWALL_RULES, HUB_VNET],
        config: [
          'hub.subnets.firewall',
          'hub.firewall.parentPolicyId',
          'hub.existing.firewallPolicyId',
          'hub.firewall.intrusionDetection',
        ],
      },
    ],
  },
  {
    heading: 'Subnet to host a gateway',
    recommendations: [
      {
        text: 'A placeholder subnet for a VPN gateway or an Azure ExpressRoute gateway to the on-premises network.',
        artifacts: [HUB_VNET],
        config: ['hub.subnets.gateway', 'hub.gatewayTransit', 'otherNetworks'],
      },
    ],
  },
  {
    heading: 'Subnet to host Azure Bastion',
    recommendations: [
      {
        text: 'Use Azure Bastion to securely access Azure resources without exposing them; the subnet is for management only.',
        rules: ['net/public-ips', 'net/nsg-lateral-management'],
        artifacts: [BASTION, arm('hub', 'Microsoft.Network/networkSecurityGroups'), NSGS],
        config: ['hub.bastion.enabled', 'hub.subnets.bastion'],
      },
    ],
  },
  {
    heading: 'Spoke virtual network',
    recommendations: [
      {
        text: 'The spoke virtual network contains the AKS cluster and other related resources, in subnets of their own.',
        artifacts: [SPOKE_VNET],
        config: ['spokes[].addressSpace', 'spokes[].subnets'],
      },
    ],
  },
  {
    heading: 'Subnet to host Azure Application Gateway',
    recommendations: [
      {
        text: 'Application Gateway v2 with Web Application Firewall; a public front-end IP configuration receives user requests.',
        rules: [
          'appgw/waf-prevention',
          'appgw/waf-sku',
          'appgw/bot-protection',
          'net/public-ips',
          'net/gateway-ports',
        ],
        artifacts: [GATEWAY, WAF, GATEWAY_IP],
        config: [
          'spokes[].ingress.applicationGateway.minCapacity',
          'spokes[].ingress.applicationGateway.maxCapacity',
          'spokes[].ingress.hostNames',
        ],
      },
      {
        text: 'Application Gateway requires a dedicated subnet.',
        artifacts: [SPOKE_VNET, NSGS],
        config: ['spokes[].subnets.applicationGateway'],
      },
    ],
  },
  {
    heading: 'Subnet to host the ingress resources',
    recommendations: [
      {
        text: 'Traefik is the ingress controller that fulfills the Kubernetes ingress resources.',
        artifacts: [k8s(TRAEFIK, 'Deployment/traefik'), k8s(TRAEFIK, 'IngressClass/traefik-internal')],
      },
      {
        text: 'The Azure internal load balancers exist in this subnet.',
        rules: ['k8s/internal-load-balancer'],
        artifacts: [k8s(TRAEFIK, 'Service/traefik'), SPOKE_VNET],
        config: ['spokes[].subnets.ingress', 'spokes[].ingress.staticIp'],
      },
    ],
  },
  {
    heading: 'Subnet to host the cluster nodes',
    recommendations: [
      {
        text: 'Two node pools: the system pool hosts core cluster services; the user pool runs the workload and the ingress controller.',
        rules: ['aks/system-pool-taint', 'k8s/user-pools'],
        artifacts: [AKS],
        config: ['spokes[].cluster.systemPool', 'spokes[].cluster.userPools', 'spokes[].subnets.nodes'],
      },
      {
        text: 'Create Private Link connections for Container Registry and Key Vault, in a dedicated subnet of the spoke.',
        rules: ['net/private-endpoints', 'acr/private', 'kv/private'],
        artifacts: [ENDPOINTS, DNS_ZONES, DNS_LINKS, SPOKE_VNET],
        config: ['spokes[].subnets.privateEndpoints'],
      },
      {
        text: 'Apply granular security rules at the subnet level by using network security groups, private endpoint subnet included.',
        rules: ['net/private-endpoint-network-policies'],
        artifacts: [NSGS, SPOKE_VNET],
      },
    ],
  },
  {
    heading: 'Plan the IP addresses',
    recommendations: [
      {
        text: 'Plan both address spaces: the Azure virtual network (nodes, private endpoints, Application Gateway) and the CNI Overlay pods.',
        rules: ['aks/cni-overlay'],
        artifacts: [SPOKE_VNET, AKS],
        config: ['spokes[].addressSpace', 'spokes[].cluster.network.podCidr', 'ipPlan.scaleOutFactor'],
      },
    ],
  },
  {
    heading: 'Virtual network IP address space',
    recommendations: [
      {
        text: 'The virtual network must hold all subnets, with the Private Link addresses and the addresses Azure reserves.',
        artifacts: [SPOKE_VNET, HUB_VNET, ENDPOINTS],
        config: [
          'spokes[].addressSpace',
          'spokes[].subnets',
          'spokes[].subnets.privateEndpoints',
          'hub.addressSpace',
          'hub.subnets',
        ],
      },
      {
        text: 'Account for temporary upgrade nodes and for the maximum node count of all pools (scaling out by 400%: four times).',
        config: [
          'ipPlan.scaleOutFactor',
          'upgrades.maxSurge',
          'spokes[].cluster.systemPool.maxCount',
          'spokes[].cluster.userPools[].maxCount',
        ],
      },
      {
        text: 'In a production AKS cluster, always separate the system node pool from the user node pool.',
        rules: ['aks/system-pool-taint', 'k8s/user-pools'],
        artifacts: [AKS],
        config: ['spokes[].subnetPerNodePool', 'spokes[].subnets.nodePools'],
      },
      {
        text: 'Multiple workloads might need isolated user node pools, more subnets and more ingress controllers.',
        leftOut: {
          because: 'optional in the spec',
          why: 'The architecture is designed for a single workload; Baseplate deploys one.',
        },
      },
    ],
  },
  {
    heading: 'Pod IP address space',
    recommendations: [
      {
        text: "Use a pod address space that doesn't overlap with your virtual network or any peered virtual networks.",
        rules: ['aks/pod-ranges'],
        config: [
          'spokes[].cluster.network.podCidr',
          'spokes[].cluster.network.serviceCidr',
          'otherNetworks',
          'hub.existing.addressSpace',
        ],
      },
      {
        text: 'Make the pod space large enough for a /24 per node, temporary nodes of upgrades and scale-out included.',
        artifacts: [AKS],
        config: ['spokes[].cluster.network.podCidr', 'ipPlan.scaleOutFactor', 'upgrades.maxSurge'],
      },
      {
        text: 'Each node supports up to 250 pods, pods created during upgrades included.',
        rules: ['aks/max-pods'],
        config: ['spokes[].cluster.systemPool.maxPods', 'spokes[].cluster.userPools[].maxPods'],
      },
    ],
  },
  {
    heading: 'Other IP address space considerations',
    recommendations: [
      {
        text: 'See AKS baseline network topology, Plan IP addressing, and Windows containers on AKS.',
        leftOut: { because: 'no recommendation', why: 'Pointers to other articles only.' },
      },
    ],
  },
  {
    heading: 'Add-ons and preview features',
    recommendations: [
      {
        text: 'This baseline architecture depends on select AKS preview features.',
        leftOut: {
          because: 'optional in the spec',
          why: 'Baseplate replaces them with generally available features and stable API versions.',
        },
      },
      {
        text: 'Include only the add-ons that add significant value to a general-purpose cluster; AKS manages their lifecycle.',
        rules: ['arm/preview-api', 'aks/azure-policy', 'aks/secrets-store-csi', 'aks/container-insights'],
        artifacts: [AKS],
      },
      {
        text: 'Evaluate other preview features or AKS add-ons in preproduction clusters.',
        leftOut: {
          because: 'organisational process',
          why: 'An evaluation the team runs; Baseplate deploys no preview feature.',
        },
      },
      {
        text: 'Non-Microsoft add-ons: install and maintain them, tracking versions and updating after Kubernetes upgrades.',
        artifacts: [
          k8s(LAYERS, 'Kustomization/ingress'),
          { file: 'gitops/images.json' },
          { file: 'pipelines/deploy.sh' },
        ],
      },
    ],
  },
  {
    heading: 'Container image reference',
    recommendations: [
      {
        text: 'Authenticate the cluster to pull the image.',
        rules: ['identity/kubelet-acr-pull', 'k8s/no-pull-secrets'],
        artifacts: [CLUSTER_ROLES],
      },
      {
        text: 'Import a public image into the container registry that aligns with your SLO.',
        artifacts: [
          { file: 'pipelines/deploy.sh' },
          { file: 'gitops/images.json' },
          k8s(LAYERS, 'Kustomization/ingress'),
        ],
      },
      {
        text: 'Use a private container registry: no unauthorized access, no public-facing dependencies, image pull logs.',
        rules: ['acr/private', 'acr/admin-user', 'acr/anonymous-pull', 'monitoring/registry-logs'],
        artifacts: [REGISTRY, ENDPOINTS, SERVICE_DIAGNOSTICS],
        config: ['spokes[].registry.sku'],
      },
      {
        text: 'Take advantage of integrated container scanning and image compliance.',
        artifacts: [DEFENDER, { file: 'pipelines/workload.yml' }],
        config: ['defender.enabled'],
      },
      {
        text: 'Pull images from authorized registries, enforced through Azure Policy: only the Container Registry instance deployed.',
        rules: ['k8s/approved-registries'],
        artifacts: [POLICIES],
        config: ['policy.customPolicyEffect', 'policy.excludedNamespaces'],
      },
    ],
  },
  {
    heading: 'Configure compute for the base cluster',
    recommendations: [
      {
        text: 'Consider a smaller VM size for the system node pool: three DS2_v2 nodes, 512 GB OS disk.',
        artifacts: [AKS],
        config: [
          'spokes[].cluster.systemPool.vmSize',
          'spokes[].cluster.systemPool.osDiskSizeGB',
          'spokes[].cluster.systemPool.osDiskType',
        ],
      },
      {
        text: 'User pool: larger nodes of the VM type the workload needs; DS4_v2 in production, DS3_v2 the minimum recommendation.',
        rules: ['aks/user-pool-vm-size'],
        artifacts: [AKS],
        config: ['spokes[].cluster.userPools[].vmSize', 'spokes[].cluster.userPools[].taints'],
      },
      {
        text: 'Deploy at least two nodes, so the workload has a high availability pattern with two replicas.',
        rules: ['aks/user-pool-size'],
        config: ['spokes[].cluster.userPools[].minCount'],
      },
      {
        text: 'Assume that your workload consumes up to 80% of each node when planning capacity; 20% is reserved for AKS services.',
        config: ['spokes[].cluster.userPools[].vmSize', 'spokes[].cluster.userPools[].maxCount'],
      },
      {
        text: 'Set the maximum pods per node based on your capacity planning; start with a value of 30.',
        rules: ['aks/max-pods'],
        artifacts: [AKS],
        config: ['spokes[].cluster.systemPool.maxPods', 'spokes[].cluster.userPools[].maxPods'],
      },
    ],
  },
  {
    heading: 'Select an operating system',
    recommendations: [
      {
        text: 'Use Azure Linux, a lightweight, hardened distribution tuned for Azure; or another Linux such as Ubuntu.',
        rules: ['aks/linux-os'],
        artifacts: [AKS],
        config: ['spokes[].cluster.systemPool.osSku', 'spokes[].cluster.userPools[].osSku'],
      },
      {
        text: 'Windows Server node pools: see Running Windows containers on AKS for their architecture.',
        leftOut: {
          because: 'another architecture',
          why: 'Windows node pools are the subject of "Windows containers on AKS".',
        },
      },
      {
        text: 'There are special requirements for some aspects of a cluster that runs Windows.',
        rules: ['aks/windows-pools'],
      },
      {
        text: "If you don't need different operating systems, use a single operating system for all your workload's node pools.",
        rules: ['aks/single-os'],
        config: ['spokes[].cluster.userPools[].osSku'],
      },
    ],
  },
  {
    heading: 'Integrate Microsoft Entra ID for the cluster',
    recommendations: [
      {
        text: 'The Log Analytics workspaces take Entra ID sign-ins only (local authentication disabled); replication to a second region is an option.',
        rules: ['monitoring/workspace-local-auth'],
        artifacts: [HUB_LOGS],
        config: ['monitoring.workspaceReplicationLocation'],
      },
      {
        text: 'Inside-out access: authorize only the resources (network, Container Registry, Key Vault) the cluster should access.',
        rules: ['identity/kubelet-acr-pull'],
        artifacts: [SERVICE_ROLES, CLUSTER_ROLES],
      },
      {
        text: 'Outside-in access: authorize only the external entities allowed to the Kubernetes API server and Azure Resource Manager.',
        rules: ['aks/entra-id', 'aks/api-server-access'],
        artifacts: [AKS],
        config: [
          'spokes[].cluster.entra.adminGroupObjectIds',
          'spokes[].cluster.entra.readerGroupObjectIds',
          'spokes[].cluster.apiServer.authorizedIpRanges',
        ],
      },
    ],
  },
  {
    heading: 'AKS access to Azure',
    recommendations: [
      {
        text: 'Of service principals and managed identities, we recommend managed identities.',
        rules: ['aks/managed-identity'],
        artifacts: [IDENTITIES, AKS],
      },
      {
        text: 'Use managed identities to pull images: grant AcrPull to the kubelet identity, not imagePullSecrets.',
        rules: ['identity/kubelet-acr-pull', 'k8s/no-pull-secrets', 'acr/admin-user'],
        artifacts: [CLUSTER_ROLES],
      },
      {
        text: "Assign Azure RBAC roles to the cluster's managed identities: Network Contributor, Monitoring Metrics Publisher, AcrPull.",
        artifacts: [SERVICE_ROLES, CLUSTER_ROLES],
      },
    ],
  },
  {
    heading: 'Cluster access',
    recommendations: [
      {
        text: 'Readers get the Azure Kubernetes Service Cluster User Role, to fetch a kubeconfig, and reader roles in the namespaces they need; plan says in a note when nobody will administer the cluster.',
        rules: ['aks/cluster-user-role', 'aks/cluster-admin'],
        artifacts: [CLUSTER_ROLES],
        config: ['spokes[].cluster.entra.adminGroupObjectIds', 'spokes[].cluster.entra.readerGroupObjectIds'],
      },
      {
        text: 'Microsoft Entra ID authenticates kubectl users against the Azure roles allowed to get cluster credentials.',
        leftOut: {
          because: 'no recommendation',
          why: 'It introduces the two ways that follow, each covered there.',
        },
      },
    ],
  },
  {
    heading: 'Associate Kubernetes RBAC with Microsoft Entra ID',
    recommendations: [
      {
        text: 'Bind Kubernetes roles (cluster-admin, edit, view) to Microsoft Entra users and groups.',
        rules: ['aks/kubernetes-rbac'],
        config: [
          'spokes[].cluster.entra.azureRbac',
          'spokes[].cluster.entra.adminGroupObjectIds',
          'spokes[].cluster.entra.readerGroupObjectIds',
        ],
      },
      {
        text: 'Include the Microsoft Entra groups for cluster and namespace access in your Microsoft Entra access reviews.',
        leftOut: {
          because: 'organisational process',
          why: 'Access reviews are run in Entra ID by the identity team.',
        },
      },
    ],
  },
  {
    heading: 'Use Azure RBAC for Kubernetes authorization',
    recommendations: [
      {
        text: 'Instead of Kubernetes native RBAC, we recommend that you use Azure RBAC and Azure role assignments.',
        rules: ['aks/azure-rbac'],
        artifacts: [AKS, CLUSTER_ROLES],
        config: [
          'spokes[].cluster.entra.azureRbac',
          'spokes[].cluster.entra.adminGroupObjectIds',
          'spokes[].cluster.entra.readerGroupObjectIds',
        ],
      },
      {
        text: 'Assign these roles at the management group, subscription, or resource group scopes for consistent access.',
        leftOut: {
          because: 'optional in the spec',
          why: 'Baseplate assigns the groups on each cluster; wider scopes belong to the platform team.',
        },
      },
    ],
  },
  {
    heading: 'Local accounts',
    recommendations: [
      {
        text: 'Always manage access with Microsoft Entra ID, and configure your cluster to explicitly disable local account access.',
        rules: ['aks/local-accounts', 'aks/entra-id'],
        artifacts: [AKS],
        config: ['spokes[].cluster.disableLocalAccounts', 'spokes[].cluster.entra.tenantId'],
      },
    ],
  },
  {
    heading: 'Integrate Microsoft Entra ID for the workload',
    recommendations: [
      {
        text: 'Microsoft Entra Workload ID on AKS provides the managed identities for pods.',
        rules: ['aks/workload-identity'],
        artifacts: [AKS, FEDERATION, IDENTITIES, k8s(TRAEFIK, 'ServiceAccount/traefik')],
      },
    ],
  },
  {
    heading: 'Select a networking model',
    recommendations: [
      {
        text: 'We recommend a CNI-based networking model, and Azure CNI Overlay for IP address-constrained deployments.',
        rules: ['aks/cni-overlay', 'aks/network-policy'],
        artifacts: [AKS],
        config: ['spokes[].cluster.network.podCidr', 'spokes[].cluster.network.serviceCidr'],
      },
    ],
  },
  {
    heading: 'Deploy ingress resources',
    recommendations: [
      {
        text: 'An internal load balancer, in a subnet dedicated to ingress, exposes the ingress controller through a private static IP.',
        rules: ['k8s/internal-load-balancer'],
        artifacts: [k8s(TRAEFIK, 'Service/traefik'), POLICIES],
        config: ['spokes[].ingress.staticIp', 'spokes[].subnets.ingress'],
      },
      {
        text: 'Traefik runs in the user node pool (nodeSelectors), terminates TLS, and forwards to the workload pods over HTTP.',
        rules: ['k8s/https-ingress', 'k8s/user-pools'],
        artifacts: [k8s(TRAEFIK, 'Deployment/traefik')],
      },
      {
        text: "Constrain the ingress controller's scope and its access to resources and actions through Kubernetes RBAC.",
        artifacts: [
          k8s(TRAEFIK, 'Deployment/traefik'),
          k8s(TRAEFIK, 'Role/traefik'),
          k8s(TRAEFIK, 'ClusterRole/traefik'),
        ],
      },
      {
        text: 'Avoid placing replicas on the same node; use podAntiAffinity.',
        rules: ['k8s/spread'],
        artifacts: [k8s(TRAEFIK, 'Deployment/traefik')],
      },
      {
        text: 'Open ports and protocols only to specific entities: Traefik only receives traffic from Application Gateway.',
        rules: ['k8s/ingress-local-traffic'],
        artifacts: [k8s(TRAEFIK, 'NetworkPolicy/traefik'), k8s(TRAEFIK, 'ConfigMap/traefik-dynamic'), NSGS],
      },
      {
        text: 'Configure readinessProbe and livenessProbe settings that monitor the health of the pods.',
        rules: ['k8s/probes'],
        artifacts: [k8s(TRAEFIK, 'Deployment/traefik')],
      },
      {
        text: 'Choose an ingress controller that meets your SLO; you can also use Application Gateway Ingress Controller.',
        leftOut: {
          because: 'optional in the spec',
          why: "Baseplate deploys the spec's Traefik behind Application Gateway, as the reference implementation does.",
        },
      },
      {
        text: 'Integrate Traefik with Microsoft Entra Workload ID and Key Vault.',
        rules: ['aks/workload-identity', 'aks/secrets-store-csi'],
        artifacts: [
          k8s(TRAEFIK, 'ServiceAccount/traefik'),
          k8s(TRAEFIK, 'SecretProviderClass/ingress-tls'),
          FEDERATION,
        ],
      },
    ],
  },
  {
    heading: 'Router settings',
    recommendations: [
      {
        text: 'Routes are served over HTTPS (tls, websecure entrypoint); only traffic from the Application Gateway subnet; gzip.',
        rules: ['k8s/https-ingress'],
        artifacts: [k8s(WORKLOAD, 'Ingress/aspnetapp'), k8s(TRAEFIK, 'ConfigMap/traefik-dynamic')],
      },
    ],
  },
  {
    heading: 'Secure the network flow',
    recommendations: [
      {
        text: 'The network flow: ingress, egress, pod-to-pod and management traffic, with several layers of security.',
        leftOut: {
          because: 'no recommendation',
          why: 'It lists the flows; the sections that follow hold their recommendations.',
        },
      },
    ],
  },
  {
    heading: 'Ingress traffic flow',
    recommendations: [
      {
        text: 'The architecture only accepts TLS encrypted requests from the client.',
        rules: ['appgw/https-only', 'net/gateway-ports', 'net/nsg-internet-inbound'],
        artifacts: [GATEWAY, NSGS],
      },
      {
        text: "The client's host name is associated with a DNS A record to the public IP address of Application Gateway.",
        rules: ['appgw/unique-host-names'],
        artifacts: [GATEWAY],
        config: ['spokes[].ingress.hostNames'],
      },
      {
        text: 'TLS v1.2 is the minimum allowed version with a restricted set of ciphers; SNI strict matching is enabled.',
        rules: ['appgw/tls-policy'],
        artifacts: [GATEWAY, k8s(TRAEFIK, 'ConfigMap/traefik-dynamic')],
      },
      {
        text: 'End-to-end TLS with two certificates: re-encrypted with a wildcard (*.aks-ingress.contoso.com) to the internal load balancer.',
        artifacts: [GATEWAY, VAULT_SECRETS, k8s(TRAEFIK, 'Service/traefik')],
        config: [
          'spokes[].ingress.certificates',
          'spokes[].ingress.hostNames',
          'spokes[].ingress.internalDomain',
        ],
      },
      {
        text: 'Application Gateway is a TLS termination point, so its web application firewall inspects the plaintext.',
        rules: ['appgw/waf-prevention', 'monitoring/gateway-logs'],
        artifacts: [WAF, GATEWAY, GATEWAY_DIAGNOSTICS],
      },
      {
        text: 'Key Vault stores the TLS certificate, read with a user-assigned managed identity integrated with Application Gateway.',
        artifacts: [VAULT_SECRETS, IDENTITIES, SERVICE_ROLES, GATEWAY],
      },
      {
        text: 'The ingress controller is another TLS termination point; the CSI driver mounts its certificate from Key Vault.',
        rules: ['k8s/https-ingress', 'aks/secrets-store-csi'],
        artifacts: [
          k8s(TRAEFIK, 'SecretProviderClass/ingress-tls'),
          k8s(TRAEFIK, 'Deployment/traefik'),
          POLICIES,
        ],
      },
      {
        text: 'End-to-end TLS at every hop through the workload pod (pod-to-pod TLS).',
        leftOut: {
          because: 'optional in the spec',
          why: 'The spec: TLS up to the ingress controller with WAF is sufficient for most single-tenant clusters.',
        },
      },
    ],
  },
  {
    heading: 'Egress traffic flow',
    recommendations: [
      {
        text: "All egress traffic goes through Azure Firewall; don't use NAT Gateway: it doesn't provide traffic inspection.",
        rules: [
          'net/subnet-egress',
          'aks/egress-through-firewall',
          'aks/node-public-ip',
          'net/private-subnets',
        ],
        artifacts: [FIREWALL, ROUTES, AKS, SPOKE_VNET, HUB_VNET],
      },
      {
        text: 'Implement it with user-defined routes (UDRs) whose next hop is the private IP address of Azure Firewall.',
        rules: ['net/node-route-to-firewall', 'aks/egress-through-firewall'],
        artifacts: [ROUTES, SPOKE_VNET, AKS],
      },
      {
        text: 'An alternative to Azure Firewall is the AKS HTTP proxy feature.',
        leftOut: { because: 'optional in the spec', why: 'Baseplate takes Azure Firewall.' },
      },
      {
        text: 'Azure Firewall blocks or allows egress by your rules (the required AKS egress rules) and threat intelligence.',
        rules: ['firewall/threat-intel', 'firewall/dns-proxy', 'firewall/no-any-fqdn'],
        artifacts: [FIREWALL_POLICY, FIREWALL_RULES, arm('hub', 'Microsoft.Network/ipGroups')],
        config: ['hub.firewall.threatIntelMode', 'hub.firewall.tier'],
      },
      {
        text: "Use internal load balancers behind Application Gateway; don't route ingress through Firewall (asymmetric routing).",
        rules: ['net/appgw-subnet-route', 'k8s/internal-load-balancer'],
        artifacts: [SPOKE_VNET, k8s(TRAEFIK, 'Service/traefik')],
      },
      {
        text: 'Use Private Link to reach other Azure resources, such as the container registry and Key Vault.',
        rules: ['net/private-endpoints', 'acr/private', 'kv/private'],
        artifacts: [ENDPOINTS],
      },
      {
        text: 'For services without Private Link, consider a virtual network service endpoint on the subnet.',
        leftOut: {
          because: 'optional in the spec',
          why: "Baseplate reaches them through the firewall by FQDN rules, the spec's other option.",
        },
      },
      {
        text: 'Otherwise reach public endpoints through Firewall rules; plan multiple firewall IPs against port exhaustion.',
        artifacts: [FIREWALL_RULES, FIREWALL_IPS],
        config: ['hub.firewall.publicIpCount'],
      },
    ],
  },
  {
    heading: 'Pod-to-pod traffic',
    recommendations: [
      {
        text: 'Use Kubernetes NetworkPolicy to restrict network traffic between pods.',
        rules: ['k8s/default-deny', 'netpol/workload-isolation'],
        artifacts: [k8s(BASELINE, 'NetworkPolicy/default-deny')],
      },
      {
        text: 'Apply policies judiciously, or a critical network flow might be blocked.',
        rules: ['netpol/dns', 'netpol/local-dns'],
        artifacts: [k8s(BASELINE, 'NetworkPolicy/allow-dns'), AKS],
      },
      {
        text: 'Only allow specific communication paths, such as traffic between the ingress controller and workload.',
        rules: ['netpol/ingress-path', 'netpol/workload-isolation'],
        artifacts: [k8s(WORKLOAD, 'NetworkPolicy/aspnetapp'), k8s(TRAEFIK, 'NetworkPolicy/traefik')],
      },
      {
        text: 'Enable network policy when you provision the cluster; we recommend Azure network policy (Azure CNI).',
        rules: ['aks/network-policy'],
        artifacts: [AKS],
        config: ['spokes[].cluster.network.networkPolicy'],
      },
      {
        text: 'Consider Calico if you need to manage cluster-wide network policies.',
        leftOut: {
          because: 'optional in the spec',
          why: 'Baseplate takes the recommended Azure network policy.',
        },
      },
    ],
  },
  {
    heading: 'Management traffic',
    recommendations: [
      {
        text: 'Run command is off (opt-in): it reaches the API server through Resource Manager, past the authorized ranges.',
        rules: ['aks/run-command'],
        artifacts: [AKS],
        config: ['spokes[].cluster.apiServer.runCommand'],
      },
      {
        text: 'Use the AKS-authorized IP ranges feature to only allow traffic from your authorized IP ranges to the API server.',
        rules: ['aks/api-server-access'],
        artifacts: [AKS],
        config: ['spokes[].cluster.apiServer.authorizedIpRanges'],
      },
      {
        text: "Authorize the build agents, Bastion and the node pools themselves (the firewall's egress addresses).",
        rules: ['net/authorized-ranges-firewall'],
        artifacts: [AKS, FIREWALL_IPS],
        config: ['spokes[].cluster.apiServer.authorizedIpRanges', 'hub.existing.firewallPublicIps'],
      },
      {
        text: 'For another layer of control, you can provision a private AKS cluster.',
        rules: ['aks/api-server-access'],
        artifacts: [PRIVATE_DNS_ROLE],
        config: ['spokes[].cluster.apiServer.private', 'spokes[].cluster.apiServer.vnetIntegration'],
      },
    ],
  },
  {
    heading: 'Add secret management',
    recommendations: [
      {
        text: 'Store secrets in a managed key store, such as Key Vault: rotation, strong encryption and an access audit log.',
        rules: [
          'k8s/no-secrets-in-manifests',
          'k8s/env-secrets',
          'kv/rbac-and-purge-protection',
          'monitoring/key-vault-logs',
        ],
        artifacts: [VAULT, VAULT_SECRETS, SERVICE_DIAGNOSTICS],
        config: ['spokes[].keyVault.softDeleteRetentionDays'],
      },
      {
        text: 'A Key Vault firewall is enabled, and Private Link is used from the resources that access secrets and certificates.',
        rules: ['kv/private', 'net/private-endpoints'],
        artifacts: [VAULT, ENDPOINTS],
      },
      {
        text: 'Use the built-in Key Vault integration of Azure services, such as Application Gateway for its TLS certificates.',
        artifacts: [GATEWAY, SERVICE_ROLES],
      },
      {
        text: 'Use the Azure RBAC permission model: assign workload identities the Key Vault Secrets User role.',
        rules: ['kv/rbac-and-purge-protection'],
        artifacts: [SERVICE_ROLES],
      },
    ],
  },
  {
    heading: 'Access cluster secrets',
    recommendations: [
      {
        text: 'Use workload identities to allow a pod to access secrets from a specific store.',
        rules: ['aks/workload-identity'],
        artifacts: [FEDERATION, k8s(TRAEFIK, 'ServiceAccount/traefik')],
      },
      {
        text: 'Use a secrets store CSI driver (Key Vault provider): it mounts the TLS certificate in the ingress controller pod.',
        rules: ['aks/secrets-store-csi'],
        artifacts: [AKS, k8s(TRAEFIK, 'SecretProviderClass/ingress-tls'), k8s(TRAEFIK, 'Deployment/traefik')],
      },
    ],
  },
  {
    heading: 'Workload storage',
    recommendations: [
      {
        text: 'The workload is stateless: the storage CSI drivers and the snapshot controller stay off unless it claims volumes.',
        rules: ['aks/storage-drivers'],
        artifacts: [AKS],
        config: ['spokes[].cluster.storageDrivers'],
      },
      {
        text: 'The workload is stateless; if you need to store state, persist it outside the cluster.',
        rules: ['k8s/backup'],
        artifacts: [k8s(WORKLOAD, 'Deployment/aspnetapp')],
      },
    ],
  },
  {
    heading: 'Policy management',
    recommendations: [
      {
        text: 'For AKS, deliver policies through Azure Policy; the Azure Policy add-on is enabled when the cluster is created.',
        rules: ['aks/azure-policy'],
        artifacts: [AKS, POLICIES],
      },
      {
        text: 'Organization standards (naming, tags, where AKS may deploy) as policies at the management group level.',
        leftOut: {
          because: 'organisational process',
          why: "The organisation's policies, assigned by its platform team at its own scopes.",
        },
      },
      {
        text: 'Audit or Deny: have processes to check noncompliant states at a regular cadence.',
        leftOut: { because: 'organisational process', why: 'Reviewing compliance is an operations routine.' },
      },
      {
        text: 'Be careful with Deny mode; still apply policies in Audit mode to the namespaces exempt from enforcement.',
        rules: ['policy/exempt-namespaces-audited'],
        artifacts: [POLICIES],
        config: ['policy.initiativeEffect', 'policy.customPolicyEffect', 'policy.excludedNamespaces'],
      },
      {
        text: "Use custom Azure Policy definitions for custom Gatekeeper policies; don't apply custom policies directly to the cluster.",
        rules: ['policy/no-direct-gatekeeper'],
      },
      {
        text: 'Ensure the production policies are also validated against your preproduction environment.',
        rules: ['policy/environment-parity'],
        config: ['spokes[].environment'],
      },
      {
        text: 'Select an initiative plus policies for the cluster and its resources: the restrictive initiative, in Audit mode.',
        rules: [
          'policy/pod-security',
          'k8s/restricted-security-context',
          'k8s/host-namespaces',
          'k8s/host-path',
          'k8s/added-capabilities',
          'k8s/seccomp-unconfined',
        ],
        artifacts: [POLICIES, k8s(BASELINE, 'Namespace/a0008')],
        config: ['policy.initiative', 'policy.initiativeEffect'],
      },
      {
        text: 'The cluster assigns its own workload-specific policies, in Deny mode: e.g. images only from the deployed registry.',
        rules: ['policy/kubernetes-guardrails'],
        artifacts: [POLICIES],
        config: ['policy.customPolicyEffect'],
      },
      {
        text: 'Policies for the cluster resource and the resources that interact with it, such as Container Registry: the cluster stays as planned after deployment.',
        rules: ['policy/cluster-guardrails', 'policy/registry-deny'],
        artifacts: [POLICIES],
        config: ['spokes[].cluster.disableLocalAccounts', 'policy.customPolicyEffect'],
      },
      {
        text: 'Consider creating your own custom initiatives, combining the applicable policies into a single assignment.',
        rules: ['policy/custom-kubernetes-definitions', 'policy/kubernetes-guardrails'],
        config: ['policy.customInitiative'],
      },
    ],
  },
  {
    heading: 'Node and pod scalability',
    recommendations: [
      {
        text: 'We recommend autoscaling both pod replicas and the node count.',
        rules: ['k8s/hpa-bounds', 'aks/user-pool-autoscaler'],
        artifacts: [k8s(WORKLOAD, 'HorizontalPodAutoscaler/aspnetapp'), AKS],
      },
      {
        text: 'Monitor and set alerts on CPU usage or custom metrics; be notified when the scheduler fails.',
        artifacts: [METRIC_ALERTS, PROMETHEUS_ALERTS, ACTION_GROUP],
        config: ['monitoring.alertEmails'],
      },
      {
        text: 'Performance test with a minimum of pods and nodes to set the autoscaling parameters.',
        leftOut: { because: 'organisational process', why: 'Performance testing of the workload.' },
      },
    ],
  },
  {
    heading: 'Horizontal Pod Autoscaler',
    recommendations: [
      {
        text: 'In the HPA resource, we recommend setting the minimum and maximum replica count.',
        rules: ['k8s/hpa-bounds', 'k8s/hpa-owns-replicas'],
        artifacts: [k8s(WORKLOAD, 'HorizontalPodAutoscaler/aspnetapp')],
      },
      {
        text: 'Consider KEDA if an event source, such as a message queue, drives your workload.',
        leftOut: {
          because: 'optional in the spec',
          why: 'For event-driven workloads; the sample workload is CPU-bound.',
        },
      },
    ],
  },
  {
    heading: 'Cluster autoscaler',
    recommendations: [
      {
        text: 'Add the cluster autoscaler during cluster provisioning; you need a separate autoscaler for each user node pool.',
        rules: ['aks/user-pool-autoscaler'],
        artifacts: [AKS],
      },
      {
        text: 'Set the maximum and minimum node count; the reference implementation sets the minimum to two.',
        rules: ['aks/user-pool-size'],
        artifacts: [AKS],
        config: ['spokes[].cluster.userPools[].minCount', 'spokes[].cluster.userPools[].maxCount'],
      },
      {
        text: 'For the system node pool, the recommended minimum value is three.',
        rules: ['aks/system-pool-size'],
        artifacts: [AKS],
        config: ['spokes[].cluster.systemPool.minCount', 'spokes[].cluster.systemPool.maxCount'],
      },
    ],
  },
  {
    heading: 'Business continuity decisions',
    recommendations: [
      {
        text: 'Define the SLO for the infrastructure and your application; review the AKS SLA conditions.',
        leftOut: { because: 'organisational process', why: 'Reliability targets are set by the business.' },
      },
    ],
  },
  {
    heading: 'Cluster nodes',
    recommendations: [
      {
        text: 'For reliability, we recommend three nodes for the system node pool.',
        rules: ['aks/system-pool-size'],
        artifacts: [AKS],
        config: ['spokes[].cluster.systemPool.minCount'],
      },
      {
        text: 'For the user node pool, start with no fewer than two nodes.',
        rules: ['aks/user-pool-size'],
        artifacts: [AKS],
        config: ['spokes[].cluster.userPools[].minCount'],
      },
      {
        text: 'Isolate your application in a separate user node pool; use tags, labels, and taints to schedule your workload.',
        rules: ['k8s/user-pools', 'aks/user-pool'],
        artifacts: [AKS, k8s(WORKLOAD, 'Deployment/aspnetapp'), k8s(TRAEFIK, 'Deployment/traefik')],
        config: [
          'spokes[].cluster.systemPool.labels',
          'spokes[].cluster.systemPool.tags',
          'spokes[].cluster.userPools[].labels',
          'spokes[].cluster.userPools[].tags',
          'spokes[].cluster.userPools[].taints',
        ],
      },
      {
        text: 'Ensure that your system node pool is tainted with the CriticalAddonsOnly taint.',
        rules: ['aks/system-pool-taint'],
        artifacts: [AKS],
      },
      {
        text: 'Regular upkeep on your cluster, such as timely updates, is crucial for reliability.',
        rules: ['aks/node-os-upgrades', 'upgrades/supported-version'],
        artifacts: [MAINTENANCE],
      },
      {
        text: 'Monitor the health of the pods through probes.',
        rules: ['k8s/probes'],
        artifacts: [k8s(WORKLOAD, 'Deployment/aspnetapp')],
      },
    ],
  },
  {
    heading: 'Pod availability',
    recommendations: [
      {
        text: 'Set pod disruption budgets.',
        artifacts: [
          k8s(WORKLOAD, 'PodDisruptionBudget/aspnetapp'),
          k8s(TRAEFIK, 'PodDisruptionBudget/traefik'),
        ],
      },
      {
        text: 'Configure multiple replicas in the deployment to handle disruptions such as hardware failures.',
        rules: ['k8s/replicas', 'k8s/spread'],
        artifacts: [k8s(WORKLOAD, 'Deployment/aspnetapp'), k8s(TRAEFIK, 'Deployment/traefik')],
      },
      {
        text: 'Set resource quotas on the workload namespaces (not at the cluster level).',
        rules: ['k8s/namespace-quota'],
        artifacts: [k8s(BASELINE, 'ResourceQuota/compute')],
      },
      {
        text: 'Specify pod requests and limits; start with equal values, then tune them against a tested baseline.',
        rules: ['k8s/resources'],
        artifacts: [
          k8s(WORKLOAD, 'Deployment/aspnetapp'),
          k8s(TRAEFIK, 'Deployment/traefik'),
          k8s(BASELINE, 'LimitRange/defaults'),
        ],
      },
    ],
  },
  {
    heading: 'Availability zones and multi-region support',
    recommendations: [
      {
        text: 'Use availability zones: node pools span zones one, two, and three, with node sizes supported in all of them.',
        rules: ['aks/pool-zones'],
        artifacts: [AKS],
        config: [
          'zones',
          'location',
          'spokes[].cluster.systemPool.zones',
          'spokes[].cluster.userPools[].zones',
          'spokes[].cluster.userPools[].vmSize',
        ],
      },
      {
        text: 'To have an uptime SLA, choose the Standard or Premium tier.',
        rules: ['aks/sla-tier'],
        artifacts: [AKS],
        config: ['spokes[].cluster.tier'],
      },
      {
        text: 'For complete zonal benefit, all service dependencies must also support zones: Firewall, Application Gateway, registry.',
        rules: ['appgw/zones', 'acr/zone-redundancy'],
        artifacts: [FIREWALL, GATEWAY, REGISTRY],
      },
      {
        text: 'Geo-replication is enabled for Container Registry.',
        rules: ['acr/geo-replication'],
        artifacts: [REPLICAS],
        config: ['spokes[].registry.geoReplication.enabled'],
      },
    ],
  },
  {
    heading: 'Multiple regions',
    recommendations: [
      {
        text: 'Run clusters in several regions (paired if possible), with CI/CD to orchestrate recovery and Front Door between them.',
        leftOut: {
          because: 'another architecture',
          why: 'Active/active clusters in several regions are the AKS baseline for multiregion clusters.',
        },
      },
      {
        text: 'Provide the secondary location of geo-redundant services, e.g. geo-replication for Container Registry.',
        rules: ['acr/geo-replication'],
        artifacts: [REPLICAS],
        config: ['spokes[].registry.geoReplication.locations'],
      },
      {
        text: 'Choose a traffic router: Load Balancer distributes across zones.',
        artifacts: [k8s(TRAEFIK, 'Service/traefik'), GATEWAY],
      },
    ],
  },
  {
    heading: 'Disaster recovery',
    recommendations: [
      {
        text: 'Use multiple regions, the paired region if there is one; integrate replication to another region in the pipeline.',
        leftOut: {
          because: 'another architecture',
          why: 'Several regions are the AKS baseline for multiregion clusters.',
        },
      },
      {
        text: 'Use a nonstateful workload; state kept in the cluster must be backed up frequently in another region.',
        rules: ['k8s/backup'],
        artifacts: [k8s(WORKLOAD, 'Deployment/aspnetapp')],
      },
      {
        text: 'Provision each Azure service with its disaster recovery features: Container Registry geo-replication.',
        rules: ['acr/geo-replication'],
        artifacts: [REPLICAS],
        config: ['spokes[].registry.geoReplication.enabled', 'spokes[].registry.geoReplication.locations'],
      },
      {
        text: 'Deploy your infrastructure as code, so you can reuse the templates to create an identical instance elsewhere.',
        artifacts: [{ file: 'pipelines/deploy.sh' }, { file: 'pipelines/infrastructure.yml' }],
        config: ['location'],
      },
    ],
  },
  {
    heading: 'Cluster backup',
    recommendations: [
      {
        text: 'Return a new cluster to operating state through GitOps bootstrapping, followed by application deployment.',
        artifacts: [FLUX, FLUX_CONFIG],
        config: ['gitops.repositoryUrl'],
      },
      {
        text: "If there's critical or disk-based state that bootstrapping can't capture, consider your recovery strategy.",
        rules: ['k8s/backup'],
      },
      {
        text: 'Install a backup solution (Velero, or the AKS backup extension) when backup must be part of your recovery strategy.',
        leftOut: {
          because: 'optional in the spec',
          why: 'The reference implementation does not implement backup: GitOps and stateless workloads are its recovery.',
        },
      },
      {
        text: 'Choose and validate a backup solution against your RPO and RTO; define the recovery process in a runbook and practice it.',
        leftOut: {
          because: 'organisational process',
          why: 'Objectives, runbooks and drills belong to the team.',
        },
      },
    ],
  },
  {
    heading: 'Kubernetes API server SLA',
    recommendations: [
      {
        text: 'We recommend all production clusters use the Standard tier.',
        rules: ['aks/sla-tier'],
        artifacts: [AKS],
        config: ['spokes[].cluster.tier'],
      },
      {
        text: 'Reserve the Free tier for preproduction clusters and the Premium tier for mission-critical workloads only.',
        config: ['spokes[].cluster.tier', 'preset', 'spokes[].environment'],
      },
    ],
  },
  {
    heading: 'Test with simulations and forced failovers',
    recommendations: [
      {
        text: "Test your solution's reliability through forced failover testing with simulated outages (Azure Chaos Studio).",
        leftOut: {
          because: 'organisational process',
          why: 'Chaos and failover drills are run against a live environment by the team.',
        },
      },
    ],
  },
  {
    heading: 'Monitor and collect logs and metrics',
    recommendations: [
      {
        text: "The monitoring plane watches itself: the workspaces, both collection rules and the version topic send their own logs; the nodes' syslog is collected.",
        rules: ['monitoring/monitoring-plane-logs', 'monitoring/node-syslog'],
        artifacts: [COLLECTION_RULES, CONTROL_PLANE_LOGS, HUB_DIAGNOSTICS, SERVICE_DIAGNOSTICS],
      },
      {
        text: 'We recommend Azure Monitor container insights; container logs go to the ContainerLogV2 table.',
        rules: ['aks/container-insights', 'monitoring/agent-configuration'],
        artifacts: [
          AKS,
          COLLECTION_RULES,
          arm('monitoring-NN', 'Microsoft.Insights/dataCollectionRuleAssociations'),
          k8s(BASELINE, 'ConfigMap/container-azm-ms-agentconfig'),
        ],
      },
      {
        text: 'Container insights integrates with Prometheus for application and workload metrics.',
        artifacts: [PROMETHEUS, k8s(BASELINE, 'ConfigMap/ama-metrics-settings-configmap')],
        config: ['monitoring.managedPrometheus'],
      },
      {
        text: "Pods' own Prometheus metrics are scraped: annotation-based scraping of the ingress and workload namespaces, the ingress controller annotated.",
        rules: ['monitoring/annotation-scraping'],
        artifacts: [
          k8s(BASELINE, 'ConfigMap/ama-metrics-settings-configmap'),
          k8s(TRAEFIK, 'Deployment/traefik'),
        ],
        config: ['monitoring.managedPrometheus'],
      },
      {
        text: "The network policy engine's own metrics: Azure NPM's node and cluster scrape jobs (with Cilium, the networkobservabilityCilium target).",
        rules: ['monitoring/network-policy-metrics', 'monitoring/network-observability'],
        artifacts: [k8s(CLUSTER_METRICS, 'ConfigMap/ama-metrics-prometheus-config')],
        config: ['monitoring.managedPrometheus', 'spokes[].cluster.network.networkPolicy'],
      },
      {
        text: 'The node and Kubernetes recording rules the portal workbooks and Grafana dashboards query.',
        rules: ['monitoring/recording-rules'],
        artifacts: [PROMETHEUS_ALERTS],
        config: ['monitoring.managedPrometheus'],
      },
      {
        text: 'Configure alerting to receive proactive notifications about critical problems.',
        rules: ['monitoring/recommended-alerts'],
        artifacts: [METRIC_ALERTS, PROMETHEUS_ALERTS, ACTION_GROUP],
        config: ['monitoring.alertEmails'],
      },
      {
        text: 'Non-Microsoft solutions (Datadog, Grafana, New Relic) if your organization already uses them.',
        leftOut: { because: 'optional in the spec', why: 'Baseplate uses Azure Monitor.' },
      },
      {
        text: 'Enable the control plane logs ClusterAutoscaler, KubeControllerManager, kube-audit-admin and guard.',
        rules: ['monitoring/control-plane-logs'],
        artifacts: [CONTROL_PLANE_LOGS],
        config: ['monitoring.controlPlaneLogs'],
      },
      {
        text: "There's no reason to have both kube-audit and kube-audit-admin enabled.",
        rules: ['monitoring/kube-audit-twice'],
        config: ['monitoring.controlPlaneLogs'],
      },
      {
        text: 'Enable KubeScheduler or kube-audit only while troubleshooting; kept on, they incur unnecessary costs.',
        rules: ['monitoring/troubleshooting-logs'],
        config: ['monitoring.controlPlaneLogs'],
      },
      {
        text: 'Save and reuse log queries by using one or more query packs.',
        leftOut: {
          because: 'optional in the spec',
          why: 'A library each team grows; Baseplate deploys no query pack.',
        },
      },
    ],
  },
  {
    heading: 'Network metrics',
    recommendations: [
      {
        text: 'Most clusters should include network observability, collected with managed Prometheus rather than container insights.',
        rules: ['monitoring/network-observability'],
        artifacts: [k8s(BASELINE, 'ConfigMap/ama-metrics-settings-configmap'), PROMETHEUS, COLLECTION_RULES],
        config: ['monitoring.networkObservability', 'monitoring.managedPrometheus'],
      },
      {
        text: "You shouldn't enable advanced network observability unless your pods demand a highly optimized network.",
        rules: ['monitoring/advanced-network-observability'],
        config: ['monitoring.advancedNetworkObservability'],
      },
    ],
  },
  {
    heading: 'Cost optimization for logging',
    recommendations: [
      {
        text: 'Use the Basic plan for ContainerLogV2 as a starting point; move to Analytics if the solution becomes read-intensive.',
        artifacts: [LOG_TABLE],
        config: ['monitoring.containerLogV2Plan'],
      },
    ],
  },
  {
    heading: 'Enable self-healing',
    recommendations: [
      {
        text: 'Monitor the health of pods by setting liveness and readiness probes.',
        rules: ['k8s/probes'],
        artifacts: [k8s(WORKLOAD, 'Deployment/aspnetapp'), k8s(TRAEFIK, 'Deployment/traefik')],
      },
      {
        text: 'AKS has an automatic node repair feature for infrastructure nodes.',
        leftOut: { because: 'no recommendation', why: 'Built into AKS; nothing to set.' },
      },
    ],
  },
  {
    heading: 'Routine updates for AKS clusters',
    recommendations: [
      {
        text: 'Address the three layers of updates: the Kubernetes version, the node VHD image, and the OS native updates.',
        rules: ['upgrades/supported-version', 'aks/node-os-upgrades', 'aks/image-cleaner'],
        artifacts: [AKS],
      },
      {
        text: 'Choose the cadence, the maintenance window, and whether updates install manually or automatically.',
        rules: ['upgrades/maintenance-window'],
        artifacts: [MAINTENANCE],
        config: [
          'upgrades.strategy',
          'upgrades.clusterChannel',
          'upgrades.nodeOsChannel',
          'upgrades.nodeOsWindow',
          'upgrades.clusterWindow',
        ],
      },
    ],
  },
  {
    heading: 'Immutable infrastructure',
    recommendations: [
      {
        text: 'Immutable infrastructure: set the node image upgrade and the cluster automatic upgrade to none.',
        rules: ['aks/node-os-upgrades'],
        config: ['upgrades.strategy'],
      },
      {
        text: 'Test updates in preproduction on a new cluster, deploy a replacement production stamp, then drain the old cluster.',
        leftOut: {
          because: 'organisational process',
          why: 'A release procedure; Baseplate can plan the new stamp as another spoke.',
        },
      },
      {
        text: 'All other clusters should have an in-place upgrade strategy.',
        rules: ['aks/node-os-upgrades'],
        artifacts: [AKS, MAINTENANCE],
        config: ['upgrades.strategy'],
      },
    ],
  },
  {
    heading: 'In-place upgrades',
    recommendations: [
      {
        text: 'Schedule the planned maintenance feature of AKS so you can control upgrades on your cluster.',
        rules: ['upgrades/maintenance-window'],
        artifacts: [MAINTENANCE],
        config: ['upgrades.nodeOsWindow', 'upgrades.clusterWindow'],
      },
      {
        text: "Configure pod disruption budgets, but don't make them so aggressive that they block node upgrades.",
        rules: ['k8s/pdb-allows-drain'],
        artifacts: [
          k8s(WORKLOAD, 'PodDisruptionBudget/aspnetapp'),
          k8s(TRAEFIK, 'PodDisruptionBudget/traefik'),
        ],
      },
      {
        text: 'IP address space must be available for the surge nodes; a surge value of 33% is a good starting point.',
        artifacts: [AKS],
        config: ['upgrades.maxSurge', 'ipPlan.scaleOutFactor'],
      },
      {
        text: 'Confirm Azure resource quota and resource availability for the surge nodes.',
        leftOut: {
          because: 'not checkable before deployment',
          why: 'Quota lives in the subscription; Baseplate plans without reading it.',
        },
      },
      {
        text: 'Test compatibility with tooling and workload components in a preproduction environment.',
        leftOut: {
          because: 'organisational process',
          why: 'Testing before each upgrade is a team practice.',
        },
      },
    ],
  },
  {
    heading: 'In-place upgrades for nodes',
    recommendations: [
      {
        text: 'Use the NodeImage channel for node OS image upgrades; avoid the None and Unmanaged channels.',
        rules: ['aks/node-os-upgrades'],
        artifacts: [AKS],
        config: ['upgrades.nodeOsChannel', 'upgrades.strategy'],
      },
      {
        text: 'Set the planned maintenance window for at least once per week, whatever node image OS you use.',
        rules: ['upgrades/maintenance-frequency', 'upgrades/maintenance-window'],
        artifacts: [MAINTENANCE],
        config: [
          'upgrades.nodeOsWindow.frequency',
          'upgrades.nodeOsWindow.intervalWeeks',
          'upgrades.nodeOsWindow.dayOfWeek',
        ],
      },
      {
        text: 'With the SecurityPatch channel, give the window more frequent gaps, such as daily or every other day.',
        rules: ['upgrades/maintenance-frequency'],
        config: [
          'upgrades.nodeOsChannel',
          'upgrades.nodeOsWindow.frequency',
          'upgrades.nodeOsWindow.intervalDays',
        ],
      },
    ],
  },
  {
    heading: 'In-place updates to the cluster',
    recommendations: [
      {
        text: 'Remain current with Kubernetes updates: stay within the two most recent versions or N-2.',
        rules: ['upgrades/supported-version'],
        artifacts: [AKS],
        config: ['spokes[].cluster.kubernetesVersion'],
      },
      {
        text: 'If in-place upgrades are too risky, use a blue-green deployment of AKS clusters.',
        leftOut: {
          because: 'optional in the spec',
          why: 'Baseplate takes in-place upgrades, the default of the spec.',
        },
      },
      {
        text: 'Avoid the cluster automatic upgrade feature when you first deploy; upgrade manually, tested in preproduction first.',
        artifacts: [AKS],
        config: ['upgrades.clusterChannel', 'spokes[].cluster.kubernetesVersion'],
      },
      {
        text: 'Get notified of new AKS versions through the AKS Event Grid system topic (NewKubernetesVersionAvailable).',
        rules: ['upgrades/new-versions'],
        artifacts: [VERSION_TOPIC],
        config: ['monitoring.kubernetesVersionWebhook'],
      },
      {
        text: 'Review the AKS release notes for compatibility concerns, behavior changes, or feature deprecations.',
        leftOut: {
          because: 'organisational process',
          why: "Reading release notes before an upgrade is the team's.",
        },
      },
      {
        text: "With automatic upgrades, keep the IaC's AKS version in sync and configure a maintenance window for them.",
        rules: ['upgrades/maintenance-window'],
        artifacts: [MAINTENANCE],
        config: ['upgrades.clusterChannel', 'upgrades.clusterWindow', 'spokes[].cluster.kubernetesVersion'],
      },
    ],
  },
  {
    heading: 'Security monitoring',
    recommendations: [
      {
        text: 'Monitor your container infrastructure for both active threats and potential security risks.',
        rules: ['aks/defender'],
        artifacts: [DEFENDER, AKS],
        config: ['defender.enabled'],
      },
    ],
  },
  {
    heading: 'Cluster and workload operations',
    recommendations: [
      {
        text: 'For DevOps considerations, see the Operational Excellence design principles.',
        leftOut: { because: 'no recommendation', why: 'A pointer to another article.' },
      },
    ],
  },
  {
    heading: 'Cluster bootstrapping',
    recommendations: [
      {
        text: 'Prepare the bootstrapping assets in advance, e.g. the images in a Container Registry before the cluster is provisioned.',
        artifacts: [{ file: 'pipelines/deploy.sh' }, { file: 'gitops/images.json' }],
      },
      {
        text: 'Bootstrap with the GitOps Flux v2 cluster extension; kubectl is then reserved for emergency break-fix situations.',
        artifacts: [FLUX, FLUX_CONFIG, k8s(LAYERS, 'Kustomization/baseline')],
        config: ['gitops.repositoryUrl', 'gitops.branch', 'gitops.path'],
      },
    ],
  },
  {
    heading: 'Isolate workload responsibilities',
    recommendations: [
      {
        text: 'Divide the workload by teams and types of resources to individually manage each portion.',
        artifacts: [RESOURCE_GROUPS],
        config: ['hub.existing', 'hub.subscriptionId', 'spokes[].subscriptionId'],
      },
      {
        text: 'Configure networking first: hub and spoke networks, separate subnets for system and user pools, ingress, and Azure Firewall.',
        artifacts: [HUB_VNET, SPOKE_VNET],
        config: ['spokes[].subnetPerNodePool', 'spokes[].subnets.nodePools', 'spokes[].subnets.ingress'],
      },
      {
        text: 'Integrate the basic workload with Microsoft Entra ID.',
        rules: ['aks/entra-id', 'aks/workload-identity'],
        artifacts: [AKS],
      },
    ],
  },
  {
    heading: 'Use IaC',
    recommendations: [
      {
        text: 'Use a declarative, idempotent method (ARM templates), Azure CLI for command sequences, all kept in source control.',
        artifacts: [{ file: 'pipelines/infrastructure.yml' }, { file: 'pipelines/deploy.sh' }],
      },
      {
        text: 'Provision resources per the governing policies: VM sizes within cost constraints and availability zone options.',
        rules: ['aks/pool-zones'],
        config: ['spokes[].cluster.systemPool.vmSize', 'spokes[].cluster.userPools[].vmSize', 'zones'],
      },
    ],
  },
  {
    heading: 'Workload CI/CD',
    recommendations: [
      {
        text: 'Pipelines must build and deploy continuously; updates deploy safely and quickly and roll back in case of problems.',
        rules: ['k8s/image-tag'],
        artifacts: [{ file: 'pipelines/workload.yml' }, { file: 'pipelines/rollback.yml' }],
      },
      {
        text: 'A reliable, automated delivery pipeline (GitHub Actions) deploys changes in workload images to the cluster.',
        artifacts: [{ file: 'pipelines/workload.yml' }, k8s(LAYERS, 'Kustomization/workload')],
      },
    ],
  },
  {
    heading: 'Cluster CI/CD',
    recommendations: [
      {
        text: 'Instead of kubectl, use GitOps to synchronize cluster and repository; we recommend the Flux v2 cluster extension.',
        artifacts: [FLUX, FLUX_CONFIG, k8s(LAYERS, 'Kustomization/workload')],
        config: ['gitops.repositoryUrl', 'gitops.branch'],
      },
      {
        text: "Developers don't have direct access to the Kubernetes API; branch policies approve changes through pull requests.",
        leftOut: {
          because: 'organisational process',
          why: 'Git server settings and team access are outside the plan.',
        },
      },
    ],
  },
  {
    heading: 'Workload and cluster deployment strategies',
    recommendations: [
      {
        text: 'Deploy any change to at least one preproduction AKS cluster before production.',
        artifacts: [{ file: 'pipelines/workload.yml' }],
        config: ['spokes[].environment'],
      },
      {
        text: 'Run tests and validations at each stage, with the same pipeline or Flux operators as production.',
        artifacts: [{ file: 'pipelines/infrastructure.yml' }, { file: 'pipelines/workload.yml' }],
      },
      {
        text: 'Advanced deployment techniques: blue-green, A/B testing and canary releases, e.g. with Flagger.',
        leftOut: {
          because: 'optional in the spec',
          why: 'They need extra processes and tooling; Baseplate rolls out with Deployments.',
        },
      },
    ],
  },
  {
    heading: 'Cost management',
    recommendations: [
      {
        text: 'Review the cost optimization checklist; estimate costs with the Azure pricing calculator.',
        leftOut: {
          because: 'organisational process',
          why: 'Estimation is done by the team before deploying.',
        },
      },
      {
        text: 'Consider AKS cost analysis for granular cost allocation by Kubernetes-specific constructs.',
        rules: ['cost/cost-analysis'],
        artifacts: [AKS],
      },
    ],
  },
  {
    heading: 'Provision',
    recommendations: [
      {
        text: 'Consider choosing cheaper VMs for system node pools: DS2_v2 is typical.',
        config: ['spokes[].cluster.systemPool.vmSize'],
      },
      {
        text: "Don't have the same configuration for dev/test and production environments.",
        config: ['preset', 'spokes[].environment'],
      },
      {
        text: 'Add an uptime SLA for production workloads; dev/test can save on it, and on spot node pools if the workload allows.',
        rules: ['aks/sla-tier'],
        config: ['spokes[].cluster.tier', 'preset', 'spokes[].cluster.userPools[].priority'],
      },
      {
        text: 'Evaluate Azure Dev/Test subscriptions; commit to one-year or three-year Reserved Virtual Machine Instances.',
        leftOut: { because: 'organisational process', why: 'Purchasing decisions.' },
      },
      {
        text: 'Provision the minimum number of nodes and enable the cluster autoscaler instead of an oversized cluster.',
        rules: ['aks/user-pool-autoscaler'],
        config: ['spokes[].cluster.userPools[].minCount', 'spokes[].cluster.userPools[].maxCount'],
      },
      {
        text: 'Set pod requests and limits so that you use hardware to capacity.',
        rules: ['k8s/resources'],
        artifacts: [k8s(BASELINE, 'LimitRange/defaults')],
      },
      {
        text: 'Consider that when you enable diagnostics on the cluster, it can increase the cost.',
        rules: ['monitoring/troubleshooting-logs'],
        config: ['monitoring.controlPlaneLogs', 'monitoring.retentionDays', 'monitoring.containerLogV2Plan'],
      },
      {
        text: 'Use tags when you create node pools, to track incurred costs and build chargeback reports.',
        rules: ['cost/tags'],
        artifacts: [AKS],
        config: ['tags', 'spokes[].cluster.systemPool.tags', 'spokes[].cluster.userPools[].tags'],
      },
      {
        text: 'Expect extra bandwidth costs when you replicate data between regions (registry geo-replication).',
        config: ['spokes[].registry.geoReplication.enabled'],
      },
      {
        text: 'Create budgets, with alerts when certain thresholds are exceeded.',
        rules: ['cost/budget'],
        artifacts: [BUDGET],
        config: ['cost.monthlyBudget', 'cost.alertThresholds', 'cost.contactEmails', 'cost.startMonth'],
      },
    ],
  },
  {
    heading: 'Monitor',
    recommendations: [
      {
        text: 'Monitor your costs in real time or at a regular cadence, and the monthly trends.',
        leftOut: {
          because: 'organisational process',
          why: 'Cost reviews are a routine; the budget alerts support them.',
        },
      },
      {
        text: 'Pinpoint which resource, at a granular level, incurs the most cost.',
        rules: ['cost/cost-analysis', 'cost/tags'],
        artifacts: [AKS],
      },
    ],
  },
  {
    heading: 'Optimize',
    recommendations: [
      {
        text: 'Act on recommendations provided by Azure Advisor.',
        leftOut: {
          because: 'organisational process',
          why: "Advisor reads a running environment; acting on it is the team's.",
        },
      },
      {
        text: 'Enable the cluster autoscaler to detect and remove underused nodes in the node pool.',
        rules: ['aks/user-pool-autoscaler'],
        artifacts: [AKS],
      },
      {
        text: 'Choose a lower SKU for the node pools, if your workload supports it.',
        rules: ['aks/user-pool-vm-size'],
        config: ['spokes[].cluster.userPools[].vmSize', 'spokes[].cluster.systemPool.vmSize'],
      },
      {
        text: 'Size the cluster to just the right size by analyzing performance metrics over time.',
        leftOut: {
          because: 'not checkable before deployment',
          why: 'Needs the metrics of a running cluster.',
        },
      },
      {
        text: 'Scale user node pools to 0 nodes when nothing is expected to run; consider the AKS start/stop feature.',
        leftOut: {
          because: 'optional in the spec',
          why: 'Baseplate keeps two user nodes for availability; stopping is an operation, not a design.',
        },
      },
    ],
  },
  {
    heading: 'Next steps',
    recommendations: [
      {
        text: 'Links to related architectures and articles.',
        leftOut: { because: 'no recommendation', why: 'Further reading only.' },
      },
    ],
  },
];
