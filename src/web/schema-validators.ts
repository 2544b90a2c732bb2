/**
 * The page's schema checks, handed to the core's verification as the CLI's are
 * (src/cli/schemas/validators.ts), so the page and `plan` report the same
 * findings: the same checking (src/shared/schema-checks/) over the same
 * generated validators, bundled for what Baseplate writes (the page verifies
 * nothing else), and the kubernetes-models classes of the built-in kinds it writes.
 */
import type { ValidateFunction } from 'ajv';
import { arm, catalog, crds, documented } from 'baseplate:schema-validators';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { SchemaValidators } from '../core/index.js';
import type { ArmCatalog } from '../shared/schema-checks/arm.js';
import { armChecks } from '../shared/schema-checks/arm.js';
import type { KubernetesModel } from '../shared/schema-checks/kubernetes.js';
import { kubernetesChecks } from '../shared/schema-checks/kubernetes.js';

/** The built-in kinds the GitOps repository holds (src/core/artifacts/gitops/); a test holds this list to them. */
export const BUILT_IN_KINDS = [
  ConfigMap,
  LimitRange,
  Namespace,
  ResourceQuota,
  Service,
  ServiceAccount,
  Deployment,
  HorizontalPodAutoscaler,
  Ingress,
  IngressClass,
  NetworkPolicy,
  PodDisruptionBudget,
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
];

// Each class takes its own kind's data; the check hands any object, as the CLI's does.
const models = new Map<string, KubernetesModel>(
  BUILT_IN_KINDS.map((m) => [`${m.apiVersion} ${m.kind}`, m as unknown as KubernetesModel]),
);

/** A generated module: Ajv's standalone code exports the validator. */
const validatorOf = (load: (() => unknown) | undefined): ValidateFunction | undefined =>
  load === undefined ? undefined : (load() as ValidateFunction);

const armCheck = armChecks({
  catalog: catalog as ArmCatalog,
  documented: new Set(documented),
  validator: (key) => {
    const validate = validatorOf(arm[key]);
    if (!validate) throw new Error(`the page bundles no schema ${key}`);
    return validate;
  },
});

const kubernetesCheck = kubernetesChecks({
  crd: (key) => validatorOf(crds[key]),
  model: (apiVersion, kind) => models.get(`${apiVersion} ${kind}`),
});

export const schemaValidators: SchemaValidators = {
  template: (template, scope) => armCheck.validateTemplate(template, scope),
  object: (object) => kubernetesCheck.validateObject(object),
};
