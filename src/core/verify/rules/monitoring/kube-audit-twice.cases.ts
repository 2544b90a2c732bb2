import { baseline, casesOf, template } from '../cases.js';
import { clusterLogs, vault } from './builders.js';
import rule from './kube-audit-twice.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's kube-audit-admin alone", input: baseline() },
    {
      title: 'kube-audit beside kube-audit-admin, turned on by an expression, is not counted',
      input: baseline((p) =>
        clusterLogs(p).push({ category: 'kube-audit', enabled: "[reference('elsewhere').properties.value]" }),
      ),
    },
  ],
  fail: [
    {
      title: 'kube-audit beside kube-audit-admin',
      input: baseline((p) => clusterLogs(p).push({ category: 'kube-audit', enabled: true })),
      message: 'both',
    },
    {
      title: 'the audit group beside kube-audit-admin',
      input: baseline((p) => clusterLogs(p).push({ categoryGroup: 'audit', enabled: true })),
      message: 'both',
    },
    {
      title: 'the allLogs group alone, spelt in another case: it holds both',
      input: baseline((p) => clusterLogs(p).splice(0, Infinity, { categoryGroup: 'AllLogs', enabled: true })),
      message: 'both',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: {
    never:
      'it fails only on categories known to be collected: a category, switch or scope only deployment knows is not counted, and where the inputs hold no diagnostic setting nothing is collected twice',
  },
});
