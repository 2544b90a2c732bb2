/**
 * The netpol/ rules know the ingress controller by the LoadBalancer Service in
 * front of it, not by its namespace (src/core/verify/rules/reachability.ts,
 * ingressControllers), and place objects that name no namespace in `default`,
 * as kubectl does: their tables of cases check the messages said, these check
 * what the messages name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { analysis, ingressControllers } from '../src/core/verify/rules/reachability.js';
import { deployment, shop, traefik } from '../src/core/verify/rules/netpol/builders.js';
import isolation from '../src/core/verify/rules/netpol/workload-isolation.js';

const inventory = (...documents: Json[]) =>
  inventoryFrom([{ name: 'shop.yaml', text: documents.map((d) => JSON.stringify(d)).join('\n---\n') }]);

describe('the ingress controller', () => {
  it('is the pod group a LoadBalancer Service selects, not the workload behind the Ingress', () => {
    const found = ingressControllers(analysis(inventory(...shop(), ...traefik())));
    assert.deepEqual(
      [...found].map((g) => `${g.namespace}/${g.name}`),
      ['shop/traefik'],
    );
    assert.equal(ingressControllers(analysis(inventory(...shop(), ...traefik('ClusterIP')))).size, 0);
  });

  it('is not named among what reaches the workload; another pod of its namespace is', () => {
    const said = isolation
      .check(inventory(...shop({ podSelector: {} }), ...traefik(), deployment('shell', { app: 'shell' })))
      .map((o) => `${o.status} ${o.message?.text ?? ''}`);
    assert.deepEqual(said, ['fail reached from shop/shell']);
  });
});

describe('objects that name no namespace', () => {
  it('go to default, not to the first Namespace among the inputs', () => {
    const unplaced = (o: Json): Json => ({ ...o, metadata: { name: (o['metadata'] as Json)['name'] } });
    const { cluster } = analysis(
      inventory(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
        unplaced(deployment('web', {})),
      ),
    );
    assert.deepEqual(
      cluster.groups.map((g) => `${g.namespace}/${g.name}`),
      ['default/web'],
    );
  });
});
