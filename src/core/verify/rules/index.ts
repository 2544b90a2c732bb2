/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
import { CLUSTER_RULES } from './cluster.js';
import kubernetesRbac from './aks/kubernetes-rbac.js';
import userPool from './aks/user-pool.js';
import { CONTINUITY_RULES } from './continuity.js';
import { EGRESS_SCOPE_RULES } from './egress-scope.js';
import { GOVERNANCE_RULES } from './governance.js';
import { IMAGE_SOURCE_RULES } from './image-sources.js';
import { INGRESS_EXPOSURE_RULES } from './ingress-exposure.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { NETWORK_RULES } from './network.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { OPERATING_SYSTEM_RULES } from './operating-system.js';
import firewallLogs from './monitoring/firewall-logs.js';
import gatewayLogs from './monitoring/gateway-logs.js';
import keyVaultLogs from './monitoring/key-vault-logs.js';
import registryLogs from './monitoring/registry-logs.js';
import acrPrivate from './acr/private.js';
import adminUser from './acr/admin-user.js';
import geoReplication from './acr/geo-replication.js';
import rbacAndPurgeProtection from './kv/rbac-and-purge-protection.js';
import kvPrivate from './kv/private.js';
import anonymousPull from './acr/anonymous-pull.js';
import zoneRedundancy from './acr/zone-redundancy.js';
import kubeletAcrPull from './identity/kubelet-acr-pull.js';
import wafPrevention from './appgw/waf-prevention.js';
import tlsPolicy from './appgw/tls-policy.js';
import httpsOnly from './appgw/https-only.js';
import uniqueHostNames from './appgw/unique-host-names.js';
import zones from './appgw/zones.js';
import threatIntel from './firewall/threat-intel.js';
import dnsProxy from './firewall/dns-proxy.js';
import publicIps from './net/public-ips.js';
import privateEndpoints from './net/private-endpoints.js';
import maintenanceWindow from './upgrades/maintenance-window.js';
import maintenanceFrequency from './upgrades/maintenance-frequency.js';
import newVersions from './upgrades/new-versions.js';
import supportedVersion from './upgrades/supported-version.js';
import imageCleaner from './aks/image-cleaner.js';
import costAnalysis from './cost/cost-analysis.js';
import tags from './cost/tags.js';
import podSecurity from './policy/pod-security.js';
import previewApi from './arm/preview-api.js';
import budget from './cost/budget.js';
import { POD_HARDENING_RULES } from './pod-hardening.js';
import { REACHABILITY_RULES } from './reachability.js';

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...EGRESS_SCOPE_RULES,
  ...CLUSTER_RULES,
  kubernetesRbac,
  userPool,
  ...OPERATING_SYSTEM_RULES,
  acrPrivate,
  adminUser,
  geoReplication,
  rbacAndPurgeProtection,
  kvPrivate,
  anonymousPull,
  zoneRedundancy,
  kubeletAcrPull,
  wafPrevention,
  tlsPolicy,
  httpsOnly,
  uniqueHostNames,
  zones,
  threatIntel,
  dnsProxy,
  publicIps,
  privateEndpoints,
  firewallLogs,
  gatewayLogs,
  keyVaultLogs,
  registryLogs,
  maintenanceWindow,
  maintenanceFrequency,
  newVersions,
  supportedVersion,
  imageCleaner,
  costAnalysis,
  tags,
  podSecurity,
  previewApi,
  budget,
  ...INGRESS_EXPOSURE_RULES,
  ...OBSERVABILITY_RULES,
  ...GOVERNANCE_RULES,
  ...KUBERNETES_RULES,
  ...POD_HARDENING_RULES,
  ...IMAGE_SOURCE_RULES,
  ...CONTINUITY_RULES,
  ...REACHABILITY_RULES,
];
