/**
 * Where the ingress controller (Traefik) runs in the cluster: the federated
 * credential of its managed identity and its Kubernetes manifests must agree.
 */
export const INGRESS_CONTROLLER = {
  namespace: 'traefik',
  serviceAccount: 'traefik',
} as const;
