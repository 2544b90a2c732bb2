/**
 * Every rule, in the order the report lists them: each a module of its own,
 * <area>/<name>.ts, beside its table of cases <area>/<name>.cases.ts. A new rule
 * takes the ref after the highest given (BP1146; the unused numbers between were
 * never given); a removed rule's ref goes to RETIRED.
 */
import type { Rule } from '../rule.js';
import nsgInternetInbound from './net/nsg-internet-inbound.js';
import nodeRouteToFirewall from './net/node-route-to-firewall.js';
import subnetEgress from './net/subnet-egress.js';
import gatewayPorts from './net/gateway-ports.js';
import hubSpoke from './net/hub-spoke.js';
import authorizedRangesFirewall from './net/authorized-ranges-firewall.js';
import appgwSubnetRoute from './net/appgw-subnet-route.js';
import privateEndpointNetworkPolicies from './net/private-endpoint-network-policies.js';
import noAnyFqdn from './firewall/no-any-fqdn.js';
import routedSpokePeered from './net/routed-spoke-peered.js';
import systemPoolTaint from './aks/system-pool-taint.js';
import systemPoolSize from './aks/system-pool-size.js';
import userPoolSize from './aks/user-pool-size.js';
import userPoolVmSize from './aks/user-pool-vm-size.js';
import poolZones from './aks/pool-zones.js';
import userPoolAutoscaler from './aks/user-pool-autoscaler.js';
import nodePublicIp from './aks/node-public-ip.js';
import localAccounts from './aks/local-accounts.js';
import entraId from './aks/entra-id.js';
import azureRbac from './aks/azure-rbac.js';
import managedIdentity from './aks/managed-identity.js';
import networkPolicy from './aks/network-policy.js';
import cniOverlay from './aks/cni-overlay.js';
import egressThroughFirewall from './aks/egress-through-firewall.js';
import apiServerAccess from './aks/api-server-access.js';
import workloadIdentity from './aks/workload-identity.js';
import secretsStoreCsi from './aks/secrets-store-csi.js';
import azurePolicy from './aks/azure-policy.js';
import containerInsights from './aks/container-insights.js';
import slaTier from './aks/sla-tier.js';
import nodeOsUpgrades from './aks/node-os-upgrades.js';
import maxPods from './aks/max-pods.js';
import linuxOs from './aks/linux-os.js';
import podRanges from './aks/pod-ranges.js';
import kubernetesRbac from './aks/kubernetes-rbac.js';
import userPool from './aks/user-pool.js';
import singleOs from './aks/single-os.js';
import windowsPools from './aks/windows-pools.js';
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
import firewallLogs from './monitoring/firewall-logs.js';
import gatewayLogs from './monitoring/gateway-logs.js';
import keyVaultLogs from './monitoring/key-vault-logs.js';
import registryLogs from './monitoring/registry-logs.js';
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
import wafSku from './appgw/waf-sku.js';
import botProtection from './appgw/bot-protection.js';
import ingressLocalTraffic from './k8s/ingress-local-traffic.js';
import agentConfiguration from './monitoring/agent-configuration.js';
import controlPlaneLogs from './monitoring/control-plane-logs.js';
import kubeAuditTwice from './monitoring/kube-audit-twice.js';
import troubleshootingLogs from './monitoring/troubleshooting-logs.js';
import networkObservability from './monitoring/network-observability.js';
import recommendedAlerts from './monitoring/recommended-alerts.js';
import recordingRules from './monitoring/recording-rules.js';
import annotationScraping from './monitoring/annotation-scraping.js';
import networkPolicyMetrics from './monitoring/network-policy-metrics.js';
import advancedNetworkObservability from './monitoring/advanced-network-observability.js';
import noDirectGatekeeper from './policy/no-direct-gatekeeper.js';
import environmentParity from './policy/environment-parity.js';
import clusterGuardrails from './policy/cluster-guardrails.js';
import kubernetesGuardrails from './policy/kubernetes-guardrails.js';
import registryDeny from './policy/registry-deny.js';
import exemptNamespacesAudited from './policy/exempt-namespaces-audited.js';
import customKubernetesDefinitions from './policy/custom-kubernetes-definitions.js';
import probes from './k8s/probes.js';
import resources from './k8s/resources.js';
import imageTag from './k8s/image-tag.js';
import replicas from './k8s/replicas.js';
import spread from './k8s/spread.js';
import restrictedSecurityContext from './k8s/restricted-security-context.js';
import userPools from './k8s/user-pools.js';
import pdbAllowsDrain from './k8s/pdb-allows-drain.js';
import internalLoadBalancer from './k8s/internal-load-balancer.js';
import httpsIngress from './k8s/https-ingress.js';
import noSecretsInManifests from './k8s/no-secrets-in-manifests.js';
import defaultDeny from './k8s/default-deny.js';
import hpaBounds from './k8s/hpa-bounds.js';
import hpaOwnsReplicas from './k8s/hpa-owns-replicas.js';
import namespaceQuota from './k8s/namespace-quota.js';
import noPullSecrets from './k8s/no-pull-secrets.js';
import hostNamespaces from './k8s/host-namespaces.js';
import hostPath from './k8s/host-path.js';
import addedCapabilities from './k8s/added-capabilities.js';
import seccompUnconfined from './k8s/seccomp-unconfined.js';
import envSecrets from './k8s/env-secrets.js';
import approvedRegistries from './k8s/approved-registries.js';
import backup from './k8s/backup.js';
import dns from './netpol/dns.js';
import localDns from './netpol/local-dns.js';
import ingressPath from './netpol/ingress-path.js';
import workloadIsolation from './netpol/workload-isolation.js';
import privateSubnets from './net/private-subnets.js';
import nsgLateralManagement from './net/nsg-lateral-management.js';
import idps from './firewall/idps.js';
import policyAnalytics from './firewall/policy-analytics.js';
import workspaceLocalAuth from './monitoring/workspace-local-auth.js';
import monitoringPlaneLogs from './monitoring/monitoring-plane-logs.js';
import nodeSyslog from './monitoring/node-syslog.js';
import defender from './aks/defender.js';
import runCommand from './aks/run-command.js';
import storageDrivers from './aks/storage-drivers.js';
import clusterUserRole from './aks/cluster-user-role.js';
import clusterAdmin from './aks/cluster-admin.js';

export const RULES: readonly Rule[] = [
  nsgInternetInbound,
  nodeRouteToFirewall,
  subnetEgress,
  gatewayPorts,
  hubSpoke,
  authorizedRangesFirewall,
  appgwSubnetRoute,
  privateEndpointNetworkPolicies,
  noAnyFqdn,
  routedSpokePeered,
  systemPoolTaint,
  systemPoolSize,
  userPoolSize,
  userPoolVmSize,
  poolZones,
  userPoolAutoscaler,
  nodePublicIp,
  localAccounts,
  entraId,
  azureRbac,
  managedIdentity,
  networkPolicy,
  cniOverlay,
  egressThroughFirewall,
  apiServerAccess,
  workloadIdentity,
  secretsStoreCsi,
  azurePolicy,
  containerInsights,
  slaTier,
  nodeOsUpgrades,
  maxPods,
  linuxOs,
  podRanges,
  kubernetesRbac,
  userPool,
  singleOs,
  windowsPools,
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
  wafSku,
  botProtection,
  ingressLocalTraffic,
  agentConfiguration,
  controlPlaneLogs,
  kubeAuditTwice,
  troubleshootingLogs,
  networkObservability,
  advancedNetworkObservability,
  recommendedAlerts,
  recordingRules,
  annotationScraping,
  networkPolicyMetrics,
  noDirectGatekeeper,
  environmentParity,
  clusterGuardrails,
  kubernetesGuardrails,
  registryDeny,
  exemptNamespacesAudited,
  customKubernetesDefinitions,
  probes,
  resources,
  imageTag,
  replicas,
  spread,
  restrictedSecurityContext,
  userPools,
  pdbAllowsDrain,
  internalLoadBalancer,
  httpsIngress,
  noSecretsInManifests,
  defaultDeny,
  hpaBounds,
  hpaOwnsReplicas,
  namespaceQuota,
  noPullSecrets,
  hostNamespaces,
  hostPath,
  addedCapabilities,
  seccompUnconfined,
  envSecrets,
  approvedRegistries,
  backup,
  dns,
  localDns,
  ingressPath,
  workloadIsolation,
  privateSubnets,
  nsgLateralManagement,
  idps,
  policyAnalytics,
  workspaceLocalAuth,
  monitoringPlaneLogs,
  nodeSyslog,
  defender,
  runCommand,
  storageDrivers,
  clusterUserRole,
  clusterAdmin,
];

/** The refs of rules that are gone: never given again (test/rule-docs.test.ts). */
export const RETIRED: ReadonlyArray<{ readonly ref: string; readonly id: string }> = [];
