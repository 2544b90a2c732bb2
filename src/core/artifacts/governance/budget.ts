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
  readonly prerequisites: readonly string[];
}

export function budget(
  config: Config,
  resourceGroups: readonly string[],
  actionGroups: readonly ArmExpression[],
): PlannedBudget | undefined {
  const { cost, naming } = config;
  if (cost.monthlyBudget === undefined) return undefined;
  const description = 'First day of the first budgeted month (yyyy-MM-dd); Azure never changes it once set.';
  // Without a configured month, the month of deployment: right the first time only.
  const startDate: StageParameter =
    cost.startMonth === undefined
      ? {
          type: 'string',
          description,
          value: '<first day of the month of deployment>',
          defaultValue: "[utcNow('yyyy-MM-01')]",
        }
      : { type: 'string', description, value: `${cost.startMonth}-01` };
  const notify = (threshold: number, thresholdType: 'Actual' | 'Forecasted') => ({
    enabled: true,
    operator: 'GreaterThanOrEqualTo',
    threshold,
    thresholdType,
    contactEmails: cost.contactEmails,
    contactGroups: actionGroups,
  });
  return {
    amount: cost.monthlyBudget,
    parameters: { budgetStartDate: startDate },
    prerequisites:
      cost.startMonth === undefined
        ? [
            'The budget starts in the month of its first deployment. Before deploying it again in a later month, set cost.startMonth to that month (Azure refuses to change the start).',
          ]
        : [],
    resources: [
      armResource(
        'Microsoft.Consumption/budgets',
        `budget-${naming.businessUnit}${naming.workload}-${naming.environment}`,
        {
          comments:
            'Actual cost at each threshold, and a forecast that warns before the month ends over budget.',
          properties: {
            category: 'Cost',
            amount: cost.monthlyBudget,
            timeGrain: 'Monthly',
            timePeriod: { startDate: parameter('budgetStartDate', startDate.value as string) },
            filter: {
              dimensions: { name: 'ResourceGroupName', operator: 'In', values: [...resourceGroups] },
            },
            notifications: {
              ...Object.fromEntries(cost.alertThresholds.map((t) => [`actual-${t}`, notify(t, 'Actual')])),
              'forecast-100': notify(100, 'Forecasted'),
            },
          },
        },
      ),
    ],
  };
}
