/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
import { CLUSTER_RULES } from './cluster.js';
import kubernetesRbac from './aks/kubernetes-rbac.js';
import userPool from './aks/user-pool.js';
import { CONTINUITY_RULES } from './continuity.js';
import { GOVERNANCE_RULES } from './governance.js';
import { IMAGE_SOURCE_RULES } from './image-sources.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { PLATFORM_RULES } from './platform.js';
import { POD_HARDENING_RULES } from './pod-hardening.js';
import { SERVICE_RULES } from './services.js';
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
import singleOs from './aks/single-os.js';
import windowsPools from './aks/windows-pools.js';
import wafSku from './appgw/waf-sku.js';
import botProtection from './appgw/bot-protection.js';
import ingressLocalTraffic from './k8s/ingress-local-traffic.js';
import dns from './netpol/dns.js';
import localDns from './netpol/local-dns.js';
import ingressPath from './netpol/ingress-path.js';
import workloadIsolation from './netpol/workload-isolation.js';

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
  ...CLUSTER_RULES,
  kubernetesRbac,
  userPool,
  singleOs,
  windowsPools,
  ...SERVICE_RULES,
  ...PLATFORM_RULES,
  wafSku,
  botProtection,
  ingressLocalTraffic,
  ...OBSERVABILITY_RULES,
  ...GOVERNANCE_RULES,
  ...KUBERNETES_RULES,
  ...POD_HARDENING_RULES,
  ...IMAGE_SOURCE_RULES,
  ...CONTINUITY_RULES,
  dns,
  localDns,
  ingressPath,
  workloadIsolation,
];
