/**
 * A finding names where in its file the value it rests on is, as a JSON path:
 * the resource's or object's place in the file (a template's `resources`, a
 * symbolic name, a nested template, a resource list, a `List`'s items) and the
 * property within it. The terminal shows it, SARIF carries it as a logical location.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../src/core/diagnostics.js';
import { sarifLog } from '../src/core/verify/sarif.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { verifySources } from '../src/core/verify/sources.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
/** A cluster with local accounts on: aks/local-accounts fails on `properties.disableLocalAccounts`. */
const cluster = (name: string) => ({
  type: AKS,
  apiVersion: '2026-05-01',
  name,
  properties: {
    disableLocalAccounts: false,
    agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3 }],
  },
});
const vnet = {
  type: 'Microsoft.Network/virtualNetworks',
  apiVersion: '2025-07-01',
  name: 'vnet',
  properties: {},
};

/** The JSON paths of a rule's findings in one file. */
function pathsOf(name: string, document: unknown, rule: string): Array<string | undefined> {
  const { verification } = verifySources([{ name, text: JSON.stringify(document) }]);
  return verification.diagnostics.filter((d) => d.code === rule).map((d) => d.jsonPath);
}

describe('the JSON path of a finding', () => {
  it('in a template: the resource by its index, then the property', () => {
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [vnet, cluster('aks')] };
    assert.deepEqual(pathsOf('main.json', template, 'aks/local-accounts'), [
      '$.resources[1].properties.disableLocalAccounts',
    ]);
  });

  it('by symbolic name (languageVersion 2.0), and inside a nested template', () => {
    const symbolic = {
      $schema: SCHEMA,
      languageVersion: '2.0',
      contentVersion: '1.0.0.0',
      resources: { network: vnet, 'aks-1': cluster('aks') },
    };
    assert.deepEqual(pathsOf('main.json', symbolic, 'aks/local-accounts'), [
      "$.resources['aks-1'].properties.disableLocalAccounts",
    ]);
    const nested = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [
        vnet,
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2025-04-01',
          name: 'inner',
          properties: {
            mode: 'Incremental',
            template: { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [cluster('aks')] },
          },
        },
      ],
    };
    assert.deepEqual(pathsOf('main.json', nested, 'aks/local-accounts'), [
      '$.resources[1].properties.template.resources[0].properties.disableLocalAccounts',
    ]);
  });

  it('in a resource list, and for a node pool inside its cluster', () => {
    assert.deepEqual(pathsOf('list.json', { value: [vnet, cluster('aks')] }, 'aks/local-accounts'), [
      '$.value[1].properties.disableLocalAccounts',
    ]);
    assert.deepEqual(pathsOf('list.json', [cluster('aks')], 'aks/pool-zones'), [
      '$[0].properties.agentPoolProfiles[0].availabilityZones',
    ]);
  });

  it('is shown under the finding and is a logical location in SARIF', () => {
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [cluster('aks')] };
    const { verification } = verifySources([{ name: 'main.json', text: JSON.stringify(template) }]);
    const finding = verification.diagnostics.find((d) => d.code === 'aks/local-accounts')!;
    assert.match(
      formatDiagnostic(finding),
      /\n {2}at: \$\.resources\[0\]\.properties\.disableLocalAccounts\n/,
    );
    const log = sarifLog(RULES, verification.diagnostics) as {
      runs: Array<{
        results: Array<{
          message: { text: string };
          locations?: Array<{ logicalLocations?: Array<{ fullyQualifiedName: string; kind: string }> }>;
        }>;
      }>;
    };
    const result = log.runs[0]!.results.find((r) => r.message.text.includes('local accounts are enabled'));
    assert.deepEqual(result?.locations?.[0]?.logicalLocations, [
      { fullyQualifiedName: '$.resources[0].properties.disableLocalAccounts', kind: 'property' },
    ]);
  });

  it('is the judged object where the rule names no property (a missing resource)', () => {
    const template = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [cluster('aks')] };
    const { verification } = verifySources([{ name: 'main.json', text: JSON.stringify(template) }]);
    const budget = verification.diagnostics.find((d) => d.code === 'cost/budget');
    assert.ok(budget);
    // The cluster whose subscription has no budget.
    assert.equal(budget.jsonPath, '$.resources[0]');
  });

  it("in a YAML file of several documents: the line of the object's document, the path within it", () => {
    const text = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: shop }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: public, namespace: shop }',
      'spec: { type: LoadBalancer, externalTrafficPolicy: Local, ports: [{ port: 443 }] }',
    ].join('\n');
    // Written as Baseplate writes YAML (the quick reader), and with a comment (the yaml package).
    for (const variant of [text, `# shop\n${text}`]) {
      const shift = variant === text ? 0 : 1;
      const { verification } = verifySources([{ name: 'shop.yaml', text: variant }]);
      const service = verification.diagnostics.find((d) => d.code === 'k8s/internal-load-balancer');
      assert.deepEqual(
        [service?.position, service?.jsonPath],
        [{ line: 5 + shift, column: 1 }, '$.metadata.annotations'],
      );
      const namespace = verification.diagnostics.find((d) => d.code === 'k8s/default-deny');
      assert.deepEqual(namespace?.position, { line: 1 + shift, column: 1 });
      const log = sarifLog(RULES, verification.diagnostics) as {
        runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region?: unknown } }> }> }>;
      };
      const regions = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.region);
      assert.ok(
        regions.some((r) => JSON.stringify(r) === JSON.stringify({ startLine: 5 + shift, startColumn: 1 })),
      );
    }
  });
});
