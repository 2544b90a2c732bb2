/**
 * azure/ps-rule.yaml: every rule of PSRule for Azure found in its documentation
 * for the resource types Baseplate deploys has a decision, and the file
 * suppresses exactly the departures, for the resources that depart.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { PSRULE_DECISIONS } from '../src/core/coverage/psrule.js';
import { plan } from '../src/core/plan.js';
import { PSRULE_OPTIONS_PATH } from '../src/core/report/psrule-options.js';
import { repoRoot } from './helpers.js';

/**
 * The rules found, each with its documentation (Azure/PSRule.Rules.Azure,
 * docs/en/rules/<name>.md; the ACR ones also on the rule reference page,
 * azure.github.io/PSRule.Rules.Azure/en/rules/, marked GA there). Preview rules
 * (Azure.AKS.PodIdentity) are left out: PSRule for Azure runs GA rules by default.
 */
const FOUND: readonly string[] = [
  ...[
    'AuditAdmin',
    'AuditLogs',
    'AuthorizedIPs',
    'AutoScaling',
    'AutoUpgrade',
    'AvailabilityZone',
    'AzureCNI',
  ]
    .concat([
      'AzurePolicyAddOn',
      'AzureRBAC',
      'CNISubnetSize',
      'ContainerInsights',
      'DNSPrefix',
      'DefenderProfile',
    ])
    .concat(['EphemeralOSDisk', 'HttpAppRouting', 'LocalAccounts', 'MaintenanceWindow', 'ManagedAAD'])
    .concat([
      'ManagedIdentity',
      'MinNodeCount',
      'MinUserPoolNodes',
      'Name',
      'NetworkPolicy',
      'NodeAutoUpgrade',
    ])
    .concat([
      'NodeMinPods',
      'PlatformLogs',
      'PoolScaleSet',
      'PoolVersion',
      'SecretStore',
      'SecretStoreRotation',
    ])
    .concat(['StandardLB', 'UptimeSLA', 'UseRBAC', 'Version'])
    .map((name) => `Azure.AKS.${name}`),
  ...['AdminUser', 'ContainerScan', 'GeoReplica', 'ImageHealth', 'MinSku', 'Name', 'Usage'].map(
    (n) => `Azure.ACR.${n}`,
  ),
  'Azure.VNET.SingleDNS',
];

const spec = readFileSync(join(repoRoot, 'docs', 'spec', 'aks-baseline-architecture.txt'), 'utf8').split(
  '\n',
);

function optionsOf(name: string): {
  suppression?: Record<string, string[]>;
  configuration?: Record<string, unknown>;
} {
  const text = readFileSync(join(repoRoot, 'test', 'cases', name, 'baseplate.yaml'), 'utf8');
  const outcome = plan({ name: 'baseplate.yaml', text });
  assert.ok(outcome.ok);
  const file = outcome.files.find((f) => f.path === PSRULE_OPTIONS_PATH);
  assert.ok(file, `${PSRULE_OPTIONS_PATH} is written`);
  return parse(file.content) as { suppression?: Record<string, string[]> };
}

describe('PSRule for Azure options (azure/ps-rule.yaml)', () => {
  it('has a decision on every rule found in the documentation, and on no other', () => {
    assert.deepEqual(PSRULE_DECISIONS.map((d) => d.rule).sort(), [...FOUND].sort());
  });

  it('names a heading of the spec and a source for each decision, and a resource test for each departure', () => {
    for (const d of PSRULE_DECISIONS) {
      assert.ok(spec.includes(d.section), `${d.rule}: "${d.section}" is a heading of the spec`);
      assert.match(d.source, /^Azure\/PSRule\.Rules\.Azure docs\/en\/rules\/Azure\.\w+\.\w+\.md$/);
      assert.equal(d.decision === 'departure', d.departs !== undefined, d.rule);
    }
  });

  it('expands the parameter files and suppresses the declared departures for the cluster and the spoke network', () => {
    const options = optionsOf('default');
    assert.equal(options.configuration?.['AZURE_PARAMETER_FILE_EXPANSION'], true);
    assert.deepEqual(options.suppression?.['Azure.AKS.NodeMinPods'], ['aks-bu0001a0008-00-prod-eus2']);
    assert.deepEqual(options.suppression?.['Azure.AKS.MinUserPoolNodes'], ['aks-bu0001a0008-00-prod-eus2']);
    assert.deepEqual(options.suppression?.['Azure.VNET.SingleDNS'], ['vnet-bu0001a0008-00-prod-eus2']);
  });

  it('never suppresses a rule the design meets or a gap another part closes', () => {
    const suppressed = new Set(Object.keys(optionsOf('default').suppression ?? {}));
    for (const d of PSRULE_DECISIONS.filter((x) => x.decision !== 'departure'))
      assert.ok(!suppressed.has(d.rule), `${d.rule} (${d.decision}) is not suppressed`);
  });

  it('suppresses the Free tier and the unreplicated registry only where the dev preset has them', () => {
    const baseline = optionsOf('default').suppression ?? {};
    assert.equal(baseline['Azure.AKS.UptimeSLA'], undefined);
    assert.equal(baseline['Azure.ACR.GeoReplica'], undefined);
    const dev = optionsOf('dev').suppression ?? {};
    assert.equal(dev['Azure.AKS.UptimeSLA']?.length, 1);
    assert.equal(dev['Azure.ACR.GeoReplica']?.length, 1);
  });
});
