import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { GATEWAY, gateway } from '../azure-builders.js';
import rule from './https-only.js';

const listeners = (...protocols: unknown[]) =>
  template(
    gateway({ httpListeners: protocols.map((protocol, i) => ({ name: `l${i}`, properties: { protocol } })) }),
  );

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway", input: baseline() },
    { title: 'two HTTPS listeners', input: listeners('Https', 'Https') },
  ],
  fail: [
    {
      title: "the baseline's listener on HTTP",
      input: baseline(
        (p) =>
          (((p.properties(GATEWAY)['httpListeners'] as Json[])[0]?.['properties'] as Json)['protocol'] =
            'Http'),
      ),
      message: 'httpListener',
    },
    {
      title: 'a known HTTP listener beside one of unknown protocol',
      input: listeners(HIDDEN, 'Http'),
      message: 'httpListener',
    },
  ],
  notApplicable: [{ title: 'no gateway', input: template(cluster({})) }],
  unknown: [
    { title: 'a listener of unknown protocol', input: listeners(HIDDEN, 'Https') },
    { title: 'the listeners from a parameter', input: template(gateway({ httpListeners: HIDDEN })) },
  ],
});
