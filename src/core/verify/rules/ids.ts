/**
 * Each rule's stable, opaque ID and its Well-Architected Framework pillar
 * (learn.microsoft.com/azure/well-architected/pillars), by the rule's readable
 * name (`Rule.id`, e.g. `aks/local-accounts`), as PSRule numbers its rules
 * (`Azure.AKS.LocalAccounts`, `AZR-000001`). The opaque ID names the rule where
 * a tool needs one that never changes (SARIF, docs/rules/<ID>.md): once given,
 * an ID is never changed nor given to another rule, and a rule that is removed
 * keeps its row, marked retired (test/rule-docs.test.ts pins the table).
 * A new rule takes the next free number.
 */

export type Pillar =
  'Reliability' | 'Security' | 'Cost Optimization' | 'Operational Excellence' | 'Performance Efficiency';

export interface RuleIdentity {
  /** `BP` and four digits. */
  readonly id: string;
  readonly pillar: Pillar;
  /** The rule is gone; its ID stays taken. */
  readonly retired?: true;
}

export const RULE_IDS: Readonly<Record<string, RuleIdentity>> = {
  'net/nsg-internet-inbound': { id: 'BP1001', pillar: 'Security' },
  'net/node-route-to-firewall': { id: 'BP1002', pillar: 'Security' },
  'net/subnet-egress': { id: 'BP1003', pillar: 'Security' },
  'net/gateway-ports': { id: 'BP1004', pillar: 'Security' },
  'net/hub-spoke': { id: 'BP1005', pillar: 'Security' },
  'net/authorized-ranges-firewall': { id: 'BP1006', pillar: 'Reliability' },
  'net/appgw-subnet-route': { id: 'BP1007', pillar: 'Reliability' },
  'net/private-endpoint-network-policies': { id: 'BP1008', pillar: 'Security' },
  'aks/system-pool-taint': { id: 'BP1009', pillar: 'Reliability' },
  'aks/system-pool-size': { id: 'BP1010', pillar: 'Reliability' },
  'aks/user-pool-size': { id: 'BP1011', pillar: 'Reliability' },
  'aks/user-pool-vm-size': { id: 'BP1012', pillar: 'Performance Efficiency' },
  'aks/pool-zones': { id: 'BP1013', pillar: 'Reliability' },
  'aks/user-pool-autoscaler': { id: 'BP1014', pillar: 'Performance Efficiency' },
  'aks/node-public-ip': { id: 'BP1015', pillar: 'Security' },
  'aks/local-accounts': { id: 'BP1016', pillar: 'Security' },
  'aks/entra-id': { id: 'BP1017', pillar: 'Security' },
  'aks/azure-rbac': { id: 'BP1018', pillar: 'Security' },
  'aks/managed-identity': { id: 'BP1019', pillar: 'Security' },
  'aks/network-policy': { id: 'BP1020', pillar: 'Security' },
  'aks/cni-overlay': { id: 'BP1021', pillar: 'Performance Efficiency' },
  'aks/egress-through-firewall': { id: 'BP1022', pillar: 'Security' },
  'aks/api-server-access': { id: 'BP1023', pillar: 'Security' },
  'aks/workload-identity': { id: 'BP1024', pillar: 'Security' },
  'aks/secrets-store-csi': { id: 'BP1025', pillar: 'Security' },
  'aks/azure-policy': { id: 'BP1026', pillar: 'Security' },
  'aks/container-insights': { id: 'BP1027', pillar: 'Operational Excellence' },
  'aks/sla-tier': { id: 'BP1028', pillar: 'Reliability' },
  'aks/node-os-upgrades': { id: 'BP1029', pillar: 'Security' },
  'aks/max-pods': { id: 'BP1030', pillar: 'Performance Efficiency' },
  'aks/linux-os': { id: 'BP1031', pillar: 'Operational Excellence' },
  'aks/pod-ranges': { id: 'BP1032', pillar: 'Reliability' },
  'aks/single-os': { id: 'BP1033', pillar: 'Operational Excellence' },
  'aks/windows-pools': { id: 'BP1034', pillar: 'Operational Excellence' },
  'acr/private': { id: 'BP1035', pillar: 'Security' },
  'acr/admin-user': { id: 'BP1036', pillar: 'Security' },
  'acr/geo-replication': { id: 'BP1037', pillar: 'Reliability' },
  'kv/rbac-and-purge-protection': { id: 'BP1038', pillar: 'Security' },
  'kv/private': { id: 'BP1039', pillar: 'Security' },
  'acr/anonymous-pull': { id: 'BP1040', pillar: 'Security' },
  'acr/zone-redundancy': { id: 'BP1041', pillar: 'Reliability' },
  'identity/kubelet-acr-pull': { id: 'BP1042', pillar: 'Security' },
  'appgw/waf-prevention': { id: 'BP1043', pillar: 'Security' },
  'appgw/tls-policy': { id: 'BP1044', pillar: 'Security' },
  'appgw/https-only': { id: 'BP1045', pillar: 'Security' },
  'appgw/unique-host-names': { id: 'BP1046', pillar: 'Reliability' },
  'appgw/zones': { id: 'BP1047', pillar: 'Reliability' },
  'firewall/threat-intel': { id: 'BP1048', pillar: 'Security' },
  'firewall/dns-proxy': { id: 'BP1049', pillar: 'Security' },
  'net/public-ips': { id: 'BP1050', pillar: 'Security' },
  'net/private-endpoints': { id: 'BP1051', pillar: 'Security' },
  'monitoring/firewall-logs': { id: 'BP1052', pillar: 'Operational Excellence' },
  'monitoring/gateway-logs': { id: 'BP1053', pillar: 'Operational Excellence' },
  'monitoring/key-vault-logs': { id: 'BP1054', pillar: 'Operational Excellence' },
  'monitoring/registry-logs': { id: 'BP1055', pillar: 'Operational Excellence' },
  'upgrades/maintenance-window': { id: 'BP1056', pillar: 'Operational Excellence' },
  'upgrades/maintenance-frequency': { id: 'BP1057', pillar: 'Operational Excellence' },
  'upgrades/new-versions': { id: 'BP1058', pillar: 'Operational Excellence' },
  'upgrades/supported-version': { id: 'BP1059', pillar: 'Reliability' },
  'aks/image-cleaner': { id: 'BP1060', pillar: 'Security' },
  'cost/cost-analysis': { id: 'BP1061', pillar: 'Cost Optimization' },
  'cost/tags': { id: 'BP1062', pillar: 'Cost Optimization' },
  'policy/pod-security': { id: 'BP1063', pillar: 'Security' },
  'arm/preview-api': { id: 'BP1064', pillar: 'Operational Excellence' },
  'cost/budget': { id: 'BP1065', pillar: 'Cost Optimization' },
  'monitoring/agent-configuration': { id: 'BP1066', pillar: 'Operational Excellence' },
  'monitoring/control-plane-logs': { id: 'BP1067', pillar: 'Operational Excellence' },
  'monitoring/kube-audit-twice': { id: 'BP1068', pillar: 'Operational Excellence' },
  'monitoring/troubleshooting-logs': { id: 'BP1069', pillar: 'Cost Optimization' },
  'monitoring/network-observability': { id: 'BP1070', pillar: 'Operational Excellence' },
  'monitoring/advanced-network-observability': { id: 'BP1071', pillar: 'Cost Optimization' },
  'policy/no-direct-gatekeeper': { id: 'BP1072', pillar: 'Operational Excellence' },
  'policy/environment-parity': { id: 'BP1073', pillar: 'Operational Excellence' },
  'k8s/probes': { id: 'BP1074', pillar: 'Reliability' },
  'k8s/resources': { id: 'BP1075', pillar: 'Reliability' },
  'k8s/image-tag': { id: 'BP1076', pillar: 'Operational Excellence' },
  'k8s/replicas': { id: 'BP1077', pillar: 'Reliability' },
  'k8s/spread': { id: 'BP1078', pillar: 'Reliability' },
  'k8s/restricted-security-context': { id: 'BP1079', pillar: 'Security' },
  'k8s/user-pools': { id: 'BP1080', pillar: 'Reliability' },
  'k8s/pdb-allows-drain': { id: 'BP1081', pillar: 'Reliability' },
  'k8s/internal-load-balancer': { id: 'BP1082', pillar: 'Security' },
  'k8s/https-ingress': { id: 'BP1083', pillar: 'Security' },
  'k8s/no-secrets-in-manifests': { id: 'BP1084', pillar: 'Security' },
  'k8s/default-deny': { id: 'BP1085', pillar: 'Security' },
  'k8s/hpa-bounds': { id: 'BP1086', pillar: 'Performance Efficiency' },
  'k8s/hpa-owns-replicas': { id: 'BP1087', pillar: 'Reliability' },
  'k8s/namespace-quota': { id: 'BP1088', pillar: 'Reliability' },
  'k8s/no-pull-secrets': { id: 'BP1089', pillar: 'Security' },
  'k8s/backup': { id: 'BP1090', pillar: 'Reliability' },
  'netpol/dns': { id: 'BP1091', pillar: 'Reliability' },
  'netpol/local-dns': { id: 'BP1092', pillar: 'Reliability' },
  'netpol/ingress-path': { id: 'BP1093', pillar: 'Reliability' },
  'netpol/workload-isolation': { id: 'BP1094', pillar: 'Security' },
};
