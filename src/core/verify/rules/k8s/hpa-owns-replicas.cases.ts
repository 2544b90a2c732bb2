import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { autoscaler, deployment } from './builders.js';
import rule from './hpa-owns-replicas.js';

const pinned = (kind = 'Deployment') => ({ ...deployment({}, {}, 'shop', { replicas: 2 }), kind });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workload, which leaves its replicas to the autoscaler", input: baseline() },
    { title: 'no replicas stated under an autoscaler', input: manifests(deployment(), autoscaler(2, 4)) },
  ],
  fail: [
    {
      title: 'the Deployment pins three replicas under its 3–6 autoscaler',
      input: baseline((p) => ((p.object('Deployment', 'aspnetapp')['spec'] as Json)['replicas'] = 3)),
      message: 'pinned',
    },
    {
      title: 'a Deployment pinning replicas',
      input: manifests(pinned(), autoscaler(2, 4)),
      message: 'pinned',
    },
    {
      title: 'a StatefulSet pinning replicas under its autoscaler',
      input: manifests(pinned('StatefulSet'), autoscaler(2, 4, 'StatefulSet')),
      message: 'pinned',
    },
  ],
  notApplicable: [
    { title: 'pinned replicas with no autoscaler', input: manifests(pinned()) },
    { title: 'an autoscaler of another kind', input: manifests(pinned(), autoscaler(2, 4, 'StatefulSet')) },
    {
      title: 'an autoscaler in another namespace',
      input: manifests(pinned(), autoscaler(2, 4, 'Deployment', 'other')),
    },
  ],
  unknown: {
    never: 'spec.replicas is stated or not: any value, substituted or not, is reset by each apply',
  },
});
