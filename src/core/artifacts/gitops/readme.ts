/** `gitops/README.md`: what each path holds and how Flux reaches the repository. */
import type { Design } from '../../design/design.js';

export function gitopsReadme(design: Design, clusters: readonly string[], images: readonly string[]): string {
  const ssh = design.gitops.repositoryUrl.startsWith('ssh://');
  return `# GitOps repository

Push this folder as the root of ${design.gitops.repositoryUrl} (branch
\`${design.gitops.branch}\`). The bootstrap stage installs Flux on each cluster
and points it at the cluster's own path; from then on, a commit here changes the
cluster, and reverting it changes it back (spec "Cluster bootstrapping").

| Path | Holds |
| --- | --- |
| \`infrastructure/baseline/\` | namespaces under the restricted Pod Security standard, resource quotas and default limits, default-deny network policies (DNS allowed), the container insights and managed Prometheus settings |
| \`infrastructure/traefik/\` | Traefik, the internal ingress controller: internal load balancer on the planned IP, certificate from Key Vault by workload identity, only Application Gateway admitted, TLS 1.2 or later |
| \`workloads/aspnetapp/\` | the sample workload: probes, Guaranteed resources, zone spread, autoscaler, disruption budget, HTTPS-only Ingress, network policy |
${clusters.map((c) => `| \`${design.gitops.path}/${c}/\` | cluster \`${c}\`: its values (\`cluster-settings.yaml\`), the Flux Kustomizations that apply the bases in order (baseline → ingress → workload) with its registry and image tags (\`layers.yaml\`), and its RBAC bindings when Azure RBAC is off |`).join('\n')}

The bases are the same for every cluster: a cluster's values reach them through
Flux substitution from its \`cluster-settings\` ConfigMap. Two values only
deployment knows (the tenant, when not configured, and the ingress identity's
client ID) are handed to Flux by the bootstrap stage; nothing else is filled in
later, and nothing secret is in this repository.

Environments are cluster paths over the same bases: to promote, change the image
tag in the preproduction cluster's \`layers.yaml\`, then the production one's; to
roll back, revert the commit. The pipelines in \`../pipelines/\` do both.

## Before bootstrap

Import these images into each cluster's registry (the clusters pull only from
their own registry; Azure Policy denies any other source), as
\`images.json\` lists them:

${images.map((i) => `- \`${i}\``).join('\n')}

\`\`\`sh
az acr import --name <registry> --source <source> --image <target>
\`\`\`

## Certificate rotation

The CSI driver refreshes Traefik's certificate file from Key Vault every two
minutes, but Traefik reads it only when it starts: after rotating the internal
certificate, restart it (\`kubectl rollout restart deployment/traefik -n traefik\`).

## Access

Flux reads this repository ${ssh ? 'with a read-only deploy key' : 'anonymously when it is public, or with a read-only token when it is private'}: the
credential is given to the bootstrap stage at deployment (\`gitCredential\`), and
never committed.
`;
}
