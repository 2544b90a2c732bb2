/**
 * The workload's own initiative (spec "Policy management": "Consider creating
 * your own custom initiatives. Combine the policies that are applicable for
 * your workload into a single assignment."), turned on by
 * `policy.customInitiative`: the extra Kubernetes policies, plus one custom
 * definition the built-ins lack ("You can create a custom Azure Policy
 * definition that applies your custom OPA Gatekeeper policies"): Ingress hosts
 * only in the spoke's internal domain, the one its wildcard certificate covers.
 *
 * Shapes: learn.microsoft.com/azure/governance/policy/concepts/effect-deny
 * ("For a Resource Provider mode of Microsoft.Kubernetes.Data … templateInfo
 * (required) … sourceType … PublicURL or Base64Encoded"; constraintTemplate is
 * deprecated) and the built-in definitions of github.com/Azure/azure-policy
 * (built-in-policies/policyDefinitions/Kubernetes/AllowedVolumeTypes.json: the
 * effect, excludedNamespaces and namespaces parameters, passed to `details`).
 * In a template, "[[" writes a literal "[": the policy engine, not Resource
 * Manager, evaluates `[parameters(…)]` here.
 */
import { base64Encode } from '../../base64.js';
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal, SUBSCRIPTION_PLACEHOLDER } from '../arm/expression.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { nameGuid } from '../platform/roles.js';
import { HARDENING_POLICIES, WORKLOAD_POLICIES } from './built-in-policies.js';
import { NEVER_EVALUATED_NAMESPACES } from '../../policy-namespaces.js';

const DEFINITIONS = 'Microsoft.Authorization/policyDefinitions';
const SETS = 'Microsoft.Authorization/policySetDefinitions';

/** A policy parameter, for the policy engine rather than Resource Manager. */
const policyParameter = (name: string): string => `[[parameters('${name}')]`;

/**
 * The Gatekeeper constraint template (templates.gatekeeper.sh/v1, as Azure Policy
 * for Kubernetes takes it): every host an Ingress names, in its TLS section or
 * its rules, is one label under an allowed domain — what `*.domain` covers.
 * Structure after github.com/open-policy-agent/gatekeeper-library/blob/master/src/general/httpsonly/src.rego.
 */
export const INGRESS_HOSTS_TEMPLATE = `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata:
  name: k8singresshostsindomain
  annotations:
    description: Ingress hosts must be one label under an allowed domain (the one the wildcard certificate covers).
spec:
  crd:
    spec:
      names:
        kind: K8sIngressHostsInDomain
      validation:
        openAPIV3Schema:
          type: object
          properties:
            domains:
              description: The domains whose direct subdomains an Ingress may serve.
              type: array
              items:
                type: string
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        package k8singresshostsindomain

        violation[{"msg": msg}] {
          input.review.object.kind == "Ingress"
          host := served[_]
          not allowed(host)
          msg := sprintf("Ingress %v serves %v, outside the allowed domains %v", [input.review.object.metadata.name, host, input.parameters.domains])
        }

        served[host] {
          host := input.review.object.spec.tls[_].hosts[_]
        }

        served[host] {
          host := input.review.object.spec.rules[_].host
        }

        allowed(host) {
          domain := input.parameters.domains[_]
          labels := split(host, ".")
          count(labels) > 1
          concat(".", array.slice(labels, 1, count(labels))) == domain
        }
`;

/** Names unique to the design, as the subscription holds every design's definitions. */
const ingressHostsName = (design: Design): string => nameGuid(`${design.key}|policy|ingress-hosts`);
const initiativeName = (design: Design): string => nameGuid(`${design.key}|policy|workload-initiative`);

/** `[subscriptionResourceId(…)]` of a definition in the deploying subscription. */
function subscriptionDefinition(
  type: string,
  name: string,
  subscriptionId: string | undefined,
): ArmExpression {
  return expression(
    `subscriptionResourceId(${literal(type)}, ${literal(name)})`,
    `/subscriptions/${subscriptionId ?? SUBSCRIPTION_PLACEHOLDER}/providers/${type}/${name}`,
  );
}

const kubernetesParameters = {
  effect: {
    type: 'String',
    allowedValues: ['Audit', 'Deny', 'Disabled'],
    defaultValue: 'Deny',
    metadata: { displayName: 'Effect', description: 'Audit flags, Deny refuses, Disabled turns off.' },
  },
  excludedNamespaces: {
    type: 'Array',
    defaultValue: [...NEVER_EVALUATED_NAMESPACES],
    metadata: { displayName: 'Namespace exclusions', description: 'Namespaces not evaluated.' },
  },
  namespaces: {
    type: 'Array',
    defaultValue: [],
    metadata: {
      displayName: 'Namespace inclusions',
      description: 'Only these namespaces are evaluated; empty evaluates every namespace.',
    },
  },
} as const;

/** The domains parameter the custom definition takes and the initiative passes it. */
const ALLOWED_DOMAINS = {
  type: 'Array',
  metadata: {
    displayName: 'Allowed domains',
    description: 'Domains whose direct subdomains an Ingress may serve.',
  },
} as const;

function ingressHostsDefinition(design: Design): ArmResource {
  return armResource(DEFINITIONS, ingressHostsName(design), {
    comments: 'Spec "Policy management": a custom definition applying a custom OPA Gatekeeper policy.',
    properties: {
      policyType: 'Custom',
      mode: 'Microsoft.Kubernetes.Data',
      displayName: `[${design.key}] Kubernetes Ingress hosts should be in the approved domains`,
      description:
        "Ingress TLS and rule hosts must be one label under an approved domain: the domain of the ingress controller's wildcard certificate.",
      metadata: { category: 'Kubernetes', version: '1.0.0' },
      parameters: {
        ...kubernetesParameters,
        allowedDomains: ALLOWED_DOMAINS,
      },
      policyRule: {
        if: { field: 'type', in: ['Microsoft.ContainerService/managedClusters'] },
        then: {
          effect: policyParameter('effect'),
          details: {
            templateInfo: {
              sourceType: 'Base64Encoded',
              content: base64Encode(INGRESS_HOSTS_TEMPLATE),
            },
            apiGroups: ['networking.k8s.io'],
            kinds: ['Ingress'],
            excludedNamespaces: policyParameter('excludedNamespaces'),
            namespaces: policyParameter('namespaces'),
            values: { domains: policyParameter('allowedDomains') },
          },
        },
      },
    },
  });
}

/** The members: each passes the initiative's effect and namespaces on, with its own values. */
function members(design: Design, subscriptionId: string | undefined) {
  const passed = (...names: string[]) =>
    Object.fromEntries(names.map((name) => [name, { value: policyParameter(name) }]));
  const common = passed('effect', 'excludedNamespaces', 'namespaces');
  const builtIn = (id: string) => `/providers/Microsoft.Authorization/policyDefinitions/${id}`;
  return [
    {
      policyDefinitionReferenceId: 'allowedImages',
      policyDefinitionId: builtIn(WORKLOAD_POLICIES.allowedImages.id),
      parameters: { ...common, ...passed('allowedContainerImagesRegex') },
    },
    {
      policyDefinitionReferenceId: 'internalLoadBalancers',
      policyDefinitionId: builtIn(WORKLOAD_POLICIES.internalLoadBalancers.id),
      parameters: common,
    },
    {
      policyDefinitionReferenceId: 'httpsIngress',
      policyDefinitionId: builtIn(WORKLOAD_POLICIES.httpsIngress.id),
      parameters: common,
    },
    {
      policyDefinitionReferenceId: 'readOnlyRootFileSystem',
      policyDefinitionId: builtIn(HARDENING_POLICIES.readOnlyRoot.id),
      parameters: common,
    },
    {
      policyDefinitionReferenceId: 'noHostPaths',
      policyDefinitionId: builtIn(HARDENING_POLICIES.hostPaths.id),
      parameters: { ...common, allowedHostPaths: { value: { paths: [] } } },
    },
    {
      policyDefinitionReferenceId: 'noExternalIps',
      policyDefinitionId: builtIn(HARDENING_POLICIES.externalIps.id),
      parameters: { ...common, allowedExternalIPs: { value: [] } },
    },
    {
      policyDefinitionReferenceId: 'ingressHostsInDomain',
      policyDefinitionId: subscriptionDefinition(DEFINITIONS, ingressHostsName(design), subscriptionId),
      parameters: { ...common, ...passed('allowedDomains') },
    },
  ];
}

/** The definitions a subscription stage creates: the custom policy, then the initiative holding it. */
export function customPolicyDefinitions(design: Design, subscriptionId: string | undefined): ArmResource[] {
  const definition = subscriptionDefinition(DEFINITIONS, ingressHostsName(design), subscriptionId);
  return [
    ingressHostsDefinition(design),
    armResource(SETS, initiativeName(design), {
      comments:
        'Spec "Policy management": "Combine the policies that are applicable for your workload into a single assignment."',
      dependsOn: [definition],
      properties: {
        policyType: 'Custom',
        displayName: `[${design.key}] Workload policies`,
        description:
          'Allowed images, internal load balancers, HTTPS ingress, read-only root file system, no host paths, no external IPs, and Ingress hosts in the approved domains.',
        metadata: { category: 'Kubernetes', version: '1.0.0' },
        parameters: {
          ...kubernetesParameters,
          allowedContainerImagesRegex: {
            type: 'String',
            metadata: { displayName: 'Allowed images', description: 'The images containers may run.' },
          },
          allowedDomains: ALLOWED_DOMAINS,
        },
        policyDefinitions: members(design, subscriptionId),
      },
    }),
  ];
}

/** What a spoke's assignment names: the initiative of its subscription. */
export function workloadInitiative(design: Design, spoke: SpokeDesign) {
  return {
    key: initiativeName(design),
    title: 'Workload policies',
    definitionId: subscriptionDefinition(SETS, initiativeName(design), spoke.subscriptionId),
  };
}

/** The domain an Ingress of the spoke may serve hosts in: that of its internal host. */
export function approvedDomain(spoke: SpokeDesign): string {
  return spoke.ingress.internalHost.slice(spoke.ingress.internalHost.indexOf('.') + 1);
}
