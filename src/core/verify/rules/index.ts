/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
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
import { CONTINUITY_RULES } from './continuity.js';
import { EGRESS_SCOPE_RULES } from './egress-scope.js';
import { GOVERNANCE_RULES } from './governance.js';
import { IMAGE_SOURCE_RULES } from './image-sources.js';
import { INGRESS_EXPOSURE_RULES } from './ingress-exposure.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { NETWORK_RULES } from './network.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { OPERATING_SYSTEM_RULES } from './operating-system.js';
import { PLATFORM_RULES } from './platform.js';
import { POD_HARDENING_RULES } from './pod-hardening.js';
import { REACHABILITY_RULES } from './reachability.js';
import { SERVICE_RULES } from './services.js';

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...EGRESS_SCOPE_RULES,
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
  ...OPERATING_SYSTEM_RULES,
  ...SERVICE_RULES,
  ...PLATFORM_RULES,
  ...INGRESS_EXPOSURE_RULES,
  ...OBSERVABILITY_RULES,
  ...GOVERNANCE_RULES,
  ...KUBERNETES_RULES,
  ...POD_HARDENING_RULES,
  ...IMAGE_SOURCE_RULES,
  ...CONTINUITY_RULES,
  ...REACHABILITY_RULES,
];
