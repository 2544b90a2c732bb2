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
 * The GA rules found for these resource types and for template files, each with
 * its documentation (Azure/PSRule.Rules.Azure/docs/en/rules/<name>.md), all in the
 * baseline Azure.GA_2026_03 (Azure/PSRule.Rules.Azure/docs/en/baselines/Azure.GA_2026_03.md), which
 * holds GA rules only. Preview rules (Azure.AKS.PodIdentity) and the former
 * name Azure.AKS.AzureCNI are left out: PSRule for Azure runs GA rules by default.
 */
const AREAS: Readonly<Record<string, readonly string[]>> = {
  AKS: [
    ...['AuditAdmin', 'AuditLogs', 'AuthorizedIPs', 'AutoScaling', 'AutoUpgrade', 'AvailabilityZone'],
    ...[
      'AzurePolicyAddOn',
      'AzureRBAC',
      'CNISubnetSize',
      'ContainerInsights',
      'DNSPrefix',
      'DefenderProfile',
    ],
    ...['EphemeralOSDisk', 'HttpAppRouting', 'LocalAccounts', 'MaintenanceWindow', 'ManagedAAD'],
    ...['ManagedIdentity', 'MinNodeCount', 'MinUserPoolNodes', 'Name', 'Naming', 'NetworkPolicy'],
    ...['NodeAutoUpgrade', 'NodeMinPods', 'PlatformLogs', 'PoolScaleSet', 'PoolVersion', 'SecretStore'],
    ...['SecretStoreRotation', 'StandardLB', 'SystemPoolNaming', 'UptimeSLA', 'UseRBAC', 'UserPoolNaming'],
    'Version',
  ],
  ACR: [
    ...['AdminUser', 'AnonymousAccess', 'ContainerScan', 'ExportPolicy', 'Firewall', 'GeoReplica'],
    ...['ImageHealth', 'MinSku', 'Name', 'Naming', 'ReplicaLocation', 'Usage'],
  ],
  VNET: [
    ...['BastionSubnet', 'FirewallSubnet', 'FirewallSubnetNAT', 'LocalDNS', 'Name', 'Naming', 'PeerState'],
    ...['PrivateSubnet', 'SingleDNS', 'SubnetName', 'SubnetNaming', 'UseNSGs'],
  ],
  NSG: ['AKSRules', 'AnyInboundSource', 'Associated', 'DenyAllInbound', 'LateralTraversal', 'Name', 'Naming'],
  AppGw: [
    ...['AvailabilityZone', 'MigrateV2', 'MigrateWAFPolicy', 'MinInstance', 'MinSku', 'Name', 'OWASP'],
    ...['Prevention', 'SSLPolicy', 'UseHTTPS', 'UseWAF', 'WAFEnabled', 'WAFRules'],
  ],
  AppGwWAF: ['Enabled', 'Exclusions', 'PreventionMode', 'RuleGroups'],
  KeyVault: [
    ...['AccessPolicy', 'AutoRotationPolicy', 'Firewall', 'KeyName', 'Logs', 'Name', 'PurgeProtect'],
    ...['RBAC', 'SecretName', 'SoftDelete'],
  ],
  Firewall: ['AvailabilityZone', 'Mode', 'Name', 'PolicyMode', 'PolicyName'],
  PublicIP: [
    'AvailabilityZone',
    'DNSLabel',
    'IsAttached',
    'MigrateStandard',
    'Name',
    'Naming',
    'StandardSKU',
  ],
  Log: ['Name', 'Naming', 'ReplicaLocation', 'Replication'],
  Alert: ['MetricAutoMitigate'],
  Bastion: ['Name'],
  PrivateEndpoint: ['Name'],
  Identity: ['UserAssignedName'],
  Route: ['Name', 'Naming'],
  Group: ['Name', 'Naming', 'RequiredTags'],
  Resource: ['AllowedRegions', 'RequiredTags', 'UseTags'],
  Policy: ['AssignmentAssignedBy', 'AssignmentDescriptors'],
  EventGrid: ['SystemTopicNaming'],
  Deployment: [
    ...['AdminUsername', 'Name', 'OuterSecret', 'OutputSecretValue', 'SecretLeak', 'SecureParameter'],
    'SecureValue',
  ],
  Template: [
    ...['DebugDeployment', 'ExpressionLength', 'LocationDefault', 'LocationType', 'MetadataLink'],
    ...[
      'ParameterDataTypes',
      'ParameterFile',
      'ParameterMetadata',
      'ParameterMinMaxValue',
      'ParameterScheme',
    ],
    ...['ParameterStrongType', 'ParameterValue', 'ResourceLocation', 'Resources', 'TemplateFile'],
    ...['TemplateSchema', 'TemplateScheme', 'UseComments', 'UseDescriptions', 'UseLocationParameter'],
  ],
};
const FOUND = Object.entries(AREAS).flatMap(([area, names]) => names.map((n) => `Azure.${area}.${n}`));

const spec = readFileSync(join(repoRoot, 'docs', 'spec', 'aks-baseline-architecture.txt'), 'utf8').split(
  '\n',
);

function optionsOf(name: string): {
  suppression?: Record<string, string[]>;
  configuration?: Record<string, unknown>;
  rule?: { exclude?: string[] };
} {
  const text = readFileSync(join(repoRoot, 'test', 'cases', name, 'baseplate.yaml'), 'utf8');
  const outcome = plan({ name: 'baseplate.yaml', text });
  assert.ok(outcome.ok);
  const file = outcome.files.find((f) => f.path === PSRULE_OPTIONS_PATH);
  assert.ok(file, `${PSRULE_OPTIONS_PATH} is written`);
  return parse(file.content) as ReturnType<typeof optionsOf>;
}

describe('PSRule for Azure options (azure/ps-rule.yaml)', () => {
  it('has a decision on every rule found in the documentation, and on no other', () => {
    assert.deepEqual(PSRULE_DECISIONS.map((d) => d.rule).sort(), [...FOUND].sort());
  });

  it('names a heading of the spec and a source for each decision, and a resource test for each departure', () => {
    for (const d of PSRULE_DECISIONS) {
      assert.ok(spec.includes(d.section), `${d.rule}: "${d.section}" is a heading of the spec`);
      assert.match(d.source, /^Azure\/PSRule\.Rules\.Azure docs\/en\/rules\/Azure\.\w+\.\w+\.md$/);
      const ways = [d.departs, d.configure, d.exclude].filter((x) => x !== undefined).length;
      assert.equal(ways, d.decision === 'departure' ? 1 : 0, `${d.rule}: one way to declare a departure`);
    }
  });

  it('expands the parameter files and suppresses the declared departures for the cluster and the spoke network', () => {
    const options = optionsOf('default');
    assert.equal(options.configuration?.['AZURE_PARAMETER_FILE_EXPANSION'], true);
    assert.deepEqual(options.suppression?.['Azure.AKS.NodeMinPods'], ['aks-bu0001a0008-00-prod-eus2']);
    assert.deepEqual(options.suppression?.['Azure.AKS.MinUserPoolNodes'], ['aks-bu0001a0008-00-prod-eus2']);
    assert.deepEqual(options.suppression?.['Azure.VNET.SingleDNS'], ['vnet-bu0001a0008-00-prod-eus2']);
  });

  it('never suppresses or excludes a rule the design meets or a gap another part closes', () => {
    const options = optionsOf('default');
    const declared = new Set([...Object.keys(options.suppression ?? {}), ...(options.rule?.exclude ?? [])]);
    for (const d of PSRULE_DECISIONS.filter((x) => x.decision !== 'departure'))
      assert.ok(!declared.has(d.rule), `${d.rule} (${d.decision}) is neither suppressed nor excluded`);
  });

  it('lets Bastion reach the network over SSH and RDP, and the build agents deny all inbound traffic only without Bastion', () => {
    const suppression = optionsOf('default').suppression ?? {};
    // With Bastion, the agents' first inbound rule admits its SSH sessions: no blanket deny comes first.
    assert.equal(suppression['Azure.NSG.DenyAllInbound'], undefined);
    assert.deepEqual(suppression['Azure.NSG.LateralTraversal'], ['nsg-bu0001a0008-hub-prod-eus2-bastion']);
    const dev = optionsOf('dev').suppression ?? {};
    assert.deepEqual(dev['Azure.NSG.DenyAllInbound'], ['nsg-bu0001a0008-hub-dev-eus2-build-agents']);
  });

  it("declares the firewall's DNS proxy in the peered hub as the spoke's DNS server, not as a local one", () => {
    const suppression = optionsOf('default').suppression ?? {};
    assert.deepEqual(suppression['Azure.VNET.LocalDNS'], ['vnet-bu0001a0008-00-prod-eus2']);
  });

  it('collects the control plane logs the spec names, through the option of Azure.AKS.PlatformLogs, not a suppression', () => {
    const options = optionsOf('default');
    assert.deepEqual(options.configuration?.['AZURE_AKS_ENABLED_PLATFORM_LOG_CATEGORIES_LIST'], [
      'cluster-autoscaler',
      'kube-controller-manager',
    ]);
    assert.equal(options.suppression?.['Azure.AKS.PlatformLogs'], undefined);
  });

  it('excludes the template rules on locations: each template is planned for its region', () => {
    assert.deepEqual(optionsOf('default').rule?.exclude, [
      'Azure.Template.ResourceLocation',
      'Azure.Template.UseLocationParameter',
    ]);
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

describe('the PSRule rules the templates meet by what every resource carries', () => {
  const CONFIGS = {
    default: '{}',
    'two-spokes': readFileSync(join(repoRoot, 'test', 'cases', 'two-spokes', 'baseplate.yaml'), 'utf8'),
    'existing-hub': readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8'),
    'own initiative, budget': 'policy: { customInitiative: true }\ncost: { monthlyBudget: 9000 }',
  };
  const templates = (text: string) => {
    const outcome = plan({ name: 'baseplate.yaml', text });
    assert.ok(outcome.ok);
    return outcome.files
      .filter((f) => /^azure\/.*\d\d-[^/]+\.json$/.test(f.path) && !f.path.endsWith('.parameters.json'))
      .map((f) => ({ path: f.path, template: JSON.parse(f.content) as { resources?: unknown[] } }));
  };
  type Resource = { type?: string; name?: string; comments?: unknown; properties?: Record<string, unknown> };

  for (const [name, text] of Object.entries(CONFIGS))
    it(`every resource has a comment, every policy assignment its assignedBy: ${name}`, () => {
      // Azure.Template.UseComments and Azure.Policy.AssignmentAssignedBy (azure.github.io/PSRule.Rules.Azure/en/rules/).
      const found = templates(text).flatMap(({ path, template }) =>
        ((template.resources ?? []) as Resource[]).map((r) => ({ path, r })),
      );
      assert.ok(found.length > 50);
      const uncommented = found.filter(({ r }) => typeof r.comments !== 'string' || r.comments.length === 0);
      assert.deepEqual(
        uncommented.map(({ path, r }) => `${path} ${r.type} ${r.name}`),
        [],
      );
      const assignments = found.filter(({ r }) => r.type === 'Microsoft.Authorization/policyAssignments');
      assert.ok(assignments.length > 0);
      for (const { r } of assignments)
        assert.equal(
          (r.properties?.['metadata'] as { assignedBy?: unknown }).assignedBy,
          'Baseplate (policy stage)',
        );
    });
});
