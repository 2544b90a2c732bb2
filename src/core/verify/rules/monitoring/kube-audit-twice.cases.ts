import { HIDDEN, baseline, casesOf, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import { clusterLogs } from './builders.js';
import rule from './kube-audit-twice.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's kube-audit-admin alone", input: baseline() }],
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
    {
      title: 'both collected, whatever a category from a parameter adds',
      input: baseline((p) =>
        clusterLogs(p).push({ category: 'kube-audit', enabled: true }, { category: HIDDEN, enabled: true }),
      ),
      message: 'both',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: [
    {
      title: 'kube-audit beside kube-audit-admin, turned on or off by an expression',
      input: baseline((p) =>
        clusterLogs(p).push({ category: 'kube-audit', enabled: "[reference('elsewhere').properties.value]" }),
      ),
    },
    {
      title: 'a category from a parameter beside kube-audit-admin',
      input: baseline((p) => clusterLogs(p).push({ category: HIDDEN, enabled: true })),
    },
  ],
});
