/**
 * The workload's monthly budget (spec "Cost management": "Create budgets to stay
 * within the cost constraints … create alerts to get notifications when certain
 * thresholds are exceeded"), over the resource groups Baseplate creates and the
 * clusters' node resource groups, notifying the cost contacts and the action groups.
 */
import type { Design } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import type { ArmResource, StageParameter } from '../arm/template.js';
import { armResource, parameter } from '../arm/template.js';

export interface PlannedBudget {
  readonly amount: number;
  readonly parameters: Record<string, StageParameter>;
  readonly resources: readonly ArmResource[];
}

export function budget(
  design: Design,
  resourceGroups: readonly string[],
  actionGroups: readonly ArmExpression[],
): PlannedBudget | undefined {
  const cost = design.budget;
  if (cost.monthlyBudget === undefined) return undefined;
  // Azure refuses to change a budget's start once it exists ("Start date of budgets cannot be updated.
  // Please delete and create a new budget.", Azure/CanadaPubSecALZ#317), and a new monthly budget must
  // start in the current month (BudgetTimePeriod: "Past start date should be selected within the
  // timegrain period", github.com/Azure/azure-rest-api-specs
  // specification/consumption/resource-manager/Microsoft.Consumption/stable/2024-08-01/consumption.json):
  // no value known at plan time is right for every deployment. The default, the first of the month
  // of deployment (utcNow() is allowed only in a parameter's default: Learn "Date functions for ARM
  // templates", https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date#utcnow),
  // makes the files deployable as they are for a new budget; deploy and deploy.sh
  // give the existing budget's start, which a later month's redeployment needs.
  const startDate: StageParameter =
    cost.startMonth === undefined
      ? {
          type: 'string',
          description:
            "First day of the budget's first month (yyyy-MM-dd). The default, the first day of the month of deployment, suits a new budget; Azure never changes an existing budget's start, so a redeployment in a later month must give that start date. baseplate deploy and pipelines/deploy.sh read it from Azure.",
          value: "<the existing budget's start date, or the first day of the month of deployment>",
          defaultValue: "[utcNow('yyyy-MM-01')]",
          atDeployment: true,
        }
      : {
          type: 'string',
          description: "First day of the budget's first month (yyyy-MM-dd), from cost.startMonth.",
          value: `${cost.startMonth}-01`,
        };
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
    resources: [
      armResource('Microsoft.Consumption/budgets', cost.name, {
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
      }),
    ],
  };
}
