import { baseline, casesOf, cluster, template } from '../cases.js';
import { rejectedSelector } from '../net/builders.js';
import rule from './dns.js';

export default casesOf(rule, {
  pass: [{ title: "the baseline's workloads, with their DNS exception", input: baseline() }],
  fail: [
    {
      title: "the workload namespace's DNS exception removed",
      input: baseline((p) =>
        p.removeObjects(
          (o) => o.kind === 'NetworkPolicy' && o.name === 'allow-dns' && o.namespace === 'a0008',
        ),
      ),
      message: 'noDns',
    },
  ],
  notApplicable: [{ title: 'no workload', input: template(cluster({})) }],
  unknown: [
    {
      title: 'a policy with a selector operator the API server rejects',
      input: baseline(rejectedSelector),
      message: 'rejected',
    },
  ],
});
