/**
 * k8s/default-deny names the direction a namespace leaves open: its table of
 * cases (src/core/verify/rules/k8s/default-deny.cases.ts) checks the message
 * said, not its words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import rule from '../src/core/verify/rules/k8s/default-deny.js';

const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
const policy = (name: string, spec: Json) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'shop' },
  spec,
});

function said(...documents: Json[]): string[] {
  const text = documents.map((d) => JSON.stringify(d)).join('\n---\n');
  return rule
    .check(inventoryFrom([{ name: 'shop.yaml', text }]))
    .map((o) => `${o.status} ${o.target}: ${o.message?.text ?? ''}`);
}

describe('k8s/default-deny', () => {
  it('names the direction no policy denies by default', () => {
    assert.deepEqual(said(namespace, policy('in', { podSelector: {}, policyTypes: ['Ingress'] })), [
      'fail Namespace shop: no default-deny policy for egress',
    ]);
    assert.deepEqual(said(namespace, policy('out', { podSelector: {}, policyTypes: ['Egress'] })), [
      'fail Namespace shop: no default-deny policy for ingress',
    ]);
    assert.deepEqual(said(namespace), ['fail Namespace shop: no default-deny policy for ingress and egress']);
    // policyTypes left out is Ingress alone when the policy has no egress rules.
    assert.deepEqual(said(namespace, policy('deny', { podSelector: {} })), [
      'fail Namespace shop: no default-deny policy for egress',
    ]);
  });

  it('passes a namespace whose two policies deny a direction each', () => {
    assert.deepEqual(
      said(
        namespace,
        policy('in', { podSelector: {}, policyTypes: ['Ingress'] }),
        policy('out', { podSelector: {}, policyTypes: ['Egress'] }),
      ),
      ['pass Namespace shop: '],
    );
  });

  it('names the policy that opens a denied direction to everyone again', () => {
    const deny = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    assert.deepEqual(
      said(
        namespace,
        deny,
        policy('allow-all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }),
      ),
      [
        'fail Namespace shop: its default deny for ingress is undone by NetworkPolicy shop/allow-all, which admits every peer to every pod',
      ],
    );
    // A narrow allow beside the deny keeps it.
    const narrow = { from: [{ podSelector: { matchLabels: { app: 'web' } } }] };
    assert.deepEqual(
      said(namespace, deny, policy('web', { podSelector: {}, policyTypes: ['Ingress'], ingress: [narrow] })),
      ['pass Namespace shop: '],
    );
  });
});
