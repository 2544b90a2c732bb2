/** `pipelines/README.md`: how to put the workflows to work, with the values of this plan. */
import type { Stage } from '../arm/template.js';
import { PACKAGE_NAME } from '../../package-name.js';
import type { DeliveryTarget } from './workflows.js';

/** Where the runner that pushes images runs: the only places that reach the registries. */
export type RunnerPlace =
  | {
      readonly kind: 'hub subnet';
      readonly network: string;
      readonly subnet: string;
      readonly prefix: string;
      readonly ruleCollectionGroup: string;
    }
  | { readonly kind: 'landing zone hub'; readonly prefixes: readonly string[] }
  | { readonly kind: 'none' };

/** Step 5 of the set-up: the runner's place, and how it reaches a registry it may not reach from elsewhere. */
function runnerStep(place: RunnerPlace): string {
  const tools =
    'with the Azure CLI, Docker, Git and\n   [yq v4](https://github.com/mikefarah/yq) (not the apt package of that name).';
  switch (place.kind) {
    case 'hub subnet':
      return `5. **A runner in the hub's build agents subnet.** The registries accept no public
   traffic, so the delivery jobs run on a self-hosted runner labelled \`baseplate\` in
   \`${place.subnet}\` (\`${place.prefix}\`) of \`${place.network}\`, ${tools}
   Peered with every spoke, the subnet reaches each registry's private endpoint, whose
   security group admits it on 443, and resolves its name through the Private Link zones
   linked to the hub (peering is not transitive: a network peered with the hub alone
   would reach no spoke). Its internet traffic goes through the firewall, whose rule
   collection group \`${place.ruleCollectionGroup}\` lets out GitHub, Microsoft Entra ID and
   Resource Manager, which the delivery jobs use, and nothing else: install the tools
   before, or have the network team allow their sources.`;
    case 'landing zone hub':
      return `5. **A runner in your landing zone's hub.** The registries accept no public traffic,
   so the delivery jobs run on a self-hosted runner labelled \`baseplate\` in
   ${place.prefixes.map((p) => `\`${p}\``).join(', ')} (\`hub.existing.buildAgentPrefixes\`),
   ${tools} Each spoke's private endpoint security group admits these ranges on 443; the
   hub owner routes their internet traffic through the firewall, allowing GitHub
   (\`github.com\`, \`*.github.com\`, \`*.githubusercontent.com\`, \`ghcr.io\`,
   \`*.blob.core.windows.net\`), \`login.microsoftonline.com\` and \`management.azure.com\`,
   and resolves the \`privatelink\` zones there.`;
    case 'none':
      return `5. **A runner that reaches the registries.** The registries accept no public traffic,
   and no place for the runner is planned: the delivery jobs need a self-hosted runner
   labelled \`baseplate\`, ${tools} It must sit in a network peered with each spoke
   directly (peering is not transitive: a network peered with the hub alone reaches no
   spoke's private endpoint) and be admitted by each private-endpoint security group.
   Set \`hub.buildAgents.enabled: true\`, or with an existing hub
   \`hub.existing.buildAgentPrefixes\`, and Baseplate plans that path.`;
  }
}

export function pipelinesReadme(
  preproduction: readonly DeliveryTarget[],
  production: readonly DeliveryTarget[],
  stages: readonly Stage[],
  secrets: readonly string[],
  runner: RunnerPlace,
): string {
  const roles = [
    ...new Map(
      stages
        .filter((stage) => !stage.handoff)
        .flatMap((stage) => stage.roles)
        .map((need) => [`${need.role} on ${need.scope}`, need] as const),
    ).keys(),
  ];
  const first = preproduction.length > 0 ? preproduction : production;
  const later = preproduction.length > 0 ? production : [];
  const list = (targets: readonly DeliveryTarget[]) =>
    targets.map((t) => `\`${t.cluster}\` (registry \`${t.registry}\`)`).join(', ');
  return `# Pipelines

GitHub Actions workflows for the GitOps repository (spec "Cluster CI/CD" and
"Workload CI/CD"). Copy the \`.yml\` files into \`.github/workflows/\` of the
repository that holds \`gitops/\` at its root, with \`baseplate.yaml\` beside it
and the workload's source (a Dockerfile) in \`app/\`.

| Workflow | When | What |
| --- | --- | --- |
| \`workload.yml\` | a change under \`app/\`, or by hand | builds the image, scans it (fails on fixable critical or high vulnerabilities), pushes it to ${list(first) || 'no cluster'}, and commits the new tag into those clusters' paths${later.length > 0 ? `; after approval of the \`production\` environment, pushes the same scanned image to ${list(later)} and promotes it there` : ''}. Flux applies each commit. |
| \`rollback.yml\` | by hand, with a promotion commit | reverts that commit; Flux returns the clusters to the previous image. |
| \`infrastructure.yml\` | a change to \`baseplate.yaml\` | plans and checks it (fails on error findings), previews every stage with what-if, and after approval of the \`production\` environment deploys them in order with \`deploy.sh\`. |

\`deploy.sh create|what-if [AZURE_DIR]\` deploys or previews the stages of
\`out/azure\` in order, feeding each the outputs it consumes. Secure parameters
come from \`BASEPLATE_<NAME>\` variables when set (\`BASEPLATE_GIT_CREDENTIAL\`,
\`BASEPLATE_GATEWAY_CERTIFICATE\` …); when unset, the vault keeps its certificates
as they are. Stages the hub owner applies are skipped.

## Setting up

1. **An identity for the workflows, with no secret.** Create a user-assigned
   managed identity (or an app registration) and give it a federated credential
   per GitHub environment the workflows use — \`preview\`, \`preproduction\`,
   \`production\` — with issuer \`https://token.actions.githubusercontent.com\`,
   subject \`repo:<owner>/<repository>:environment:<environment>\` and audience
   \`api://AzureADTokenExchange\`:

   \`\`\`sh
   az identity federated-credential create --identity-name <identity> --resource-group <group> \\
     --name github-production --issuer https://token.actions.githubusercontent.com \\
     --subject repo:<owner>/<repository>:environment:production --audiences api://AzureADTokenExchange
   \`\`\`

2. **Repository variables** (not secrets): \`AZURE_CLIENT_ID\`, \`AZURE_TENANT_ID\`,
   \`AZURE_SUBSCRIPTION_ID\`; optionally \`BASEPLATE_PACKAGE\` (an npm spec of
   Baseplate, default \`${PACKAGE_NAME}\`; \`${PACKAGE_NAME}@<version>\` pins one).
   No Azure credential is stored. The deploy job reads the stages' secure
   parameters from repository secrets of the same names, each optional (unset
   leaves the vault's certificates and Flux's credential as they are): ${secrets.map((name) => `\`${name}\``).join(', ')}.

3. **Environments**: \`preview\`, \`preproduction\` and \`production\`, with
   required reviewers on \`production\` (the approval gate).

4. **Roles of the identity.** Workload delivery: AcrPush on the registries it
   pushes to (they allow no export, so no registry imports from another).
   Infrastructure, as \`deployment-order.json\` lists them:
${roles.map((role) => `   - ${role}`).join('\n')}

${runnerStep(runner)}
   Nothing else needs the cluster: Flux pulls every change from inside it.

A preview (\`deploy.sh what-if\`) of a new environment skips the stages whose
resource group or inputs earlier stages have not created yet; a deployment
stops at the first missing output instead.
`;
}
