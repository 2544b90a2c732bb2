import { baseline, casesOf, cluster, resource, template } from '../cases.js';
import { asInput } from '../azure-builders.js';
import rule from './budget.js';

const BUDGET = 'Microsoft.Consumption/budgets';

export default casesOf(rule, {
  pass: [
    {
      title: 'the baseline with a budget',
      input: baseline((p) => p.add(asInput(BUDGET, 'budget', { properties: { amount: 1000 } }))),
    },
    {
      title: 'a cluster and a budget',
      input: template(cluster({}), resource(BUDGET, 'budget', { amount: 1000 })),
    },
  ],
  fail: [
    // Advice rather than breakage: the default plan has no budget (its amount is the user's), so it notes one.
    { title: 'the baseline, which sets no budget', input: baseline(), message: 'noBudget' },
  ],
  notApplicable: [{ title: 'no cluster', input: template(resource(BUDGET, 'budget', { amount: 1000 })) }],
  unknown: {
    never:
      'a budget is a resource of its own: any budget among the inputs passes, and none is a note, whatever deployment computes',
  },
});
