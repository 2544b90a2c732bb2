import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
import rule from './added-capabilities.js';

const adding = (add: unknown) => ({ securityContext: { capabilities: { add } } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    { title: 'NET_BIND_SERVICE', input: manifests(deployment({}, adding(['NET_BIND_SERVICE']))) },
  ],
  fail: [
    {
      title: "SYS_ADMIN added to the baseline's workload",
      input: baseline(
        (p) =>
          (((p.container('aspnetapp')['securityContext'] as Json)['capabilities'] as Json)['add'] = [
            'SYS_ADMIN',
          ]),
      ),
      message: 'added',
    },
    { title: 'SYS_ADMIN', input: manifests(deployment({}, adding(['SYS_ADMIN']))), message: 'added' },
    {
      title: 'CAP_NET_ADMIN in an init container',
      input: manifests(
        deployment({
          initContainers: [{ name: 'init', image: 'contoso.azurecr.io/i:1', ...adding(['CAP_NET_ADMIN']) }],
        }),
      ),
      message: 'added',
    },
    {
      title:
        "in flux-system, which Azure Policy does not leave to the platform (Flux's own controllers come from its AKS extension)",
      input: manifests(deployment({}, adding(['ALL']), 'flux-system')),
      message: 'added',
    },
    {
      title: 'a Baseline capability written in lower case, which Pod Security Admission compares as written',
      input: manifests(deployment({}, adding(['chown']))),
      message: 'added',
    },
    {
      title: 'a Baseline capability with the CAP_ prefix',
      input: manifests(deployment({}, adding(['CAP_CHOWN']))),
      message: 'added',
    },
  ],
  notApplicable: [
    { title: 'in kube-system', input: manifests(deployment({}, adding(['ALL']), 'kube-system')) },
    { title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) },
  ],
  unknown: [
    { title: 'a substitution', input: manifests(deployment({}, adding(['${EXTRA_CAP}']))) },
    { title: 'the list substituted', input: manifests(deployment({}, adding('${CAPS}'))) },
  ],
});
