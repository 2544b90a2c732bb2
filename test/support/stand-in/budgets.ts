/**
 * Budgets as Microsoft.Consumption judges a put (consumption 2024-08-01, Budget.tsp;
 * BudgetTimePeriod): the start is the first of a month, "Future start date should not
 * be more than twelve months. Past start date should be selected within the timegrain
 * period" (a monthly budget: the current month), and once the budget exists its start
 * never changes: "Start date of budgets cannot be updated. Please delete and create a
 * new budget." (HTTP 400, as ARM deployments report it: Azure/CanadaPubSecALZ#317,
 * MicrosoftDocs/azure-docs#34023 for the shape, a BadRequest whose message is the
 * service's own error body).
 */
import type { Refusal } from './authorization.js';
import type { StandInState } from './state.js';

export const BUDGET = 'microsoft.consumption/budgets';

const startOf = (body: Record<string, unknown>): string =>
  String(
    ((body['properties'] as { timePeriod?: { startDate?: unknown } } | undefined)?.timePeriod?.startDate ??
      '') as string,
  ).slice(0, 10);

const badRequest = (message: string): Refusal => ({
  code: 'BadRequest',
  message: JSON.stringify({ error: { code: '400', message } }),
});

export function budgetRefusal(
  state: StandInState,
  id: string,
  body: Record<string, unknown>,
): Refusal | undefined {
  const start = startOf(body);
  const existing = state.resource(id);
  if (existing) {
    return startOf(existing.body) === start
      ? undefined
      : badRequest('Start date of budgets cannot be updated. Please delete and create a new budget.');
  }
  const now = new Date(state.now());
  const month = (year: number, index: number) =>
    new Date(Date.UTC(year, index, 1)).toISOString().slice(0, 10);
  const current = month(now.getUTCFullYear(), now.getUTCMonth());
  const latest = month(now.getUTCFullYear(), now.getUTCMonth() + 12);
  if (!/^\d{4}-\d\d-01$/.test(start) || start < current || start > latest) {
    return badRequest(
      'The start date must be first of the month and should be less than the end date. Budget start date must be on or after June 1, 2017. Future start date should not be more than twelve months. Past start date should be selected within the timegrain period.',
    );
  }
  return undefined;
}

/** A budget as Budgets_Get returns it: its start as a date-time. */
export function budgetAsRead(body: Record<string, unknown>): Record<string, unknown> {
  const properties = (body['properties'] ?? {}) as Record<string, unknown>;
  const period = (properties['timePeriod'] ?? {}) as Record<string, unknown>;
  return {
    ...body,
    properties: { ...properties, timePeriod: { ...period, startDate: `${startOf(body)}T00:00:00Z` } },
  };
}
