/** Shared test helpers: the repository root, planning from YAML text, golden files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/core/config/schema/index.js';
import { loadConfig } from '../src/core/config/load.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import { plan } from '../src/core/plan.js';
import type { PlanOutcome } from '../src/core/plan.js';
import { RULES } from '../src/core/verify/rules/index.js';

/** Tests run from build/test/; the sources and fixtures live at the root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The opaque ID (ref) of the rule named `name`, as SARIF names it. */
export function refOf(name: string): string {
  const rule = RULES.find((r) => r.id === name);
  assert.ok(rule, name);
  return rule.ref;
}

export function planYaml(text: string): PlanOutcome {
  return plan({ name: 'baseplate.yaml', text });
}

export function planOk(text: string): Extract<PlanOutcome, { ok: true }> {
  const outcome = planYaml(text);
  if (!outcome.ok)
    assert.fail(outcome.diagnostics.map((d) => `${d.code} ${String(d.path)} ${d.message}`).join('\n'));
  return outcome;
}

export function planErrors(text: string): readonly Diagnostic[] {
  const outcome = planYaml(text);
  assert.equal(outcome.ok, false, 'expected the plan to be refused');
  return outcome.ok ? [] : outcome.diagnostics;
}

export function configOf(text: string): Config {
  const loaded = loadConfig({ name: 'baseplate.yaml', text });
  if (!loaded.ok) assert.fail(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.config;
}

/** The one diagnostic with this code, asserting that there is exactly one. */
export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const matching = diagnostics.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got: ${JSON.stringify(diagnostics, null, 1)}`);
  return matching[0]!;
}

/**
 * Compares `actual` with a committed golden file byte for byte. UPDATE_GOLDEN=1
 * rewrites it instead; review the diff like code.
 */
export function assertGolden(relativePath: string, actual: string): void {
  const path = join(repoRoot, relativePath);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    assert.fail(`${relativePath} is missing; run with UPDATE_GOLDEN=1 to create it`);
  }
  assert.equal(actual, expected, `${relativePath} differs from the output; UPDATE_GOLDEN=1 rewrites it`);
}

/** A landing zone: an existing hub in another subscription, owned by a central team. */
export const LANDING_ZONE = `
subscriptionId: 11111111-1111-1111-1111-111111111111
hub:
  existing:
    virtualNetworkId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-connectivity/providers/Microsoft.Network/virtualNetworks/vnet-hub
    addressSpace: 10.200.0.0/24
    firewallPrivateIp: 10.200.0.4
    firewallPublicIps: [203.0.113.10]
    firewallPolicyId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-firewall-policies/providers/Microsoft.Network/firewallPolicies/afwp-org
`;

/**
 * A maker of temporary folders named `baseplate-<name>-…`, each removed once the test file ends.
 * Call it at the top of a test file: it registers the clean-up there.
 */
export function temporaryFolders(name: string): () => string {
  const made: string[] = [];
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `baseplate-${name}-`));
    made.push(dir);
    return dir;
  };
}
