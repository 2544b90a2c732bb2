/**
 * The built-in Azure Policy definitions the design assigns, by what they are
 * for. Definition IDs: github.com/Azure/azure-policy built-in-policies (see
 * docs/research/platform.md, section 2), and the reference implementation's
 * assignments (mspnp/aks-baseline workload-team/modules/policies.bicep).
 */

export interface BuiltInPolicy {
  readonly id: string;
  readonly set: boolean;
  readonly title: string;
}

export const POD_SECURITY_INITIATIVES = {
  restricted: {
    id: '42b8ef37-b724-4e24-bbc8-7a7708edfe00',
    set: true,
    title: 'Kubernetes cluster pod security restricted standards for Linux-based workloads',
  },
  baseline: {
    id: 'a8640138-9b0a-4a28-b8cb-1666c838647d',
    set: true,
    title: 'Kubernetes cluster pod security baseline standards for Linux-based workloads',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/** Kubernetes policies beyond the initiative: the spec's "extra policies". */
export const WORKLOAD_POLICIES = {
  allowedImages: {
    id: 'febd0533-8e55-448f-b837-bd0e06f16469',
    set: false,
    title: 'Kubernetes cluster containers should only use allowed images',
  },
  internalLoadBalancers: {
    id: '3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e',
    set: false,
    title: 'Kubernetes clusters should use internal load balancers',
  },
  httpsIngress: {
    id: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d',
    set: false,
    title: 'Kubernetes clusters should be accessible only over HTTPS',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/**
 * Kubernetes policies beyond the initiative that close what it leaves open
 * (mspnp/aks-baseline workload-team/modules/policies.bicep): with the extra
 * policies' effect, Deny by default.
 */
export const HARDENING_POLICIES = {
  // azure-policy built-in-policies/policyDefinitions/Kubernetes/ReadOnlyRootFileSystem (df49d893).
  readOnlyRoot: {
    id: 'df49d893-a74c-421d-bc95-c663042e5b80',
    set: false,
    title: 'Kubernetes cluster containers should run with a read only root file system',
  },
  // azure-policy .../Kubernetes/AllowedHostPaths.json: "Provide an empty paths list to block all host paths."
  hostPaths: {
    id: '098fc59e-46c7-4d99-9b16-64990e543d75',
    set: false,
    title: 'Kubernetes cluster pod hostPath volumes should only use allowed host paths',
  },
  // azure-policy .../Kubernetes/AllowedExternalIPs.json: parameter allowedExternalIPs, none allowed.
  externalIps: {
    id: 'd46c275d-1680-448d-b2ec-e495a3b6cc89',
    set: false,
    title: 'Kubernetes cluster services should only use allowed external IPs',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/** Kubernetes policies that only audit. */
export const KUBERNETES_AUDITS = {
  // azure-policy .../Kubernetes/BlockEndpointEditDefaultRole.json: CVE-2021-25740; effect Audit or Disabled only.
  endpointEdit: {
    id: '1ddac26b-ed48-4c30-8cc5-3a68c79b8001',
    set: false,
    title:
      'Kubernetes clusters should not allow endpoint edit permissions of ClusterRole/system:aggregate-to-edit',
  },
  // azure-policy .../Kubernetes/BlockDefaultNamespace.json, with namespaces ['default'] as aks-baseline assigns it.
  defaultNamespace: {
    id: '9f061a12-e40d-4183-a00e-171812443373',
    set: false,
    title: 'Kubernetes clusters should not use the default namespace',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/**
 * The built-in policies on the cluster resource itself (Azure Resource
 * Manager, not the add-on), so that a cluster changed after deployment does
 * not drift silently. Source: azure-policy built-in-policies/policyDefinitions/Kubernetes/
 * (file named beside each) and mspnp/aks-baseline workload-team/modules/policies.bicep.
 */
export const CLUSTER_POLICIES = {
  // AKS_DisableLocalAccounts_Deny.json: effect Audit, Deny or Disabled.
  localAccounts: {
    id: '993c2fcd-2b29-49d2-9eb0-df2c3a730c32',
    set: false,
    title: 'Azure Kubernetes Service Clusters should have local authentication methods disabled',
  },
  // AKS_AAD_Integration_Audit.json.
  entra: {
    id: '450d2877-ebea-41e8-b00c-e286317d21bf',
    set: false,
    title: 'Azure Kubernetes Service Clusters should enable Microsoft Entra ID integration',
  },
  // ASC_Azure_Defender_AKS_SecurityProfile_Audit.json.
  defender: {
    id: 'a1840de2-8088-4ea8-b153-b4c723e9cb01',
    set: false,
    title: 'Azure Kubernetes Service clusters should have Defender profile enabled',
  },
  // AKS_AzurePolicyAddOn_Audit.json.
  policyAddOn: {
    id: '0a15ec92-a229-4763-bb14-0ea34a568f8d',
    set: false,
    title:
      'Azure Policy Add-on for Kubernetes service (AKS) should be installed and enabled on your clusters',
  },
  authorizedIpRanges: {
    id: '0e246bcf-5f6f-4f87-bc6f-775d4712c7ea',
    set: false,
    title: 'Authorized IP ranges should be defined on Kubernetes Services',
  },
  // AKS_PrivateCluster_Deny.json: effect Audit, Deny or Disabled.
  privateCluster: {
    id: '040732e8-d947-40b8-95d6-854c95024bf8',
    set: false,
    title: 'Azure Kubernetes Service Private Clusters should be enabled',
  },
  supportedVersion: {
    id: 'fb893a29-21bb-418c-a157-e99480ec364c',
    set: false,
    title: 'Kubernetes Services should be upgraded to a non-vulnerable Kubernetes version',
  },
  rbac: {
    id: 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
    set: false,
    title: 'Role-Based Access Control (RBAC) should be used on Kubernetes Services',
  },
  // AKS_MSI_Audit.json.
  managedIdentity: {
    id: 'da6e2401-19da-4532-9141-fb8fbde08431',
    set: false,
    title: 'Azure Kubernetes Service Clusters should use managed identities',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/**
 * The registry's credentials that bypass Entra ID, denied rather than audited
 * (azure-policy built-in-policies/policyDefinitions/Container Registry/
 * ACR_AdminAccountDisabled_AuditDeny.json and ACR_AnonymousPullDisabled_AuditDeny.json;
 * mspnp/aks-baseline acr-stamp assigns both with Deny).
 */
export const REGISTRY_POLICIES = {
  adminUser: {
    id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2',
    set: false,
    title: 'Container registries should have local admin account disabled',
  },
  anonymousPull: {
    id: '9f2dea28-e834-476c-99c5-3507b4728395',
    set: false,
    title: 'Container registries should have anonymous authentication disabled',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/** Audits of the Azure services around the cluster, each with an Audit effect. */
export const SERVICE_AUDITS: readonly BuiltInPolicy[] = [
  {
    id: '0fdf0491-d080-4575-b627-ad0e843cba0f',
    set: false,
    title: 'Public network access should be disabled for Container registries',
  },
  {
    id: '405c5871-3e91-4644-8a63-58e19d68ff5b',
    set: false,
    title: 'Azure Key Vault should disable public network access',
  },
  {
    id: '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53',
    set: false,
    title: 'Key vaults should have deletion protection enabled',
  },
  {
    id: '12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5',
    set: false,
    title: 'Azure Key Vault should use RBAC permission model',
  },
  {
    id: '564feb30-bf6a-4854-b4bb-0d2d2d1e6c66',
    set: false,
    title: 'Web Application Firewall (WAF) should be enabled for Application Gateway',
  },
];
