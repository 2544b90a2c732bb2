import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { REGISTRY, registry } from '../azure-builders.js';
import rule from './geo-replication.js';

const replica = resource(`${REGISTRY}/replications`, 'cr/centralus', {});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Premium registry and its replica", input: baseline() },
    { title: 'Premium with a replica', input: template(registry({}, { sku: { name: 'Premium' } }), replica) },
  ],
  fail: [
    {
      title: 'a Standard registry',
      input: baseline((p) => ((p.resource(REGISTRY)['sku'] as Json)['name'] = 'Standard')),
      message: 'notReplicated',
    },
    {
      title: 'the SKU from an expression, no replica',
      input: baseline((p) => {
        (p.resource(REGISTRY)['sku'] as Json)['name'] = HIDDEN;
        p.remove((r) => r.type === `${REGISTRY}/replications`);
      }),
      message: 'notReplicated',
    },
  ],
  notApplicable: [
    { title: 'no registry', input: template(cluster({})) },
    {
      title: 'a preproduction registry',
      input: template(registry({}, { sku: { name: 'Basic' }, tags: { environment: 'dev' } })),
    },
  ],
  unknown: [
    {
      title: 'the SKU from an expression',
      input: baseline((p) => ((p.resource(REGISTRY)['sku'] as Json)['name'] = HIDDEN)),
    },
  ],
});
