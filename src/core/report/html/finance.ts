/**
 * The finance team's part: the monthly estimate line by line, what it
 * assumes, the cost levers, and the budget (cost.monthlyBudget) set against
 * the estimate's range. Everything comes from report/cost.json and the
 * configuration; report/cost.ts computes it.
 */
import type { Config } from '../../config/schema/index.js';
import type { CostEstimate, Monthly } from '../../formats/cost.js';
import { formatMonthly } from '../cost.js';
import { h3, list, paragraph, section, table } from './markup.js';

/** Where the budget stands against the estimate's range, in words. */
export function budgetComparison(budget: number | undefined, total: Monthly, unknownLines: number): string {
  if (budget === undefined)
    return 'No monthly budget is set (cost.monthlyBudget): nothing watches what this deployment costs.';
  if (total === 'unknown')
    return `The budget is ${budget}; the estimate is unknown, so it cannot be compared.`;
  const partial = unknownLines > 0 ? ` (without ${unknownLines} item(s) whose price is unknown)` : '';
  if (budget < total.min)
    return `The budget of ${budget} is below the estimate's lower bound of ${total.min.toFixed(2)}${partial}: even at the node pools' minimum the deployment costs more.`;
  if (budget < total.max)
    return `The budget of ${budget} lies within the estimate of ${formatMonthly(total)}${partial}: it is exceeded when the node pools scale out toward their maximum.`;
  return `The budget of ${budget} covers the estimate's upper bound of ${total.max.toFixed(2)}${partial}.`;
}

export function financeSection(config: Config, cost: CostEstimate): string {
  const money = formatMonthly;
  const budget = config.cost.monthlyBudget;
  const breakdown = table(
    ['Resource', 'Item', `Per month (${cost.currency})`, 'Basis'],
    [
      ...cost.lines.map((l) => [l.resource, l.item, money(l.monthly), l.basis]),
      [
        'Total',
        cost.unknownLines ? `without ${cost.unknownLines} unknown item(s)` : '',
        money(cost.total),
        '',
      ],
    ],
    { className: 'money' },
  );
  const comparison = table(
    ['', cost.currency],
    [
      ['Monthly budget (cost.monthlyBudget)', budget === undefined ? 'not set' : String(budget)],
      [
        'Estimate, node pools at their minimum',
        cost.total === 'unknown' ? 'unknown' : cost.total.min.toFixed(2),
      ],
      [
        'Estimate, node pools at their maximum',
        cost.total === 'unknown' ? 'unknown' : cost.total.max.toFixed(2),
      ],
      ['Items without a price', String(cost.unknownLines)],
      [
        'Budget alerts at',
        budget === undefined ? '—' : config.cost.alertThresholds.map((t) => `${t}%`).join(', '),
      ],
    ],
    { rowHeaders: true, className: 'money' },
  );
  return section(
    'cost',
    'Monthly cost estimate',
    h3('Budget against the estimate') +
      comparison +
      paragraph(budgetComparison(budget, cost.total, cost.unknownLines), 'verdict') +
      h3('Breakdown') +
      breakdown +
      paragraph(
        `Prices: ${cost.prices.source}, as of ${cost.prices.date}; ${cost.hoursPerMonth} hours a month.`,
        'muted',
      ) +
      h3('Assumptions') +
      list(cost.assumptions) +
      h3('Cost levers') +
      list(cost.notes),
  );
}
