/**
 * The namespaces Azure Policy's built-in Kubernetes definitions never evaluate: "System namespaces
 * "kube-system", "gatekeeper-system" and "azure-arc" are always excluded by design"
 * (github.com/Azure/azure-policy, built-in-policies/policyDefinitions/Kubernetes/ContainerNoPrivilege.json,
 * excludedNamespaces). The policies Baseplate assigns, the custom initiative it writes and the rules
 * verify applies read this one list.
 */
export const NEVER_EVALUATED_NAMESPACES: readonly string[] = [
  'kube-system',
  'gatekeeper-system',
  'azure-arc',
];
