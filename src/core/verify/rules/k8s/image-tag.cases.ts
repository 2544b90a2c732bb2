import { HIDDEN, baseline, casesOf, manifests } from '../cases.js';
import { cronJob, deployment, service } from './builders.js';
import rule from './image-tag.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'an image pinned by digest',
      input: manifests(deployment({}, { image: 'contoso.azurecr.io/web@sha256:00' })),
    },
    {
      title: 'a substituted registry leaves the version tag as written',
      input: manifests(deployment({}, { image: '${REGISTRY}/web:1.0' })),
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
    {
      title: 'latest, beside a substituted registry',
      input: manifests(deployment({}, { image: '${REGISTRY}/web:latest' })),
      message: 'notPinned',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    { title: 'an image from a template expression', input: manifests(deployment({}, { image: HIDDEN })) },
    {
      title: 'a tag Flux substitutes',
      input: manifests(deployment({}, { image: 'contoso.azurecr.io/web:${TAG}' })),
    },
    {
      title: 'a digest Flux substitutes',
      input: manifests(deployment({}, { image: 'contoso.azurecr.io/web@${DIGEST}' })),
    },
    { title: 'a whole image Flux substitutes', input: manifests(deployment({}, { image: '${IMAGE}' })) },
  ],
});
