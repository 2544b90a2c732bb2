/** Every Ingress has a TLS section. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { kubeLabel, ofKind, outcome } from '../select.js';

export default defineRule({
  ref: 'BP1083',
  id: 'k8s/https-ingress',
  title: 'Ingresses serve HTTPS only',
  severity: 'error',
  pillar: 'Security',
  area: 'ingress',
  spec: { section: 'Ingress traffic flow', quote: 'The controller is another TLS termination point' },
  why: 'Plain HTTP inside the cluster breaks the end-to-end encryption the architecture promises.',
  fix: 'Give the Ingress a tls section, and kubernetes.io/ingress.allow-http: "false".',
  messages: { noTls: 'no TLS section' },
  check: (inventory, say) =>
    ofKind(inventory, 'Ingress').map((ingress) => {
      const tls = at(ingress.body, 'spec.tls');
      return Array.isArray(tls) && tls.length > 0
        ? outcome('pass', kubeLabel(ingress), undefined, ingress.source)
        : { ...outcome('fail', kubeLabel(ingress), say('noTls'), ingress.source), path: 'spec.tls' };
    }),
});
