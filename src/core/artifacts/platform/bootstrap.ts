/**
 * Cluster bootstrapping with the Flux v2 cluster extension. Spec "Cluster
 * bootstrapping": "we recommend the GitOps Flux v2 cluster extension … there's
 * effectively no gap between a provisioned cluster and a bootstrapped cluster";
 * "Flux has read-only access to the Git repository". A private repository's
 * credential comes in as a secure parameter at deployment, never in a file.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import { fullId, relativeId } from '../arm/scope.js';
import type { ArmScope } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export const FLUX_EXTENSION = 'flux';
export const FLUX_CONFIGURATION = 'bootstrap';

/**
 * `substitute`: the values only deployment knows, which Flux writes into the
 * cluster's settings (see gitops/settings.ts).
 */
export function bootstrap(
  at: ArmScope,
  design: Design,
  spoke: SpokeDesign,
  substitute: Readonly<Record<string, ArmExpression>>,
): ArmResource[] {
  const clusterType = 'Microsoft.ContainerService/managedClusters';
  const cluster = [spoke.names.cluster];
  // Extension resources of the cluster: the template names it relative to the group.
  const scope = { $arm: relativeId(clusterType, cluster), $resolved: fullId(at, clusterType, cluster) };
  const extensionId = expression(
    `extensionResourceId(resourceId(${literal(clusterType)}, ${literal(spoke.names.cluster)}), 'Microsoft.KubernetesConfiguration/extensions', ${literal(FLUX_EXTENSION)})`,
    `${fullId(at, clusterType, cluster)}/providers/Microsoft.KubernetesConfiguration/extensions/${FLUX_EXTENSION}`,
  );
  const ssh = design.gitops.repositoryUrl.startsWith('ssh://');
  return [
    armResource('Microsoft.KubernetesConfiguration/extensions', FLUX_EXTENSION, {
      scope,
      comments: 'Flux v2 as an AKS cluster extension: managed, upgraded by AKS.',
      properties: {
        extensionType: 'microsoft.flux',
        autoUpgradeMinorVersion: true,
        releaseTrain: 'Stable',
        scope: { cluster: { releaseNamespace: 'flux-system' } },
        configurationSettings: {
          'source-controller.enabled': 'true',
          'kustomize-controller.enabled': 'true',
          'notification-controller.enabled': 'true',
          'helm-controller.enabled': 'false',
          'image-automation-controller.enabled': 'false',
          'image-reflector-controller.enabled': 'false',
        },
      },
    }),
    armResource('Microsoft.KubernetesConfiguration/fluxConfigurations', FLUX_CONFIGURATION, {
      scope,
      comments: "Reconciles the cluster's folder of the GitOps repository.",
      dependsOn: [extensionId],
      properties: {
        scope: 'cluster',
        namespace: 'flux-system',
        sourceKind: 'GitRepository',
        gitRepository: {
          url: design.gitops.repositoryUrl,
          repositoryRef: { branch: design.gitops.branch },
          syncIntervalInSeconds: 300,
          timeoutInSeconds: 180,
          httpsUser: ssh
            ? undefined
            : expression(
                "if(empty(parameters('gitHttpsUser')), null(), parameters('gitHttpsUser'))",
                '<HTTPS user, if any>',
              ),
        },
        kustomizations: {
          cluster: {
            path: `./${spoke.gitopsPath}`,
            prune: true,
            syncIntervalInSeconds: 300,
            timeoutInSeconds: 600,
            postBuild: { substitute },
          },
        },
        // The repository's read-only credential, base64 as the API expects; nothing for a public repository.
        configurationProtectedSettings: expression(
          `if(empty(parameters('gitCredential')), createObject(), createObject(${literal(ssh ? 'sshPrivateKey' : 'httpsKey')}, base64(parameters('gitCredential'))))`,
          '<protected: the repository credential given at deployment>',
        ),
      },
    }),
  ];
}
