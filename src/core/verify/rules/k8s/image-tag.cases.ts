import { baseline, casesOf, manifests } from '../cases.js';
import { cronJob, deployment, service } from './builders.js';
import rule from './image-tag.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'an image pinned by digest',
      input: manifests(deployment({}, { image: 'contoso.azurecr.io/web@sha256:00' })),
    },
  ],
  fail: [
    {
      title: 'latest',
      input: baseline((p) => (p.container('aspnetapp')['image'] = 'aspnetapp:latest')),
      message: 'notPinned',
    },
    {
      title: 'no tag',
      input: baseline((p) => (p.container('traefik')['image'] = 'traefik')),
      message: 'notPinned',
    },
    {
      title: 'an init container on latest',
      input: baseline(
        (p) => (p.podSpec('aspnetapp')['initContainers'] = [{ name: 'init', image: 'busybox:latest' }]),
      ),
      message: 'notPinned',
    },
    {
      title: 'a CronJob on latest: Jobs are judged for images',
      input: manifests(cronJob()),
      message: 'notPinned',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: {
    never:
      'the rule skips an image written as an expression (it names no tag to judge), and every other image names its tag or none',
  },
});
