import { baseline, casesOf, template } from '../cases.js';
import { clusterLogs, vault } from './builders.js';
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
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: {
    never:
      'it notes only categories known to be collected: a category, switch or scope only deployment knows is not counted, and where the inputs hold no diagnostic setting nothing costly is collected',
  },
});
