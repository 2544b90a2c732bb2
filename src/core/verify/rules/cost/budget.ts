/** A budget watches the cost of the subscription that holds each cluster. */
import { defineRule } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1065',
  id: 'cost/budget',
  title: 'A budget watches the cost of the subscription holding each cluster',
  severity: 'info',
  pillar: 'Cost Optimization',
  area: 'cost',
  spec: {
    section: 'Provision',
    quote: 'Create budgets to stay within the cost constraints that your organization identifies.',
  },
  why: 'Without a budget, nobody hears of a runaway cost before the invoice.',
  fix: 'Set cost.monthlyBudget (Baseplate adds the budget and its alerts), or create one in Cost Management.',
  messages: { noBudget: 'no budget among the inputs' },
  check: (inventory, say) => {
    const budgets = ofType(inventory, 'Microsoft.Consumption/budgets');
    return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) =>
      budgets.length > 0
        ? outcome('pass', label(cluster), undefined, cluster.source)
        : outcome('fail', label(cluster), say('noBudget'), cluster.source),
    );
  },
});
