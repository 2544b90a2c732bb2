/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
import { CLUSTER_RULES } from './cluster.js';
import kubernetesRbac from './aks/kubernetes-rbac.js';
import userPool from './aks/user-pool.js';
import { CONTINUITY_RULES } from './continuity.js';
import { EGRESS_SCOPE_RULES } from './egress-scope.js';
import { IMAGE_SOURCE_RULES } from './image-sources.js';
import { INGRESS_EXPOSURE_RULES } from './ingress-exposure.js';
import agentConfiguration from './monitoring/agent-configuration.js';
import controlPlaneLogs from './monitoring/control-plane-logs.js';
import kubeAuditTwice from './monitoring/kube-audit-twice.js';
import troubleshootingLogs from './monitoring/troubleshooting-logs.js';
import networkObservability from './monitoring/network-observability.js';
import advancedNetworkObservability from './monitoring/advanced-network-observability.js';
import noDirectGatekeeper from './policy/no-direct-gatekeeper.js';
import environmentParity from './policy/environment-parity.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { NETWORK_RULES } from './network.js';
import { OPERATING_SYSTEM_RULES } from './operating-system.js';
import { PLATFORM_RULES } from './platform.js';
import { POD_HARDENING_RULES } from './pod-hardening.js';
import { REACHABILITY_RULES } from './reachability.js';
import { SERVICE_RULES } from './services.js';

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...EGRESS_SCOPE_RULES,
  ...CLUSTER_RULES,
  kubernetesRbac,
  userPool,
  ...OPERATING_SYSTEM_RULES,
  ...SERVICE_RULES,
  ...PLATFORM_RULES,
  ...INGRESS_EXPOSURE_RULES,
  agentConfiguration,
  controlPlaneLogs,
  kubeAuditTwice,
  troubleshootingLogs,
  networkObservability,
  advancedNetworkObservability,
  noDirectGatekeeper,
  environmentParity,
  ...KUBERNETES_RULES,
  ...POD_HARDENING_RULES,
  ...IMAGE_SOURCE_RULES,
  ...CONTINUITY_RULES,
  ...REACHABILITY_RULES,
];
