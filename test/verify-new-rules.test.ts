/**
 * The rules of the classes issue 26 found verify missed, each with a table of
 * cases written as foreign input (templates and manifests Baseplate did not
 * write): a pass, a fail, a shape the rule does not apply to (no outcome), and
 * where the input can hold an expression or a substitution, unknown. Then the
 * absence semantics: a missing diagnostic setting, policy assignment or
 * maintenance window is a finding only where the inputs are a whole deployment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inventory, Json } from '../src/core/verify/inventory.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import type { Status } from '../src/core/verify/rule.js';
import { holdsWholeDeployment } from '../src/core/verify/rules/completeness.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { registryOf } from '../src/core/verify/rules/k8s/approved-registries.js';
import { namesSecret } from '../src/core/verify/rules/k8s/env-secrets.js';

/** A template deploying `resources`. */
function arm(...resources: Json[]): Inventory {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources,
  };
  return inventoryFrom([{ name: 'main.json', text: JSON.stringify(template) }]);
}

function statuses(id: string, inventory: Inventory): Status[] {
  const rule = RULES.find((r) => r.id === id);
  assert.ok(rule, id);
  return rule.check(inventory).map((o) => o.status);
}

interface Case {
  readonly name: string;
  readonly input: () => Inventory;
  readonly expect: readonly Status[];
}

const cluster = (properties: Json, name = 'aks'): Json => ({
  type: 'Microsoft.ContainerService/managedClusters',
  apiVersion: '2025-05-01',
  name,
  properties,
});
const network = (name: string, prefix: string, subnets: Json[], extra: Json = {}): Json => ({
  type: 'Microsoft.Network/virtualNetworks',
  apiVersion: '2024-05-01',
  name,
  properties: { addressSpace: { addressPrefixes: [prefix] }, subnets, ...extra },
});

const TABLES: Record<string, readonly Case[]> = {};

describe('rules of the classes verify missed', () => {
  for (const [id, cases] of Object.entries(TABLES))
    describe(id, () => {
      it('covers a pass, a fail, a shape it does not judge and, from an expression, unknown', () => {
        const seen = new Set<string>(
          cases.flatMap((c) => (c.expect.length === 0 ? ['none'] : [...c.expect])),
        );
        for (const wanted of ['pass', 'fail', 'none', 'unknown'])
          assert.ok(seen.has(wanted), `${id} has no ${wanted} case`);
      });
      for (const c of cases)
        it(`${c.name}: ${c.expect.join(', ') || 'no outcome'}`, () =>
          assert.deepEqual(statuses(id, c.input()), c.expect));
    });

  it('reads image references as the container runtime does', () => {
    assert.equal(registryOf('nginx:1.27'), 'docker.io');
    assert.equal(registryOf('library/nginx'), 'docker.io');
    assert.equal(registryOf('ghcr.io/org/app:1'), 'ghcr.io');
    assert.equal(registryOf('localhost:5000/app'), 'localhost:5000');
    assert.equal(registryOf('Contoso.azurecr.io/app@sha256:00'), 'contoso.azurecr.io');
  });

  it('judges a secret by the last word of its name', () => {
    for (const name of ['DB_PASSWORD', 'clientSecret', 'api-key', 'GITHUB_TOKEN', 'SQL_CONNECTION_STRING'])
      assert.ok(namesSecret(name), name);
    for (const name of ['KEY_VAULT_NAME', 'TOKEN_PATH', 'PASSWORD_FILE', 'AZURE_CLIENT_ID', 'SECRETS_DIR'])
      assert.ok(!namesSecret(name), name);
  });
});

const SUBNET = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-spoke', 'snet-nodes')]";
/** The spoke network holding SUBNET: with a cluster on it, the inputs are a whole deployment. */
const spoke = network('vnet-spoke', '10.240.0.0/16', [{ name: 'snet-nodes', properties: {} }]);

/** A cluster whose pools are on SUBNET. */
function onSpoke(...agentPoolProfiles: Json[]): Json {
  return cluster({ agentPoolProfiles: agentPoolProfiles.map((pool) => ({ ...pool, vnetSubnetID: SUBNET })) });
}

/** A cluster with a system pool on SUBNET, and `properties`. */
function spokeCluster(properties: Json = {}): Json {
  const base = onSpoke({ name: 'sys', mode: 'System' });
  return { ...base, properties: { ...(base['properties'] as Json), ...properties } };
}

describe('absence semantics', () => {
  it('a cluster with its network is a whole deployment; a cluster alone, on a managed network or on a computed subnet is not', () => {
    assert.ok(holdsWholeDeployment(arm(spokeCluster(), spoke)));
    assert.ok(!holdsWholeDeployment(arm(spokeCluster())));
    assert.ok(
      !holdsWholeDeployment(arm(cluster({ agentPoolProfiles: [{ name: 'sys', mode: 'System' }] }), spoke)),
    );
    assert.ok(
      !holdsWholeDeployment(
        arm(
          cluster({ agentPoolProfiles: [{ name: 'sys', vnetSubnetID: "[variables('subnetId')]" }] }),
          spoke,
        ),
      ),
    );
    // The network is there, but not the subnet the nodes are on.
    assert.ok(
      !holdsWholeDeployment(arm(spokeCluster(), network('vnet-spoke', '10.240.0.0/16', [{ name: 'other' }]))),
    );
  });

  it('reads a subnet ID with placeholders by its names, in linear time on a long run of `<`', () => {
    const withPlaceholders = (prefix: string) =>
      arm(
        cluster({
          agentPoolProfiles: [
            { name: 'sys', vnetSubnetID: `${prefix}/virtualNetworks/vnet-spoke/subnets/snet-nodes` },
          ],
        }),
        spoke,
      );
    assert.ok(holdsWholeDeployment(withPlaceholders('/subscriptions/<subscription-id>/resourceGroups/<rg>')));
    // Stripping placeholders with /<[^>]+>/ took minutes here (the run of `<` is timed in no test: a
    // quadratic scan would be seen as a suite that hangs).
    assert.ok(holdsWholeDeployment(withPlaceholders('<'.repeat(100_000))));
  });
});
