/**
 * Public host names: each spoke's Application Gateway serves its own. One spoke
 * takes the spec's name by default; with more, each names its own, and a rule
 * catches one name served by two gateways in any input.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Json } from './artifacts.js';
import { resolved } from './artifacts.js';
import { planErrors, planOk } from './helpers.js';
import { runCli } from './support/cli.js';

const TWO_SPOKES = `
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
  - name: "01"
    environment: preprod
    addressSpace: 10.241.0.0/16
`;

const listenerHosts = (text: string): unknown[] =>
  resolved(planOk(text).files, 'Microsoft.Network/applicationGateways').map(
    (gateway) =>
      (((gateway['properties'] as Json)['httpListeners'] as Json[])[0]!['properties'] as Json)['hostNames'],
  );

describe('public host names', () => {
  it("one spoke serves the spec's bicycle.contoso.com by default", () => {
    assert.deepEqual(listenerHosts('{}'), [['bicycle.contoso.com']]);
  });

  it('two spokes must each name theirs: refused, naming the field and the fix, for every spoke that does not', () => {
    const errors = planErrors(TWO_SPOKES).filter((d) => d.code === 'config/host-names');
    assert.deepEqual(
      errors.map((d) => d.path),
      [
        ['spokes', 0, 'ingress', 'hostNames'],
        ['spokes', 1, 'ingress', 'hostNames'],
      ],
    );
    assert.match(errors[1]!.message, /required with more than one spoke/);
    assert.match(errors[1]!.fix ?? '', /spoke "01"/);
  });

  it('two spokes that name their own are planned, each gateway with its names', () => {
    const named = `
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [bicycle.contoso.com] } }
  - { name: "01", environment: preprod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [preprod.bicycle.contoso.com] } }
`;
    assert.deepEqual(listenerHosts(named), [['bicycle.contoso.com'], ['preprod.bicycle.contoso.com']]);
    assert.ok(!planOk(named).diagnostics.some((d) => d.code === 'appgw/unique-host-names'));
  });

  it('the same name written for two spokes is an error finding on both gateways', () => {
    const { diagnostics } = planOk(`
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [bicycle.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [www.contoso.com, bicycle.contoso.com] } }
`);
    const shared = diagnostics.filter((d) => d.code === 'appgw/unique-host-names');
    assert.equal(shared.length, 2);
    assert.ok(shared.every((d) => d.severity === 'error'));
    assert.match(shared[0]!.message, /bicycle\.contoso\.com \(also agw-bu0001a0008-01/);
  });

  it('the CLI refuses two spokes without names with exit code 2, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-host-names-'));
    try {
      writeFileSync(join(dir, 'baseplate.yaml'), TWO_SPOKES);
      const result = await runCli(['plan', '--out', 'out'], { cwd: dir });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /spokes\[1\]\.ingress\.hostNames: is required with more than one spoke/);
      assert.ok(!existsSync(join(dir, 'out')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
