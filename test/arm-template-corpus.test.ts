/**
 * `verify` on foreign-style templates (test/fixtures/templates/): it never
 * crashes, its error findings are the ones each template's literal values
 * earn (pinned here, each reviewed), and no error finding rests on a value only
 * deployment knows. Also `verify --parameters` and hostile templates.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FindingsReport } from '../src/core/formats/findings.js';
import { repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'baseplate-templates-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'templates'), dir, { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function verify(...args: string[]): Promise<{ code: number; report: FindingsReport; stderr: string }> {
  const run = await runCli(['verify', '--format', 'json', ...args], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as FindingsReport, stderr: run.stderr };
}

/**
 * How many error findings each target has (what a finding names before its first `:`). Counted
 * by target, not by rule ID, so that renaming a rule leaves the pinned lists standing.
 */
const errors = (report: FindingsReport): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const f of report.findings.filter((f) => f.severity === 'error')) {
    const target = /^(.*?): /.exec(f.message)?.[1] ?? f.message;
    counts[target] = (counts[target] ?? 0) + 1;
  }
  return counts;
};
/** The rule whose title matches `title`. */
const outcome = (report: FindingsReport, title: RegExp) => report.rules.find((r) => title.test(r.title));

const AKS = 'Microsoft.ContainerService/managedClusters';

describe('verify on foreign-style templates', () => {
  it('a quickstart-style template: parameters, variables, concat and resourceId resolved; its literal gaps found', async () => {
    const { code, report, stderr } = await verify('aks-quickstart.json', 'aks-quickstart.parameters.json');
    assert.equal(stderr, '');
    assert.equal(code, 1);
    // Every one rests on a literal: the properties object is written out, and what it leaves out is off.
    assert.deepEqual(errors(report), {
      // Local accounts, Entra ID, network policy, API server, Azure Policy, egress routing, and no user
      // pool: its one pool is the System pool, and the template deploys the cluster with its network.
      [`${AKS}/aks101`]: 7,
      // Taint and zones.
      [`${AKS}/aks101/agentPools/agentpool`]: 2,
      // No route table: the ID is built by resourceId() from variables.
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Network/virtualNetworks/aks101-vnet/subnets/nodes': 1,
      'aks101-vnet/nodes': 1,
    });
  });

  it('compiled Bicep: whole-property expressions on reference() are unknown, never read as absent', async () => {
    const { code, report } = await verify('compiled-bicep.json');
    assert.equal(code, 1);
    // The cluster's properties are a variable whose literal part leaves these out; local accounts and Entra ID come from reference().
    assert.deepEqual(errors(report), {
      // Network policy, API server, Azure Policy, egress routing: the variable's literal part leaves them out.
      [`${AKS}/aks-baseline`]: 4,
    });
    for (const rule of [
      /^Local accounts/,
      /uses Microsoft Entra ID/,
      /registry is reached only over Private Link/,
      /registry admin user/,
    ])
      assert.deepEqual(
        [outcome(report, rule)?.failed, outcome(report, rule)?.unknown],
        [0, 1],
        `${String(rule)} is unknown`,
      );
  });

  it('an AVM-style languageVersion 2.0 template: symbolic names, existing, types, functions, an inner-scope module', async () => {
    const { code, report } = await verify('avm-style.json');
    assert.equal(code, 1);
    assert.deepEqual(errors(report), {
      // Network policy, API server, Azure Policy, egress routing.
      [`${AKS}/aks-bu0001-prod`]: 4,
      [`${AKS}/aks-bu0001-prod/agentPools/system`]: 1,
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Network/virtualNetworks/vnet-bu0001/subnets/snet-0': 1,
      'vnet-bu0001/snet-0': 1,
      'vnet-bu0001/snet-1': 1,
    });
    // The module's pools came through the copy loop with their zones, and local accounts are off as written.
    for (const rule of [/^Local accounts/, /uses Microsoft Entra ID/, /node pool spans availability zones/])
      assert.equal(outcome(report, rule)?.failed, 0, String(rule));
    assert.equal(outcome(report, /node pool spans availability zones/)?.passed, 2);
  });

  it('a linked deployment reads its relativePath template once, with the parameters it is given; a URI is a note', async () => {
    const { report } = await verify('linked-main.json', 'linked');
    // Read once, through the link, with the name it was given (on its own, its name would be unknown).
    assert.equal(outcome(report, /^Local accounts/)?.failed, 1);
    assert.ok(report.findings.some((f) => f.message.startsWith(`${AKS}/aks-linked: local accounts`)));
    assert.ok(
      report.findings.some(
        (f) => f.severity === 'info' && /by URI .*elsewhere were not read/.test(f.message),
      ),
    );
  });

  it('cluster properties from a variable that depends on reference() are unknown: no error finding', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      variables: {
        p: "[reference(resourceId('Microsoft.Resources/deployments', 's'), '2022-09-01').outputs.c.value]",
      },
      resources: [
        {
          type: AKS,
          apiVersion: '2024-02-01',
          name: 'aks',
          location: 'eastus2',
          identity: "[variables('p').identity]",
          properties: "[variables('p')]",
        },
      ],
    };
    writeFileSync(join(dir, 'unknown-properties.json'), JSON.stringify(template));
    const { code, report } = await verify('unknown-properties.json');
    assert.deepEqual(errors(report), {});
    assert.equal(code, 0);
    for (const rule of [/^Local accounts/, /uses Microsoft Entra ID/, /^Network policy/, /managed identity/])
      assert.equal(outcome(report, rule)?.unknown, 1, String(rule));
  });
});

describe('verify names where a foreign template writes what it cannot judge', () => {
  it("a node subnet not among the inputs: the pool's vnetSubnetID, not the whole file", async () => {
    writeFileSync(
      join(dir, 'subnet-elsewhere.json'),
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { vnetId: { type: 'string' } },
        resources: [
          {
            type: AKS,
            apiVersion: '2025-05-01',
            name: 'aks',
            location: 'eastus2',
            properties: {
              agentPoolProfiles: [
                {
                  name: 'sys',
                  mode: 'System',
                  vnetSubnetID: "[concat(parameters('vnetId'), '/subnets/nodes')]",
                },
                {
                  name: 'user',
                  mode: 'User',
                  vnetSubnetID:
                    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
                },
              ],
            },
          },
        ],
      }),
    );
    const { report } = await verify('subnet-elsewhere.json');
    const found = report.findings
      .filter((f) => f.code === 'net/node-route-to-firewall')
      .map((f) => [f.jsonPath, /cannot tell \((.*)\); expected/.exec(f.message)?.[1]]);
    assert.deepEqual(found, [
      [
        '$.resources[0].properties.agentPoolProfiles[0].vnetSubnetID',
        "depends on [concat(parameters('vnetId'), '/subnets/nodes')]",
      ],
      [
        '$.resources[0].properties.agentPoolProfiles[1].vnetSubnetID',
        'its subnet /subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s is not among the inputs',
      ],
    ]);
  });
});

describe('verify on extension resources in the older form', () => {
  const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const REGISTRY = 'Microsoft.ContainerRegistry/registries';
  const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
  const KUBELET = `[reference(resourceId('${AKS}', variables('aks'))).identityProfile.kubeletidentity.objectId]`;
  const logs = (...categories: string[]) => ({
    workspaceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/la',
    logs: categories.map((category) => ({ category, enabled: true })),
  });
  const CLUSTER_LOGS = logs(
    'kube-apiserver',
    'kube-audit-admin',
    'kube-controller-manager',
    'cluster-autoscaler',
    'guard',
  );
  const pull = {
    roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ACR_PULL}')]`,
    principalId: KUBELET,
  };
  /** A cluster and a registry whose names only deployment knows, with `extensions` on them. */
  const template = (...extensions: object[]) =>
    JSON.stringify({
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      variables: {
        suffix: '[uniqueString(resourceGroup().id)]',
        aks: "[concat('aks-', variables('suffix'))]",
        acr: "[concat('acr', variables('suffix'))]",
      },
      resources: [
        {
          type: AKS,
          apiVersion: '2025-05-01',
          name: "[variables('aks')]",
          location: 'eastus2',
          properties: {},
        },
        {
          type: REGISTRY,
          apiVersion: '2025-04-01',
          name: "[variables('acr')]",
          location: 'eastus2',
          sku: { name: 'Premium' },
          properties: { roleAssignmentMode: 'LegacyRegistryPermissions' },
        },
        ...extensions,
      ],
    });
  const RULES = [/control plane logs are collected/, /registry sends its logs/, /nodes' identity may pull/];
  const verdicts = async (file: string, text: string) => {
    writeFileSync(join(dir, file), text);
    const { report } = await verify(file);
    return RULES.map((title) => {
      const rule = outcome(report, title);
      return [rule?.passed, rule?.failed, rule?.unknown];
    });
  };

  it('reads diagnostic settings and role assignments named <parent>/<namespace>/<name> as those with a scope', async () => {
    const modern = await verdicts(
      'modern.json',
      template(
        {
          type: 'Microsoft.Insights/diagnosticSettings',
          apiVersion: '2021-05-01-preview',
          name: 'default',
          scope: "[resourceId('Microsoft.ContainerService/managedClusters', variables('aks'))]",
          properties: CLUSTER_LOGS,
        },
        {
          type: 'Microsoft.Insights/diagnosticSettings',
          apiVersion: '2021-05-01-preview',
          name: 'default',
          scope: `[resourceId('${REGISTRY}', variables('acr'))]`,
          properties: logs('ContainerRegistryLoginEvents', 'ContainerRegistryRepositoryEvents'),
        },
        {
          type: 'Microsoft.Authorization/roleAssignments',
          apiVersion: '2022-04-01',
          name: "[guid('pull')]",
          scope: `[resourceId('${REGISTRY}', variables('acr'))]`,
          properties: pull,
        },
      ),
    );
    // Each passes: the settings and the assignment name the cluster and registry by the expressions that name them.
    assert.deepEqual(modern, [
      [1, 0, 0],
      [1, 0, 0],
      [1, 0, 0],
    ]);
    const older = await verdicts(
      'older.json',
      template(
        {
          type: `${AKS}/providers/diagnosticSettings`,
          apiVersion: '2021-05-01-preview',
          name: "[concat(variables('aks'), '/Microsoft.Insights/default')]",
          properties: CLUSTER_LOGS,
        },
        {
          type: `${REGISTRY}/providers/diagnosticSettings`,
          apiVersion: '2021-05-01-preview',
          name: "[concat(variables('acr'), '/Microsoft.Insights/default')]",
          properties: logs('ContainerRegistryLoginEvents', 'ContainerRegistryRepositoryEvents'),
        },
        {
          type: `${REGISTRY}/providers/roleAssignments`,
          apiVersion: '2022-04-01',
          name: "[concat(variables('acr'), '/Microsoft.Authorization/', guid('pull'))]",
          properties: pull,
        },
      ),
    );
    assert.deepEqual(older, modern);
    // The cluster's setting missing categories is still caught, in the older form.
    const partial = await verdicts(
      'older-partial.json',
      template({
        type: `${AKS}/providers/diagnosticSettings`,
        apiVersion: '2021-05-01-preview',
        name: "[concat(variables('aks'), '/Microsoft.Insights/default')]",
        properties: logs('cluster-autoscaler'),
      }),
    );
    assert.deepEqual(partial[0], [0, 1, 0]);
  });

  it('names nothing else: a longer expression, another resource group, or a parent named by an expression', async () => {
    const setting = (scope: string) => ({
      type: 'Microsoft.Insights/diagnosticSettings',
      apiVersion: '2021-05-01-preview',
      name: 'default',
      scope,
      properties: CLUSTER_LOGS,
    });
    const assignment = (scope: string) => ({
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      name: "[guid('pull')]",
      scope,
      properties: pull,
    });
    // A setting and an assignment on `dr-` + the name, or on the name in another resource group: none is this cluster's or registry's.
    const elsewhere = await verdicts(
      'elsewhere.json',
      template(
        setting(`[resourceId('${AKS}', concat('dr-', variables('aks')))]`),
        setting(`[resourceId(parameters('otherGroup'), '${AKS}', variables('aks'))]`),
        assignment(`[resourceId(parameters('otherGroup'), '${REGISTRY}', variables('acr'))]`),
        assignment(`[resourceId('${REGISTRY}', concat('dr-', variables('acr')))]`),
      ),
    );
    assert.deepEqual(
      elsewhere[0],
      [0, 0, 1],
      'the cluster: a setting whose scope deployment computes may be it',
    );
    assert.notEqual(elsewhere[2]?.[0], 1, 'the registry: not a pass');
    // The older form nested in a cluster named by an expression is that cluster's.
    writeFileSync(
      join(dir, 'nested-in-expression.json'),
      JSON.stringify({
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: { c: { type: 'string' } },
        resources: [
          {
            type: AKS,
            apiVersion: '2025-05-01',
            name: "[parameters('c')]",
            location: 'eastus2',
            properties: {},
            resources: [
              {
                type: 'providers/diagnosticSettings',
                apiVersion: '2021-05-01-preview',
                name: 'Microsoft.Insights/default',
                properties: CLUSTER_LOGS,
              },
            ],
          },
        ],
      }),
    );
    const { report } = await verify('nested-in-expression.json');
    const logsRule = outcome(report, /control plane logs are collected/);
    assert.deepEqual([logsRule?.passed, logsRule?.failed, logsRule?.unknown], [1, 0, 0]);
  });
});

describe('verify --parameters', () => {
  const cluster = (extra: Record<string, unknown> = {}) => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      noLocal: { type: 'bool', defaultValue: true },
      ...extra,
    },
    resources: [
      {
        type: AKS,
        apiVersion: '2024-02-01',
        name: 'aks',
        location: 'eastus2',
        properties: { disableLocalAccounts: "[parameters('noLocal')]" },
      },
    ],
  });
  const localAccounts = (report: FindingsReport) => {
    const rule = outcome(report, /^Local accounts/);
    return `passed ${rule?.passed ?? 0}, failed ${rule?.failed ?? 0}, unknown ${rule?.unknown ?? 0}`;
  };
  before(() => {
    writeFileSync(join(dir, 'p.json'), JSON.stringify(cluster()));
    writeFileSync(
      join(dir, 'p-none.json'),
      JSON.stringify({ ...cluster(), parameters: { noLocal: { type: 'bool' } } }),
    );
    writeFileSync(
      join(dir, 'given.parameters.json'),
      JSON.stringify({ $schema: 'x/deploymentParameters.json#', parameters: { noLocal: { value: false } } }),
    );
  });

  it('a parameter without a value is unknown; name=value is read by its declared type', async () => {
    assert.equal(localAccounts((await verify('p-none.json')).report), 'passed 0, failed 0, unknown 1');
    assert.equal(
      localAccounts((await verify('p-none.json', '--parameters', 'noLocal=false')).report),
      'passed 0, failed 1, unknown 0',
    );
    assert.equal(localAccounts((await verify('p.json')).report), 'passed 1, failed 0, unknown 0');
  });

  it('takes a parameters file (path or @path) and inline JSON; a later value wins', async () => {
    assert.equal(
      localAccounts((await verify('p.json', '--parameters', 'given.parameters.json')).report),
      'passed 0, failed 1, unknown 0',
    );
    assert.equal(
      localAccounts((await verify('p.json', '--parameters', '@given.parameters.json')).report),
      'passed 0, failed 1, unknown 0',
    );
    assert.equal(
      localAccounts((await verify('p.json', '--parameters', '{"noLocal": {"value": false}}')).report),
      'passed 0, failed 1, unknown 0',
    );
    assert.equal(
      localAccounts(
        (await verify('p.json', '--parameters', '@given.parameters.json', '--parameters', 'noLocal=true'))
          .report,
      ),
      'passed 1, failed 0, unknown 0',
    );
  });

  it('a parameters file that cannot be read is a problem naming it (exit 2), and the templates are still checked', async () => {
    const { code, report } = await verify('p.json', '--parameters', 'missing.parameters.json');
    assert.equal(code, 2);
    assert.ok(
      report.findings.some((f) => f.file === 'missing.parameters.json' && /cannot be read/.test(f.message)),
    );
    assert.equal(localAccounts(report), 'passed 1, failed 0, unknown 0');
  });
});

describe('verify on hostile templates', () => {
  it('10,000 nested brackets, a copy count over 800 or a runaway lambda: a problem of that file, the others still read', async () => {
    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const deep = `[${'concat('.repeat(10_000)}'a'${')'.repeat(10_000)}]`;
    writeFileSync(
      join(dir, 'h-brackets.json'),
      JSON.stringify({ $schema: schema, resources: [{ type: AKS, name: deep }] }),
    );
    writeFileSync(
      join(dir, 'h-copy.json'),
      JSON.stringify({
        $schema: schema,
        resources: [{ type: AKS, name: '[string(copyIndex())]', copy: { name: 'c', count: 100000 } }],
      }),
    );
    writeFileSync(
      join(dir, 'h-lambda.json'),
      JSON.stringify({
        $schema: schema,
        variables: { v: "[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', 1))))]" },
        resources: [{ type: AKS, name: 'x', properties: { p: "[variables('v')]" } }],
      }),
    );
    const started = performance.now();
    const { code, report, stderr } = await verify(
      'h-brackets.json',
      'h-copy.json',
      'h-lambda.json',
      'p.json',
    );
    assert.ok(performance.now() - started < 30_000);
    assert.equal(stderr, '');
    assert.equal(code, 2);
    const problems = report.findings
      .filter((f) => f.code === 'verify/input')
      .map((f) => `${f.file}: ${f.message}`);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /h-brackets\.json: .*nested more than 64 levels/);
    assert.match(problems.join('\n'), /h-copy\.json: .*at most 800/);
    assert.match(problems.join('\n'), /h-lambda\.json: .*evaluation steps/);
    assert.equal(outcome(report, /^Local accounts/)?.passed, 1);
  });
});
