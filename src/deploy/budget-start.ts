/**
 * A budget's start date at deployment. Azure never changes it once the budget exists
 * ("Start date of budgets cannot be updated. Please delete and create a new budget.",
 * HTTP 400: Azure/CanadaPubSecALZ#317, Azure/azure-quickstart-templates#7095), and a new
 * monthly budget must start in the current month (consumption 2024-08-01,
 * BudgetTimePeriod: "Past start date should be selected within the timegrain period").
 * So deploy reads the budget (Budgets_Get) and keeps its start; a new one starts on the
 * first of the current month, on the connection's clock. A start the configuration pins
 * (cost.startMonth) is sent as it is, and preflight reports one that differs from the
 * existing budget's before anything is deployed.
 */
import type { AzureClients, Clock } from './clients.js';
import type { PreflightProblem } from './checks/problem.js';
import { ifExists } from './errors.js';
import { getById } from './rest.js';
import type { ResolvedResource } from '../core/index.js';
import type { DeployStage } from './stages.js';
import { parameterOf } from '../core/arm-values.js';

const BUDGET = 'Microsoft.Consumption/budgets';

interface BudgetStart {
  readonly budget: ResolvedResource;
  /** The template parameter that carries the start date. */
  readonly parameter: string;
}

/** The budgets of a stage whose start date comes from a parameter. */
function budgetStarts(stage: DeployStage): BudgetStart[] {
  return stage.template.resources.flatMap((resource) => {
    if (resource['type'] !== BUDGET) return [];
    const period = (resource['properties'] as { timePeriod?: { startDate?: unknown } } | undefined)
      ?.timePeriod;
    const parameter = parameterOf(period?.startDate);
    const budget = stage.resources.find((r) => r.type === BUDGET && r.name === resource['name']);
    return parameter === undefined || !budget ? [] : [{ budget, parameter }];
  });
}

/** The existing budget's start (yyyy-MM-dd), or undefined when there is no such budget. */
async function existingStart(clients: AzureClients, budget: ResolvedResource): Promise<string | undefined> {
  const found = await ifExists(`reading budget ${budget.name}`, () =>
    getById<{ properties?: { timePeriod?: { startDate?: string } } }>(clients, budget.id, budget.apiVersion),
  );
  return found?.properties?.timePeriod?.startDate?.slice(0, 10);
}

/**
 * The start dates deploy gives a stage (by parameter name) where its parameters file
 * has none: the existing budget's, else the first day of the current month (UTC).
 */
export async function budgetStartValues(
  clients: AzureClients,
  stage: DeployStage,
  clock: Clock,
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const { budget, parameter } of budgetStarts(stage)) {
    if (parameter in stage.parameters) continue;
    const now = new Date(clock.now());
    const thisMonth = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
    values.set(parameter, (await existingStart(clients, budget)) ?? thisMonth);
  }
  return values;
}

/** A pinned start (cost.startMonth) that differs from the existing budget's: Azure would refuse the stage. */
export async function budgetStartProblems(
  clients: AzureClients,
  stage: DeployStage,
): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const { budget, parameter } of budgetStarts(stage)) {
    const pinned = stage.parameters[parameter]?.value;
    if (typeof pinned !== 'string') continue;
    const existing = await existingStart(clients, budget);
    if (existing === undefined || existing === pinned) continue;
    problems.push({
      check: 'budget',
      stage: stage.name,
      message: `Budget ${budget.name} started on ${existing}, and cost.startMonth says ${pinned.slice(0, 7)}: Azure never changes a budget's start date ("Start date of budgets cannot be updated").`,
      fix: `Set cost.startMonth to ${existing.slice(0, 7)}, or remove it (deploy keeps the existing start); to start the budget anew, delete it first (az consumption budget delete --budget-name ${budget.name} --subscription ${stage.subscriptionId}).`,
    });
  }
  return problems;
}
