/**
 * The Azure values the manifests need, per cluster, from the same design data as
 * the ARM templates. Shared bases refer to them as `${NAME}`; each cluster path
 * holds them in a ConfigMap that Flux substitutes from. The two only deployment
 * knows (the tenant, when not configured, and the ingress identity's client ID)
 * come from the bootstrap stage, which hands them to Flux.
 */
import type { SpokeDesign } from '../../design/design.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal, TENANT_PLACEHOLDER } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import { subnetOf } from '../../ipplan/plan.js';

/** The ConfigMap (in flux-system) that every Flux Kustomization of a cluster substitutes from. */
export const SETTINGS_CONFIG_MAP = 'cluster-settings';

export interface ClusterSettings {
  /** Known when planning: written into the cluster's ConfigMap. */
  readonly planned: Readonly<Record<string, string>>;
  /** Known at deployment: the ConfigMap says `${NAME}`, the bootstrap stage supplies the value. */
  readonly deployTime: Readonly<Record<string, ArmExpression>>;
}

export function clusterSettings(spoke: SpokeDesign, at: ArmScope): ClusterSettings {
  const { network, ranges } = spoke;
  const ingressSubnet = subnetOf(network, 'ingress');
  const gatewaySubnet = subnetOf(network, 'applicationGateway');
  if (!ingressSubnet || !gatewaySubnet) throw new Error(`spoke ${spoke.name} is planned`);
  const tenant = spoke.tenantId;
  const identity = localId(at)(
    'Microsoft.ManagedIdentity/userAssignedIdentities',
    spoke.names.identities.ingress,
  );
  return {
    planned: {
      CLUSTER_NAME: spoke.names.cluster,
      REGISTRY_LOGIN_SERVER: `${spoke.names.registry.toLowerCase()}.azurecr.io`,
      KEY_VAULT_NAME: spoke.names.keyVault,
      INGRESS_IP: ranges.ingressIp,
      INGRESS_SUBNET: ingressSubnet.name,
      APPLICATION_GATEWAY_SUBNET: gatewaySubnet.prefix,
      INGRESS_HOST: spoke.ingress.internalHost,
      ...(tenant ? { TENANT_ID: tenant } : {}),
    },
    deployTime: {
      ...(tenant ? {} : { TENANT_ID: expression('subscription().tenantId', TENANT_PLACEHOLDER) }),
      INGRESS_CLIENT_ID: expression(
        `reference(${identity.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.ManagedIdentity/userAssignedIdentities'])}).clientId`,
        `<client ID of ${spoke.names.identities.ingress}>`,
      ),
    },
  };
}
