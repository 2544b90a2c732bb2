/**
 * The workload's monthly budget (spec "Cost management": "Create budgets to stay
 * within the cost constraints … create alerts to get notifications when certain
 * thresholds are exceeded"), over the resource groups Baseplate creates and the
 * clusters' node resource groups, notifying the cost contacts and the action groups.
 */
import type { Config } from '../../config/schema/index.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmResource, StageParameter } from '../arm/template.js';
import { armResource, parameter } from '../arm/template.js';

export interface PlannedBudget {
  readonly amount: number;
  readonly parameters: Record<string, StageParameter>;
  readonly resources: readonly ArmResource[];
}

export function budget(
  config: Config,
  resourceGroups: readonly string[],
  actionGroups: readonly ArmExpression[],
): PlannedBudget | undefined {
  const { cost, naming } = config;
  if (cost.monthlyBudget === undefined) return undefined;
  const startDate: StageParameter = {
    type: 'string',
    description:
      'First day of the first budgeted month (yyyy-MM-dd), in a month that has not ended. Defaults to the month of the first deployment; later deployments give the date the budget already has.',
    value: '<first day of the month of deployment>',
    defaultValue: "[utcNow('yyyy-MM-01')]",
  };
  return {
    amount: cost.monthlyBudget,
    parameters: { budgetStartDate: startDate },
    resources: [
      armResource(
        'Microsoft.Consumption/budgets',
        `budget-${naming.businessUnit}${naming.workload}-${naming.environment}`,
        {
          comments: 'Notifies before the month ends over budget, not after.',
          properties: {
            category: 'Cost',
            amount: cost.monthlyBudget,
            timeGrain: 'Monthly',
            timePeriod: { startDate: parameter('budgetStartDate', startDate.value as string) },
            filter: {
              dimensions: { name: 'ResourceGroupName', operator: 'In', values: [...resourceGroups] },
            },
            notifications: Object.fromEntries(
              cost.alertThresholds.map((threshold) => [
                `actual-${threshold}`,
                {
                  enabled: true,
                  operator: 'GreaterThanOrEqualTo',
                  threshold,
                  thresholdType: 'Actual',
                  contactEmails: cost.contactEmails,
                  contactGroups: actionGroups,
                },
              ]),
            ),
          },
        },
      ),
    ],
  };
}
