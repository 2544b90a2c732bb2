/**
 * Governance: each spoke's policy stage, before anything runs in its group, and
 * a subscription stage for what lives at that scope (the workload's policy
 * definitions, the Defender plan, the budget) where the config turns it on.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import type { ArmScope } from '../arm/scope.js';
import { resourceId } from '../arm/scope.js';
import type { Stage } from '../arm/template.js';
import { groupRole } from '../arm/template.js';
import { spokeScope } from '../network/common.js';
import type { NetworkLayout } from '../network/stages.js';
import { monitoringStageName } from '../monitoring/stage.js';
import { budget } from './budget.js';
import { customPolicyDefinitions } from './custom-initiative.js';
import { defenderForContainers } from './defender.js';
import { policyAssignments } from './policy.js';

export function policyStageName(spoke: string): string {
  return `policy-${spoke}`;
}

/** The workload subscriptions, each named once, in the order of their first spoke. */
function subscriptionsOf(design: Design): Array<string | undefined> {
  return [...new Set(design.spokes.map((spoke) => spoke.subscriptionId))];
}

/** A subscription stage's name: numbered when there are several subscriptions. */
function subscriptionStageName(design: Design, name: string, subscriptionId: string | undefined): string {
  const subscriptions = subscriptionsOf(design);
  return subscriptions.length === 1 ? name : `${name}-${subscriptions.indexOf(subscriptionId) + 1}`;
}

export function policyStage(design: Design, spoke: SpokeDesign, network: NetworkLayout): Stage {
  const at = spokeScope(spoke);
  const definitions = design.policy.customInitiative
    ? [subscriptionStageName(design, 'policy-definitions', spoke.subscriptionId)]
    : [];
  return {
    name: policyStageName(spoke.name),
    description: `Azure Policy on ${at.resourceGroup}: pod security, allowed images, internal load balancers, HTTPS ingress, the hardening policies, the cluster and registry guardrails, and audits of the services.`,
    owner: 'workload team',
    roles: [groupRole(at)('Resource Policy Contributor', 'Assign the built-in policies to the group.')],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: policyAssignments(at, design, spoke),
    outputs: {},
    dependsOn: [network.resourceGroupStage(spoke.subscriptionId), ...definitions],
  };
}

/**
 * Per workload subscription, when the workload has its own initiative: the
 * definitions its policy stages assign, before them.
 */
export function policyDefinitionStages(design: Design): Stage[] {
  if (!design.policy.customInitiative) return [];
  return subscriptionsOf(design).map((subscriptionId) => ({
    name: subscriptionStageName(design, 'policy-definitions', subscriptionId),
    description: `The workload's custom policy definition and initiative in subscription ${subscriptionId ?? "(the deployment's)"}, which the policy stages assign.`,
    owner: 'workload team',
    roles: [
      {
        role: 'Resource Policy Contributor',
        scope: `subscription ${subscriptionId ?? "(the deployment's)"}`,
        why: 'Create the custom policy definition and initiative.',
      },
    ],
    scope: { kind: 'subscription', subscriptionId, location: design.region.name, design: design.key },
    parameters: {},
    resources: customPolicyDefinitions(design, subscriptionId),
    outputs: {},
    dependsOn: [],
  }));
}

/**
 * Per workload subscription, when turned on: the Defender plan, then the budget.
 * Separate stages, so that a budget Azure refuses never holds back Defender.
 */
export function subscriptionStages(design: Design, network: NetworkLayout): Stage[] {
  return subscriptionsOf(design).flatMap((subscriptionId): Stage[] => {
    const numbered = (name: string) => subscriptionStageName(design, name, subscriptionId);
    const spokes = design.spokes.filter((spoke) => spoke.subscriptionId === subscriptionId);
    const groupStage = network.resourceGroupStage(subscriptionId);
    const where = `subscription ${subscriptionId ?? "(the deployment's)"}`;
    const inSubscription = subscriptionId ? ` in subscription ${subscriptionId}` : '';
    const scope = {
      kind: 'subscription',
      subscriptionId,
      location: design.region.name,
      design: design.key,
    } as const;
    const groups = [
      ...(network.stages.find((stage) => stage.name === groupStage)?.resources.map((group) => group.name) ??
        []),
      ...spokes.map((spoke) => spoke.names.nodeResourceGroup),
    ];
    const at: ArmScope = { subscriptionId, resourceGroup: '' };
    const actionGroups = spokes.map((spoke) =>
      resourceId(
        at,
        spokeScope(spoke),
        'Microsoft.Insights/actionGroups',
        spoke.names.monitoring.actionGroup,
      ),
    );
    const plan = budget(design, groups, actionGroups);
    return [
      ...(design.defender
        ? [
            {
              name: numbered('defender'),
              description: `The Defender for Containers plan${inSubscription}.`,
              owner: 'workload team',
              roles: [
                { role: 'Security Admin', scope: where, why: 'Turn on the Defender for Containers plan.' },
              ],
              scope,
              parameters: {},
              resources: [defenderForContainers()],
              outputs: {},
              dependsOn: [groupStage],
            } satisfies Stage,
          ]
        : []),
      ...(plan
        ? [
            {
              name: numbered('budget'),
              description: `A monthly budget of ${plan.amount} over the workload's resource groups${inSubscription}.`,
              owner: 'workload team',
              roles: [
                { role: 'Cost Management Contributor', scope: where, why: 'Create the budget.' },
                {
                  role: 'Monitoring Contributor',
                  scope: where,
                  why: 'Run a subscription deployment, and notify the action groups.',
                },
              ],
              scope,
              parameters: plan.parameters,
              resources: plan.resources,
              outputs: {},
              // The budget notifies the spokes' action groups.
              dependsOn: [groupStage, ...spokes.map((spoke) => monitoringStageName(spoke.name))],
            } satisfies Stage,
          ]
        : []),
    ];
  });
}
