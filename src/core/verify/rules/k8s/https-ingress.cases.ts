import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { object, service } from './builders.js';
import rule from './https-ingress.js';

const ingress = (spec: Json) => object('networking.k8s.io/v1', 'Ingress', 'web', spec);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's ingress", input: baseline() },
    {
      title: 'a TLS section',
      input: manifests(ingress({ tls: [{ hosts: ['shop.contoso.com'], secretName: 'tls' }] })),
    },
  ],
  fail: [
    {
      title: 'plain HTTP',
      input: baseline((p) => delete (p.object('Ingress', 'aspnetapp')['spec'] as Json)['tls']),
      message: 'noTls',
    },
    { title: 'an empty TLS list', input: manifests(ingress({ tls: [] })), message: 'noTls' },
  ],
  notApplicable: [{ title: 'no Ingress', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: {
    never: 'a TLS section is there or not: the rule reads no value of it',
  },
});
