/**
 * Day-2 settings shared by every cluster. Spec: "Monitor and collect logs and
 * metrics", "Policy management", "Routine updates for AKS clusters", "Cost
 * management", "Cluster CI/CD".
 */
import { z } from 'zod';
import { urlUserinfo, withoutUserinfo } from '../../credential-text.js';
import { email } from './primitives.js';

/** Control-plane log categories of AKS (resource logs of managedClusters). */
export const CONTROL_PLANE_LOG_CATEGORIES = [
  'kube-apiserver',
  'kube-audit',
  'kube-audit-admin',
  'kube-controller-manager',
  'kube-scheduler',
  'cluster-autoscaler',
  'cloud-controller-manager',
  'guard',
  'csi-azuredisk-controller',
  'csi-azurefile-controller',
  'csi-snapshot-controller',
] as const;

export const monitoring = z
  .strictObject({
    retentionDays: z
      .int()
      .min(30)
      .max(730)
      .default(30)
      .meta({ description: 'Log Analytics retention in days.' }),
    containerLogV2Plan: z.enum(['Basic', 'Analytics']).default('Basic').meta({
      description:
        'ContainerLogV2 table plan; spec: "configures the ContainerLogV2 table to use the Basic plan".',
    }),
    controlPlaneLogs: z
      .array(z.enum(CONTROL_PLANE_LOG_CATEGORIES))
      .default(['cluster-autoscaler', 'kube-controller-manager', 'kube-audit-admin', 'guard'])
      .meta({
        description:
          'Control plane resource logs; the spec recommends these four, and never kube-audit with kube-audit-admin.',
      }),
    managedPrometheus: z
      .boolean()
      .default(true)
      .meta({ description: 'Azure Monitor managed Prometheus (spec: "Network metrics").' }),
    networkObservability: z
      .boolean()
      .default(true)
      .meta({ description: 'Spec: "Most clusters should include network observability".' }),
    advancedNetworkObservability: z.boolean().default(false).meta({
      description:
        'Pod-level network metrics; spec: "You shouldn\'t enable advanced network observability unless…".',
    }),
    kubernetesVersionWebhook: z
      .url({ protocol: /^https$/, error: 'must be an https:// URL' })
      .refine((url) => !url.includes('?'), {
        error: 'must not carry a query string: that is where webhook keys live, and templates are not secret',
        // The rejected value may be a key: never echo it.
        params: {
          secret: true,
          fix: 'Use an endpoint that authenticates Event Grid with Entra ID, with no key in its URL.',
        },
      })
      .refine((url) => urlUserinfo(url) === undefined, {
        error: 'must not carry a user or password (user:key@): templates are not secret',
        params: {
          secret: true,
          fix: 'Use an endpoint that authenticates Event Grid with Entra ID, with no key in its URL.',
        },
      })
      .optional()
      .meta({
        description:
          'Where Event Grid sends "new Kubernetes version available" events of the clusters (spec: "In-place updates to the cluster"). It must answer Event Grid\'s validation handshake (an Azure Function or Logic App does) and authenticate with Entra ID, not with a key in the URL.',
      }),
    workspaceReplicationLocation: z
      .string()
      .regex(/^[a-z0-9]+$/, { error: 'must be an Azure region name such as centralus' })
      .optional()
      .meta({
        description:
          'Replicate the Log Analytics workspaces to this region (a production option; replication is billed per GB). Learn: "Enhance resilience by replicating your Log Analytics workspace across regions".',
        examples: ['centralus'],
      }),
    alertEmails: z
      .array(email)
      .default([])
      .meta({ description: 'Receivers of the action group behind every alert.' }),
  })
  .meta({ description: 'Monitoring and alerts (spec: "Monitor and collect logs and metrics").' });

export const policy = z
  .strictObject({
    initiative: z.enum(['restricted', 'baseline']).default('restricted').meta({
      description: 'Built-in pod security initiative; spec: "The restrictive initiative is assigned".',
    }),
    initiativeEffect: z
      .enum(['Audit', 'Deny'])
      .default('Audit')
      .meta({ description: 'Spec: the initiative is assigned "in Audit mode to gain visibility".' }),
    customPolicyEffect: z.enum(['Audit', 'Deny']).default('Deny').meta({
      description:
        'Effect of the extra policies (allowed images, internal load balancers, HTTPS ingress, read-only root file system, host paths, external IPs, registry admin user and anonymous pull); spec: "set in Deny mode".',
    }),
    customInitiative: z.boolean().default(false).meta({
      description:
        'Assign the extra Kubernetes policies as one custom initiative, with a custom policy that keeps Ingress hosts in the spoke\'s ingress.internalDomain (spec: "Consider creating your own custom initiatives. Combine the policies that are applicable for your workload into a single assignment."). Creates the definitions in each workload subscription: the deployment needs Resource Policy Contributor there.',
    }),
    // The restricted initiative's own default (github.com/Azure/azure-policy built-in-policies/
    // policySetDefinitions/Kubernetes/Kubernetes_PSPRestrictedStandard.json, 2.5.0, excludedNamespaces)
    // exempts azure-extensions-usage-system beside the three the definitions never evaluate (their
    // excludedNamespaces: "azure-extensions-usage-system" is "optional to remove"); plus Flux's own.
    excludedNamespaces: z
      .array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/))
      .default([
        'kube-system',
        'gatekeeper-system',
        'azure-arc',
        'azure-extensions-usage-system',
        'flux-system',
      ])
      .meta({ description: 'Namespaces excluded from Deny assignments; they stay covered by Audit.' }),
  })
  .meta({ description: 'Azure Policy (spec: "Policy management").' });

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const windowTiming = {
  startTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day such as 21:00' })
    .default('21:00')
    .meta({ description: 'Start of the window, local to utcOffset.' }),
  durationHours: z
    .int()
    .min(4)
    .max(24)
    .default(4)
    .meta({ description: 'Length of the window; AKS needs at least four hours.' }),
  utcOffset: z
    .string()
    .regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, { error: 'must be an offset such as +00:00' })
    .default('+00:00')
    .meta({ description: 'Time zone of startTime, as an offset from UTC.' }),
};

export const maintenanceWindow = z.discriminatedUnion('frequency', [
  z.strictObject({
    frequency: z
      .literal('Weekly')
      .meta({ description: 'A window every week (or every intervalWeeks weeks).' }),
    dayOfWeek: z.enum(DAYS).default('Sunday').meta({ description: 'Day of the window.' }),
    intervalWeeks: z.int().min(1).max(4).default(1).meta({ description: 'Weeks between windows.' }),
    ...windowTiming,
  }),
  z.strictObject({
    frequency: z.literal('Daily').meta({ description: 'A window every day (or every intervalDays days).' }),
    intervalDays: z.int().min(1).max(7).default(1).meta({ description: 'Days between windows.' }),
    ...windowTiming,
  }),
]);

export const upgrades = z
  .strictObject({
    strategy: z.enum(['inPlace', 'immutable']).default('inPlace').meta({
      description:
        'immutable: no automatic upgrades at all, replace the cluster instead (spec: "Immutable infrastructure").',
    }),
    nodeOsChannel: z.enum(['NodeImage', 'SecurityPatch', 'Unmanaged', 'None']).default('NodeImage').meta({
      description: 'Spec: "Use the NodeImage automatic upgrade channel for node OS image upgrades".',
    }),
    clusterChannel: z.enum(['none', 'patch', 'stable', 'rapid']).default('none').meta({
      description:
        'Spec: "avoid the cluster automatic upgrade feature when you first deploy"; manual upgrades.',
    }),
    maxSurge: z
      .string()
      .regex(/^([1-9]\d?%|100%|[1-9]\d*)$/, { error: 'must be a node count or a percentage such as 33%' })
      .default('33%')
      .meta({
        description: 'Surge nodes during upgrades; spec: "A surge value of 33% is a good starting point".',
      }),
    nodeOsWindow: maintenanceWindow
      .prefault({ frequency: 'Weekly', dayOfWeek: 'Tuesday', durationHours: 12 })
      .meta({
        description:
          'Planned maintenance for node OS updates; spec: "at least once per week". Default: the reference implementation\'s Tuesday 21:00 for 12 hours.',
      }),
    clusterWindow: maintenanceWindow.prefault({ frequency: 'Weekly', dayOfWeek: 'Saturday' }).meta({
      description: 'Planned maintenance for cluster version upgrades, used with a cluster channel.',
    }),
  })
  .meta({
    description: 'Upgrade channels and maintenance windows (spec: "Routine updates for AKS clusters").',
  });

export const cost = z
  .strictObject({
    monthlyBudget: z.int().positive().optional().meta({
      description:
        'Monthly budget in whole units of the billing currency; omit for none (spec: "Create budgets to stay within the cost constraints").',
    }),
    alertThresholds: z.array(z.number().min(1).max(1000)).min(1).max(4).default([50, 80, 100]).meta({
      description:
        'Budget alert thresholds on actual cost, percent of the budget; a forecast alert at 100% comes with them (Azure allows five).',
    }),
    startMonth: z
      .string()
      .regex(/^20\d\d-(0[1-9]|1[0-2])$/, { error: 'must be a month such as 2026-12' })
      .optional()
      .meta({
        description:
          "The budget's first month (YYYY-MM), pinned. Omit it: deploy keeps the existing budget's start (Azure never changes it), and a new budget starts in the month of deployment.",
      }),
    contactEmails: z.array(email).default([]).meta({ description: 'Who receives budget alerts.' }),
  })
  .meta({ description: 'Cost controls (spec: "Cost management").' });

/**
 * The repository URL is written in plain text into the bootstrap template, the
 * GitOps README, deploy.sh, the report and the resolved configuration. Flux takes
 * the credential apart: fluxConfigurations' `gitRepository.httpsUser` ("Plaintext
 * HTTPS username") and `configurationProtectedSettings` (`format: password`,
 * `x-ms-secret`), keys httpsKey or sshPrivateKey (azure-rest-api-specs,
 * specification/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/fluxConfigurations/stable/2025-04-01/fluxconfiguration.json;
 * Learn "GitOps (Flux v2) supported parameters", --https-user, --https-key).
 * The bootstrap stage takes them as gitHttpsUser and the secure gitCredential.
 * An ssh:// URL names its SSH user (git@), which is no secret.
 */
function noCredentialInUrl(url: string, ctx: z.core.$RefinementCtx<string>): void {
  const info = urlUserinfo(url);
  if (!info) return;
  const ssh = /^ssh:/i.test(url);
  if (ssh && info.password === undefined) return;
  const clean = withoutUserinfo(url);
  ctx.addIssue({
    code: 'custom',
    message: ssh
      ? 'carries a password (user:password@): the URL is written in plain text into templates, deploy.sh, the report and the GitOps README'
      : 'carries a user or token (user:token@): the URL is written in plain text into templates, deploy.sh, the report and the GitOps README',
    input: url,
    params: {
      // The rejected value holds the credential: never echo it.
      secret: true,
      fix: ssh
        ? `Write ${clean} and give the deploy key at deployment: BASEPLATE_GIT_CREDENTIAL for baseplate deploy, or gitCredential= for the bootstrap stage (Flux's protected setting sshPrivateKey).`
        : `Write ${clean} and give the credential at deployment: BASEPLATE_GIT_HTTPS_USER and BASEPLATE_GIT_CREDENTIAL for baseplate deploy, or gitHttpsUser= and gitCredential= for the bootstrap stage (Flux's httpsUser and protected setting httpsKey).`,
    },
  });
}

export const gitops = z
  .strictObject({
    repositoryUrl: z
      .url({ protocol: /^(https|ssh)$/, error: 'must be an https:// or ssh:// Git URL' })
      .superRefine(noCredentialInUrl)
      .default('https://github.com/contoso/aks-baseline-gitops')
      .meta({ description: 'The Git repository Flux reads (spec: "Cluster bootstrapping").' }),
    branch: z.string().min(1).default('main').meta({ description: 'Branch Flux follows.' }),
    path: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, { error: 'must be a relative path such as clusters' })
      .default('clusters')
      .meta({ description: 'Folder of the per-cluster paths in the repository.' }),
  })
  .meta({ description: 'The GitOps repository of the Flux extension.' });

export const verification = z
  .strictObject({
    suppress: z
      .array(
        z.strictObject({
          rule: z.string().min(1).meta({ description: 'The rule ID, e.g. aks/sla-tier.' }),
          target: z.string().min(1).optional().meta({
            description: 'Only findings whose target contains this text; all of the rule when omitted.',
          }),
          reason: z
            .string()
            .trim()
            .min(10)
            .meta({ description: 'Why the finding is accepted: it shows in the report beside it.' }),
        }),
      )
      .default([])
      .meta({ description: 'Findings accepted on purpose, each with its reason.' }),
  })
  .meta({ description: 'The verification rules that plan runs on its artifacts.' });
