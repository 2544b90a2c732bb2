/**
 * One API version per resource type: the newest stable version that the
 * official schemas (schemas/arm) define. The single preview is diagnostic
 * settings: no stable version after the legacy 2016-09-01 exists, and only the
 * preview can send logs to resource-specific tables.
 */
export const API_VERSIONS = {
  'Microsoft.Resources/resourceGroups': '2025-04-01',
  'Microsoft.Resources/deployments': '2025-04-01',
  'Microsoft.Network/virtualNetworks': '2025-07-01',
  'Microsoft.Network/virtualNetworks/virtualNetworkPeerings': '2025-07-01',
  'Microsoft.Network/networkSecurityGroups': '2025-07-01',
  'Microsoft.Network/routeTables': '2025-07-01',
  'Microsoft.Network/publicIPAddresses': '2025-07-01',
  'Microsoft.Network/azureFirewalls': '2025-07-01',
  'Microsoft.Network/firewallPolicies': '2025-07-01',
  'Microsoft.Network/firewallPolicies/ruleCollectionGroups': '2025-07-01',
  'Microsoft.Network/ipGroups': '2025-07-01',
  'Microsoft.Network/bastionHosts': '2025-07-01',
  'Microsoft.Network/applicationGateways': '2025-07-01',
  'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies': '2025-07-01',
  'Microsoft.Network/privateDnsZones': '2024-06-01',
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': '2024-06-01',
  'Microsoft.Network/privateEndpoints': '2025-07-01',
  'Microsoft.Network/privateEndpoints/privateDnsZoneGroups': '2025-07-01',
  'Microsoft.ContainerRegistry/registries': '2025-11-01',
  'Microsoft.ContainerRegistry/registries/replications': '2025-11-01',
  'Microsoft.KeyVault/vaults': '2026-02-01',
  'Microsoft.KeyVault/vaults/secrets': '2026-02-01',
  'Microsoft.ContainerService/managedClusters': '2026-05-01',
  'Microsoft.ContainerService/managedClusters/maintenanceConfigurations': '2026-05-01',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials': '2024-11-30',
  'Microsoft.EventGrid/systemTopics': '2025-02-15',
  'Microsoft.EventGrid/systemTopics/eventSubscriptions': '2025-02-15',
  'Microsoft.KubernetesConfiguration/extensions': '2025-03-01',
  'Microsoft.KubernetesConfiguration/fluxConfigurations': '2025-04-01',
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2024-11-30',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.OperationalInsights/workspaces': '2025-07-01',
  'Microsoft.OperationalInsights/workspaces/tables': '2025-07-01',
  'Microsoft.Insights/diagnosticSettings': '2021-05-01-preview',
  'Microsoft.Insights/dataCollectionEndpoints': '2024-03-11',
  'Microsoft.Insights/dataCollectionRules': '2024-03-11',
  'Microsoft.Insights/dataCollectionRuleAssociations': '2024-03-11',
  'Microsoft.Insights/actionGroups': '2023-01-01',
  'Microsoft.Insights/metricAlerts': '2026-01-01',
  'Microsoft.Monitor/accounts': '2025-10-03',
  'Microsoft.AlertsManagement/prometheusRuleGroups': '2023-03-01',
  'Microsoft.Authorization/policyAssignments': '2026-06-01',
  'Microsoft.Authorization/policyDefinitions': '2026-06-01',
  'Microsoft.Authorization/policySetDefinitions': '2026-06-01',
  'Microsoft.Consumption/budgets': '2024-08-01',
  // No schema for it in the official repository's kept files: the tests check it against the documented shape.
  'Microsoft.Security/pricings': '2024-01-01',
} as const;

export type ResourceType = keyof typeof API_VERSIONS;
