import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
import rule from './restricted-security-context.js';

const restricted = {
  privileged: false,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
};
const contextOf = (container: Json) => container['securityContext'] as Json;

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: "a container's runAsNonRoot true holds even when the pod says false",
      input: manifests(
        deployment({ securityContext: { runAsNonRoot: false } }, { securityContext: restricted }),
      ),
    },
    {
      title: "a substituted pod runAsNonRoot is overridden by the container's true",
      input: manifests(
        deployment({ securityContext: { runAsNonRoot: '${NON_ROOT}' } }, { securityContext: restricted }),
      ),
    },
  ],
  fail: [
    {
      title: 'privilege escalation',
      input: baseline((p) => (contextOf(p.container('aspnetapp'))['allowPrivilegeEscalation'] = true)),
      message: 'notRestricted',
    },
    {
      title: 'capabilities kept',
      input: baseline((p) => delete contextOf(p.container('traefik'))['capabilities']),
      message: 'notRestricted',
    },
    {
      title: 'a privileged init container',
      input: baseline(
        (p) =>
          (p.podSpec('aspnetapp')['initContainers'] = [
            { name: 'init', image: 'busybox:1.37', securityContext: { privileged: true } },
          ]),
      ),
      message: 'notRestricted',
    },
    {
      title: "the container's runAsNonRoot false overrides the pod's true",
      input: baseline((p) => {
        p.podSpec('aspnetapp')['securityContext'] = { runAsNonRoot: true };
        contextOf(p.container('aspnetapp'))['runAsNonRoot'] = false;
      }),
      message: 'notRestricted',
    },
    {
      title: 'privileged, whatever the substituted runAsNonRoot',
      input: manifests(
        deployment({}, { securityContext: { ...restricted, privileged: true, runAsNonRoot: '${NON_ROOT}' } }),
      ),
      message: 'notRestricted',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    {
      title: 'runAsNonRoot Flux substitutes',
      input: manifests(deployment({}, { securityContext: { ...restricted, runAsNonRoot: '${NON_ROOT}' } })),
    },
    {
      title: 'a drop list Flux substitutes',
      input: manifests(
        deployment({}, { securityContext: { ...restricted, capabilities: { drop: '${DROP}' } } }),
      ),
    },
  ],
});
