/**
 * What hangs off a running cluster: the ingress controller's federated identity
 * (spec "Integrate Microsoft Entra ID for the workload": "Microsoft Entra Workload
 * ID on AKS provides the managed identities for pods"), and the Event Grid system
 * topic that announces new Kubernetes versions (spec "In-place updates to the
 * cluster": "subscribe to the Microsoft.ContainerService.NewKubernetesVersionAvailable event").
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import { expression, literal } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function clusterExtras(
  at: ArmScope,
  design: Design,
  spoke: SpokeDesign,
  tags: Record<string, string>,
): ArmResource[] {
  const clusterId = localId(at)('Microsoft.ContainerService/managedClusters', spoke.names.cluster);
  const version = literal(API_VERSIONS['Microsoft.ContainerService/managedClusters']);
  const topic = spoke.names.eventGridTopic;
  const webhook = design.monitoring.kubernetesVersionWebhook;
  return [
    armResource(
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
      `${spoke.names.identities.ingress}/ingress-controller`,
      {
        comments: "The ingress controller's service account signs in as this identity, with no secret.",
        dependsOn: [clusterId],
        properties: {
          issuer: expression(
            `reference(${clusterId.$arm.slice(1, -1)}, ${version}).oidcIssuerProfile.issuerURL`,
            `<OIDC issuer URL of ${spoke.names.cluster}>`,
          ),
          subject: `system:serviceaccount:${INGRESS_CONTROLLER.namespace}:${INGRESS_CONTROLLER.serviceAccount}`,
          audiences: ['api://AzureADTokenExchange'],
        },
      },
    ),
    armResource('Microsoft.EventGrid/systemTopics', topic, {
      location: design.region.name,
      tags,
      comments: 'Announces new Kubernetes versions: upgrades stay deliberate, but never unnoticed.',
      dependsOn: [clusterId],
      properties: { source: clusterId, topicType: 'Microsoft.ContainerService.ManagedClusters' },
    }),
    ...(webhook
      ? [
          armResource(
            'Microsoft.EventGrid/systemTopics/eventSubscriptions',
            `${topic}/new-kubernetes-versions`,
            {
              dependsOn: [localId(at)('Microsoft.EventGrid/systemTopics', topic)],
              properties: {
                destination: { endpointType: 'WebHook', properties: { endpointUrl: webhook } },
                filter: { includedEventTypes: ['Microsoft.ContainerService.NewKubernetesVersionAvailable'] },
              },
            },
          ),
        ]
      : []),
  ];
}
