import { HIDDEN, baseline, casesOf, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import { clusterLogs } from './builders.js';
import rule from './troubleshooting-logs.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster setting, without kube-scheduler or kube-audit", input: baseline() },
  ],
  fail: [
    {
      title: 'kube-scheduler left on',
      input: baseline((p) => clusterLogs(p).push({ category: 'kube-scheduler', enabled: true })),
      message: 'collects',
    },
    {
      title: 'kube-audit collected',
      input: baseline((p) => clusterLogs(p).push({ category: 'kube-audit', enabled: true })),
      message: 'collects',
    },
    {
      title: 'kube-audit collected, whatever a category from a parameter adds',
      input: baseline((p) =>
        clusterLogs(p).push({ category: 'kube-audit', enabled: true }, { category: HIDDEN, enabled: true }),
      ),
      message: 'collects',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: [
    {
      title: 'kube-scheduler turned on or off by an expression',
      input: baseline((p) => clusterLogs(p).push({ category: 'kube-scheduler', enabled: HIDDEN })),
    },
  ],
});
