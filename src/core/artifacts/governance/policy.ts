/**
 * Azure Policy on the workload's resource group (spec "Policy management"): the
 * built-in pod security initiative "in Audit mode to gain visibility", extra
 * policies "set in Deny mode", and, for every namespace a Deny assignment
 * exempts, an Audit assignment "so that you're aware of those instances".
 *
 * Definition IDs: github.com/Azure/azure-policy built-in-policies (see
 * docs/research/platform.md, section 2).
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmScope } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { nameGuid } from '../platform/roles.js';

interface BuiltInPolicy {
  readonly id: string;
  readonly set: boolean;
  readonly title: string;
}

export const POD_SECURITY_INITIATIVES = {
  restricted: {
    id: '42b8ef37-b724-4e24-bbc8-7a7708edfe00',
    set: true,
    title: 'Kubernetes cluster pod security restricted standards for Linux-based workloads',
  },
  baseline: {
    id: 'a8640138-9b0a-4a28-b8cb-1666c838647d',
    set: true,
    title: 'Kubernetes cluster pod security baseline standards for Linux-based workloads',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/** Kubernetes policies beyond the initiative: the spec's "extra policies". */
export const WORKLOAD_POLICIES = {
  allowedImages: {
    id: 'febd0533-8e55-448f-b837-bd0e06f16469',
    set: false,
    title: 'Kubernetes cluster containers should only use allowed images',
  },
  internalLoadBalancers: {
    id: '3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e',
    set: false,
    title: 'Kubernetes clusters should use internal load balancers',
  },
  httpsIngress: {
    id: '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d',
    set: false,
    title: 'Kubernetes clusters should be accessible only over HTTPS',
  },
} as const satisfies Record<string, BuiltInPolicy>;

/** Audits of the Azure services around the cluster, each with an Audit effect. */
export const SERVICE_AUDITS: readonly BuiltInPolicy[] = [
  {
    id: '0fdf0491-d080-4575-b627-ad0e843cba0f',
    set: false,
    title: 'Public network access should be disabled for Container registries',
  },
  {
    id: 'dc921057-6b28-4fbe-9b83-f7bec05db6c2',
    set: false,
    title: 'Container registries should have local admin account disabled',
  },
  {
    id: '9f2dea28-e834-476c-99c5-3507b4728395',
    set: false,
    title: 'Container registries should have anonymous authentication disabled',
  },
  {
    id: '405c5871-3e91-4644-8a63-58e19d68ff5b',
    set: false,
    title: 'Azure Key Vault should disable public network access',
  },
  {
    id: '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53',
    set: false,
    title: 'Key vaults should have deletion protection enabled',
  },
  {
    id: '12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5',
    set: false,
    title: 'Azure Key Vault should use RBAC permission model',
  },
  {
    id: '564feb30-bf6a-4854-b4bb-0d2d2d1e6c66',
    set: false,
    title: 'Web Application Firewall (WAF) should be enabled for Application Gateway',
  },
];

type Parameters = Record<string, string | readonly string[]>;

/** The Kubernetes definitions never evaluate these ("always excluded by design"): auditing them audits nothing. */
const NEVER_EVALUATED = ['kube-system', 'gatekeeper-system', 'azure-arc'];

function definitionId(policy: BuiltInPolicy): string {
  const kind = policy.set ? 'policySetDefinitions' : 'policyDefinitions';
  return `/providers/Microsoft.Authorization/${kind}/${policy.id}`;
}

/** The images a cluster may run: its own registry and Microsoft's (the platform's add-ons). */
export function allowedImagesPattern(registry: string): string {
  return `^(${registry}\\.azurecr\\.io|mcr\\.microsoft\\.com)/.+$`;
}

export function policyAssignments(at: ArmScope, design: Design, spoke: SpokeDesign): ArmResource[] {
  const { policy } = design;
  const cluster = spoke.names.cluster;
  const assign = (builtIn: BuiltInPolicy, parameters: Parameters, why: string, variant = ''): ArmResource =>
    armResource(
      'Microsoft.Authorization/policyAssignments',
      nameGuid(`${at.resourceGroup}|${cluster}|${builtIn.id}${variant}`),
      {
        comments: why,
        properties: {
          displayName: `[${cluster}] ${builtIn.title}${variant ? ` (${variant})` : ''}`.slice(0, 128),
          description: why,
          policyDefinitionId: definitionId(builtIn),
          enforcementMode: 'Default',
          parameters: Object.fromEntries(
            Object.entries(parameters).map(([name, value]) => [name, { value }]),
          ),
        },
      },
    );

  /** The Kubernetes policy with `effect`; with Deny, its exemptions audited by a second assignment. */
  const audited = policy.excludedNamespaces.filter((ns) => !NEVER_EVALUATED.includes(ns));
  const kubernetes = (builtIn: BuiltInPolicy, effect: 'Audit' | 'Deny', extra: Parameters, why: string) =>
    effect === 'Audit'
      ? [assign(builtIn, { effect, excludedNamespaces: [], ...extra }, why)]
      : [
          assign(builtIn, { effect, excludedNamespaces: policy.excludedNamespaces, ...extra }, why),
          ...(audited.length > 0
            ? [
                assign(
                  builtIn,
                  { effect: 'Audit', namespaces: audited, excludedNamespaces: [], ...extra },
                  `Audits the namespaces the Deny assignment exempts: ${audited.join(', ')}.`,
                  'exempt namespaces, audit',
                ),
              ]
            : []),
        ];

  return [
    ...kubernetes(
      POD_SECURITY_INITIATIVES[policy.initiative],
      policy.initiativeEffect,
      {},
      'Spec "Policy management": the pod security initiative, to gain visibility into noncompliance.',
    ),
    ...kubernetes(
      WORKLOAD_POLICIES.allowedImages,
      policy.customPolicyEffect,
      { allowedContainerImagesRegex: allowedImagesPattern(spoke.names.registry) },
      'Spec "Policy management": images are only pulled from the deployed Container Registry instance (and mcr.microsoft.com for the platform).',
    ),
    ...kubernetes(
      WORKLOAD_POLICIES.internalLoadBalancers,
      policy.customPolicyEffect,
      {},
      'Spec "Ingress traffic flow": services are reached only through internal load balancers, behind Application Gateway.',
    ),
    ...kubernetes(
      WORKLOAD_POLICIES.httpsIngress,
      policy.customPolicyEffect,
      {},
      'Spec "Secure the network flow": ingress only over HTTPS.',
    ),
    ...SERVICE_AUDITS.map((builtIn) =>
      assign(
        builtIn,
        { effect: 'Audit' },
        "Audits that the registry, Key Vault and Application Gateway stay as the spec's baseline sets them.",
      ),
    ),
  ];
}
