/**
 * Azure Policy on the workload's resource group (spec "Policy management"): the
 * built-in pod security initiative "in Audit mode to gain visibility", extra
 * policies "set in Deny mode" (one by one, or as the workload's own initiative),
 * and, for every namespace a Deny assignment exempts, an Audit assignment "so
 * that you're aware of those instances".
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmValue } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { nameGuid } from '../platform/roles.js';
import type { BuiltInPolicy } from './built-in-policies.js';
import {
  CLUSTER_POLICIES,
  HARDENING_POLICIES,
  KUBERNETES_AUDITS,
  POD_SECURITY_INITIATIVES,
  REGISTRY_POLICIES,
  SERVICE_AUDITS,
  WORKLOAD_POLICIES,
} from './built-in-policies.js';
import { approvedDomain, workloadInitiative } from './custom-initiative.js';
import { NEVER_EVALUATED_NAMESPACES } from '../../policy-namespaces.js';

type Parameters = Record<string, string | readonly string[] | { readonly paths: readonly string[] }>;

/** What an assignment names: a built-in definition, or the workload's own initiative. */
interface Assigned {
  /** Unique among the spoke's assignments: part of the assignment's name. */
  readonly key: string;
  readonly title: string;
  readonly definitionId: ArmValue;
}

function builtIn(policy: BuiltInPolicy): Assigned {
  const kind = policy.set ? 'policySetDefinitions' : 'policyDefinitions';
  return {
    key: policy.id,
    title: policy.title,
    definitionId: `/providers/Microsoft.Authorization/${kind}/${policy.id}`,
  };
}

/** The images a cluster may run: its own registry and Microsoft's (the platform's add-ons). */
export function allowedImagesPattern(registry: string): string {
  return `^(${registry}\\.azurecr\\.io|mcr\\.microsoft\\.com)/.+$`;
}

/**
 * The cluster resource policies and their effects: local accounts denied when
 * the cluster turns them off (a Deny would refuse a cluster that keeps them),
 * the others audited, as their definitions allow; the private cluster policy
 * instead of authorized ranges for a private API server.
 */
export function clusterPolicies(spoke: SpokeDesign): Array<[BuiltInPolicy, 'Audit' | 'Deny']> {
  const c = CLUSTER_POLICIES;
  return [
    [c.localAccounts, spoke.cluster.disableLocalAccounts ? 'Deny' : 'Audit'],
    [c.entra, 'Audit'],
    [c.defender, 'Audit'],
    [c.policyAddOn, 'Audit'],
    [spoke.privateCluster ? c.privateCluster : c.authorizedIpRanges, 'Audit'],
    [c.supportedVersion, 'Audit'],
    [c.rbac, 'Audit'],
    [c.managedIdentity, 'Audit'],
  ];
}

export function policyAssignments(at: ArmScope, design: Design, spoke: SpokeDesign): ArmResource[] {
  const { policy } = design;
  const cluster = spoke.names.cluster;
  const assign = (definition: Assigned, parameters: Parameters, why: string, variant = ''): ArmResource =>
    armResource(
      'Microsoft.Authorization/policyAssignments',
      nameGuid(`${at.resourceGroup}|${cluster}|${definition.key}${variant}`),
      {
        comments: why,
        properties: {
          displayName: `[${cluster}] ${definition.title}${variant ? ` (${variant})` : ''}`.slice(0, 128),
          description: why,
          // PSRule for Azure's Azure.Policy.AssignmentAssignedBy: who manages the assignment, for those who find it.
          metadata: { assignedBy: 'Baseplate (policy stage)' },
          policyDefinitionId: definition.definitionId,
          enforcementMode: 'Default',
          parameters: Object.fromEntries(
            Object.entries(parameters).map(([name, value]) => [name, { value }]),
          ),
        },
      },
    );

  /** The Kubernetes policy with `effect`; with Deny, its exemptions audited by a second assignment. */
  // Those the definitions never evaluate are not audited either: auditing them audits nothing.
  const audited = policy.excludedNamespaces.filter((ns) => !NEVER_EVALUATED_NAMESPACES.includes(ns));
  const kubernetes = (definition: Assigned, effect: 'Audit' | 'Deny', extra: Parameters, why: string) =>
    effect === 'Audit'
      ? [assign(definition, { effect, excludedNamespaces: [], ...extra }, why)]
      : [
          assign(definition, { effect, excludedNamespaces: policy.excludedNamespaces, ...extra }, why),
          ...(audited.length > 0
            ? [
                assign(
                  definition,
                  { effect: 'Audit', namespaces: audited, excludedNamespaces: [], ...extra },
                  `Audits the namespaces the Deny assignment exempts: ${audited.join(', ')}.`,
                  'exempt namespaces, audit',
                ),
              ]
            : []),
        ];

  return [
    ...kubernetes(
      builtIn(POD_SECURITY_INITIATIVES[policy.initiative]),
      policy.initiativeEffect,
      {},
      'Spec "Policy management": the pod security initiative, to gain visibility into noncompliance.',
    ),
    ...(policy.customInitiative
      ? kubernetes(
          workloadInitiative(design, spoke),
          policy.customPolicyEffect,
          {
            allowedContainerImagesRegex: allowedImagesPattern(spoke.names.registry),
            allowedDomains: [approvedDomain(spoke)],
          },
          'Spec "Policy management": the policies applicable to the workload, combined into a single assignment (images from the deployed registry, internal load balancers, HTTPS ingress, read-only root file system, no host paths, no external IPs, Ingress hosts in the approved domain).',
        )
      : [
          ...kubernetes(
            builtIn(WORKLOAD_POLICIES.allowedImages),
            policy.customPolicyEffect,
            { allowedContainerImagesRegex: allowedImagesPattern(spoke.names.registry) },
            'Spec "Policy management": images are only pulled from the deployed Container Registry instance (and mcr.microsoft.com for the platform).',
          ),
          ...kubernetes(
            builtIn(WORKLOAD_POLICIES.internalLoadBalancers),
            policy.customPolicyEffect,
            {},
            'Spec "Ingress traffic flow": services are reached only through internal load balancers, behind Application Gateway.',
          ),
          ...kubernetes(
            builtIn(WORKLOAD_POLICIES.httpsIngress),
            policy.customPolicyEffect,
            {},
            'Spec "Secure the network flow": ingress only over HTTPS.',
          ),
          ...kubernetes(
            builtIn(HARDENING_POLICIES.readOnlyRoot),
            policy.customPolicyEffect,
            {},
            'Issue "Runtime guardrails": containers cannot write to their image, beyond what the restricted initiative audits.',
          ),
          ...kubernetes(
            builtIn(HARDENING_POLICIES.hostPaths),
            policy.customPolicyEffect,
            { allowedHostPaths: { paths: [] } },
            'Spec "Policy management": no pod mounts a path of its node (an empty list blocks every host path).',
          ),
          ...kubernetes(
            builtIn(HARDENING_POLICIES.externalIps),
            policy.customPolicyEffect,
            { allowedExternalIPs: [] },
            'Spec "Ingress traffic flow": no Service takes external IPs; traffic enters through the internal load balancer only.',
          ),
        ]),
    ...kubernetes(
      builtIn(KUBERNETES_AUDITS.endpointEdit),
      'Audit',
      {},
      'CVE-2021-25740: the edit role must not edit Endpoints (the definition allows Audit only).',
    ),
    ...kubernetes(
      builtIn(KUBERNETES_AUDITS.defaultNamespace),
      'Audit',
      { namespaces: ['default'] },
      'Workloads go in their own namespaces, never in default.',
    ),
    ...clusterPolicies(spoke).map(([definition, effect]) =>
      assign(
        builtIn(definition),
        { effect },
        'Issue "Runtime guardrails": the cluster resource stays as planned after deployment, or the change is flagged.',
      ),
    ),
    ...Object.values(REGISTRY_POLICIES).map((definition) =>
      assign(
        builtIn(definition),
        { effect: policy.customPolicyEffect },
        'Spec "Policy management": pulls authenticate with Entra ID only; no admin user, no anonymous pull.',
      ),
    ),
    ...SERVICE_AUDITS.map((definition) =>
      assign(
        builtIn(definition),
        { effect: 'Audit' },
        "Audits that the registry, Key Vault and Application Gateway stay as the spec's baseline sets them.",
      ),
    ),
  ];
}
