/**
 * The schema check of `verify`: the validators the build generates from the
 * vendored ARM schemas and CRDs, and what they find in foreign templates,
 * nested deployments and subscription-scope templates.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import type { Json } from './artifacts.js';
import { stageFile } from './artifacts.js';
import { validateResource, validateTemplate } from '../src/cli/schemas/arm.js';
import {
  armCatalog,
  armCompiler,
  armIndex,
  armKeys,
  DOCUMENTED,
  resourceBasePointer,
  TEMPLATE_SCHEMA,
} from '../src/cli/schemas/arm-schemas.js';
import { armCoverageTable, withCoverageTable } from '../src/cli/schemas/schema-coverage.js';
import { crdCompiler, crdSchemas } from '../src/cli/schemas/crds.js';
import { schemasFingerprint } from '../src/cli/schemas/generate.js';
import type { Family } from '../src/cli/schemas/generated.js';
import { generatedValidator, hasGenerated, MANIFEST, VALIDATORS_DIR } from '../src/cli/schemas/generated.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { planOk, repoRoot } from './helpers.js';

const SUBSCRIPTION = `${TEMPLATE_SCHEMA.subscription}#`;
const RESOURCE_GROUP = `${TEMPLATE_SCHEMA.resourceGroup}#`;
const NRP = 'https://schema.management.azure.com/schemas/2025-07-01/Microsoft.Network.NRP.json';

/** Copies of `value`, each broken in one place: an unknown key, a wrong type, a missing member. */
function broken(value: unknown, limit: number): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (out.length >= limit || !node || typeof node !== 'object') return;
    const at = (copy: unknown) =>
      path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], copy) as Json;
    const entries = Object.entries(node);
    if (!Array.isArray(node)) {
      const copy = structuredClone(value);
      at(copy)['zzUnknown'] = 1;
      out.push(copy);
    }
    for (const [key] of entries) {
      for (const change of ['number', 'object', 'delete'] as const) {
        const copy = structuredClone(value);
        const parent = at(copy);
        if (change !== 'delete') parent[key] = change === 'number' ? 12345 : { zz: [true] };
        else if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else Reflect.deleteProperty(parent, key);
        out.push(copy);
      }
    }
    for (const [key, child] of entries) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(value, []);
  return out.slice(0, limit);
}

/** The generated validator gives the same verdict and the same errors as the schema compiled here. */
function assertSameAnswers(family: Family, key: string, compiled: ValidateFunction, values: unknown[]): void {
  const generated = generatedValidator(family, key);
  assert.ok(generated, `a generated validator for ${key}`);
  for (const value of values) {
    const verdict = compiled(value);
    assert.equal(generated(value), verdict, `${key}: ${JSON.stringify(value).slice(0, 200)}`);
    assert.deepEqual(generated.errors ?? null, compiled.errors ?? null, key);
  }
}

describe('the validators the build generates from the vendored schemas', () => {
  it('are there, one for every schema verify asks for, made from these schema files', () => {
    assert.ok(hasGenerated(), 'the build writes build/cli/validators/');
    const manifest = JSON.parse(readFileSync(join(VALIDATORS_DIR, MANIFEST), 'utf8')) as {
      schemas: string;
      validators: Record<Family, Record<string, string>>;
    };
    assert.equal(manifest.schemas, schemasFingerprint(), 'built from the schemas/ of this tree');
    assert.deepEqual(Object.keys(manifest.validators.arm), armKeys());
    assert.deepEqual(Object.keys(manifest.validators.k8s), [...crdSchemas().keys()].sort());
  });

  it('answer as the schemas compiled at run time do, valid and broken alike', () => {
    const { files } = planOk('{}');
    const hub = stageFile(files, 'hub');
    const groups = stageFile(files, 'resource-groups');
    const bootstrap = stageFile(files, 'bootstrap-00');
    const arm = armCompiler();
    const check = (key: string, values: unknown[]) => assertSameAnswers('arm', key, arm.compile(key), values);
    const ofType = (template: Json, type: string) =>
      (template['resources'] as Json[]).find((r) => r['type'] === type) ?? assert.fail(type);
    const { resources: _hub, ...envelope } = hub;
    check(TEMPLATE_SCHEMA.resourceGroup, [{ ...envelope, resources: [] }, ...broken(envelope, 40)]);
    check(TEMPLATE_SCHEMA.subscription, [{ ...envelope, resources: {} }, ...broken(envelope, 20)]);
    const firewall = ofType(hub, 'Microsoft.Network/azureFirewalls');
    for (const scope of ['resourceGroup', 'subscription'] as const)
      check(resourceBasePointer(scope), [firewall, ...broken(firewall, 40)]);
    check(`${NRP}#/resourceDefinitions/azureFirewalls`, [firewall, ...broken(firewall, 150)]);
    const rules = ofType(hub, 'Microsoft.Network/firewallPolicies/ruleCollectionGroups');
    check(`${NRP}#/resourceDefinitions/firewallPolicies_ruleCollectionGroups`, [
      { ...rules, name: 'rules' },
      ...broken({ ...rules, name: 'rules' }, 150),
    ]);
    const group = ofType(groups, 'Microsoft.Resources/resourceGroups');
    check(
      'https://schema.management.azure.com/schemas/2025-04-01/Microsoft.Resources.json#/subscription_resourceDefinitions/resourceGroups',
      [group, ...broken(group, 40)],
    );
    const extension = ofType(bootstrap, 'Microsoft.KubernetesConfiguration/extensions');
    check(
      'https://schema.management.azure.com/schemas/2025-03-01/Microsoft.KubernetesConfiguration.json#/definitions/ExtensionProperties',
      [extension['properties'], ...broken(extension['properties'], 60)],
    );
    const pricing = { type: 'Microsoft.Security/pricings', apiVersion: '2024-01-01', name: 'Containers' };
    check('documented:Microsoft.Security/pricings@2024-01-01', [
      { ...pricing, properties: { pricingTier: 'Standard' } },
      ...broken({ ...pricing, properties: { pricingTier: 'Standard', extensions: [{ name: 'a' }] } }, 40),
    ]);
  });

  it('answer as the CRDs compiled at run time do', () => {
    const { files } = planOk('{}');
    const crds = crdCompiler();
    const objects = files
      .filter((f) => f.path.startsWith('gitops/') && f.path.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Json))
      .filter(
        (o) => String(o['apiVersion']).includes('toolkit.fluxcd.io') || o['kind'] === 'SecretProviderClass',
      );
    assert.ok(objects.length > 0);
    for (const object of objects) {
      const key = `${String(object['apiVersion'])} ${String(object['kind'])}`;
      const compiled = crds.compile(key) ?? assert.fail(key);
      assertSameAnswers('k8s', key, compiled, [object, ...broken(object, 30)]);
    }
  });
});

describe('schema findings', () => {
  it('of a resource type the plan does not make, misspelt', () => {
    const balancer = {
      type: 'Microsoft.Network/loadBalancers',
      apiVersion: '2025-07-01',
      name: 'lb',
      location: 'eastus2',
      sku: { name: 'Standard' },
      properties: {
        frontendIPConfigurations: [
          { name: 'f', properties: { privateIPAllocationMethod: 'Dynamik', subnet: { id: 'x' } } },
        ],
        loadBalancingRulez: [],
      },
    };
    assert.deepEqual(validateResource(balancer), [
      '/properties has unknown property "loadBalancingRulez"',
      '/properties/frontendIPConfigurations/0/properties/privateIPAllocationMethod must be one of: Static, Dynamic',
    ]);
  });

  it('of a subscription-scope template: its envelope, its resources and a nested deployment into a group', () => {
    const template = {
      $schema: SUBSCRIPTION,
      contentVersion: '1.0.0.0',
      zzTop: 1,
      parameters: { p: { type: 'strin' } },
      resources: [
        {
          type: 'Microsoft.Resources/resourceGroups',
          apiVersion: '2025-04-01',
          name: 'rg',
          location: 'eastus2',
          tagz: {},
        },
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2025-04-01',
          name: 'inner',
          resourceGroup: 'rg',
          dependsOn: ['rg'],
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'Inner' },
            template: {
              $schema: RESOURCE_GROUP,
              contentVersion: '1.0.0.0',
              resources: [
                {
                  type: 'Microsoft.Network/publicIPAddresses',
                  apiVersion: '2025-07-01',
                  name: 'pip',
                  location: 'eastus2',
                  sku: { name: 'Standard' },
                  properties: { publicIPAllocationMethod: 'Static', idleTimeoutInMinutez: 4 },
                },
                {
                  type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
                  apiVersion: '2025-07-01',
                  name: 'p/g',
                  properties: {
                    priority: 100,
                    ruleCollections: [
                      { ruleCollectionType: 'FirewallPolicyBogusRuleCollection', name: 'c', priority: 100 },
                    ],
                  },
                },
              ],
            },
          },
        },
        {
          type: 'Microsoft.Security/pricings',
          apiVersion: '2024-01-01',
          name: 'VirtualMachines',
          properties: { pricingTier: 'Gold' },
        },
      ],
    };
    assert.deepEqual(validateTemplate(template, 'subscription'), [
      'template/ has unknown property "zzTop"',
      'template/parameters/p/type must be one of: string, securestring, int, bool, object, secureObject, array',
      "resources[0] Microsoft.Resources/resourceGroups: / must have required property 'properties'",
      'resources[0] Microsoft.Resources/resourceGroups: / has unknown property "tagz"',
      'resources[1].properties.template > resources[0] Microsoft.Network/publicIPAddresses: /properties has unknown property "idleTimeoutInMinutez"',
      'resources[1].properties.template > resources[1] Microsoft.Network/firewallPolicies/ruleCollectionGroups: /properties/ruleCollections/0/ruleCollectionType is "FirewallPolicyBogusRuleCollection", must be one of: FirewallPolicyFilterRuleCollection, FirewallPolicyNatRuleCollection',
      'resources[2] Microsoft.Security/pricings: /properties/pricingTier must be one of: Free, Standard',
    ]);
  });
});

describe('schema findings of what a template writes in the template language', () => {
  const actionGroup = (properties: Json) => ({
    type: 'Microsoft.Insights/actionGroups',
    apiVersion: '2023-01-01',
    name: "[parameters('name')]",
    location: 'Global',
    properties: { enabled: true, ...properties },
  });
  const syslog = (source: Json) => ({
    type: 'Microsoft.Insights/dataCollectionRules',
    apiVersion: '2024-03-11',
    name: 'dcr',
    location: 'eastus2',
    properties: { dataSources: { syslog: [{ name: 's', streams: ['Microsoft-Syslog'], ...source }] } },
  });
  const ruleCollection = (collection: Json) => ({
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    apiVersion: '2025-07-01',
    name: 'policy/group',
    properties: { priority: 100, ruleCollections: [{ name: 'c', priority: 100, ...collection }] },
  });
  const pricing = (extra: Json, properties: Json) => ({
    type: 'Microsoft.Security/pricings',
    apiVersion: '2024-01-01',
    name: 'Containers',
    ...extra,
    properties,
  });
  const virtualNetwork = (properties: Json) => ({
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2025-07-01',
    name: 'vnet',
    location: 'eastus2',
    properties,
  });

  it('judges no value written as an expression by a constraint only deployment can meet', () => {
    assert.deepEqual(validateResource(actionGroup({ groupShortName: "[parameters('short')]" })), []);
    assert.deepEqual(
      validateResource(
        syslog({ facilityNames: ["[parameters('f')]", 'auth'], logLevels: ["[parameters('l')]"] }),
      ),
      [],
    );
    assert.deepEqual(
      validateResource(pricing({}, { pricingTier: "[parameters('tier')]" }), 'subscription'),
      [],
    );
    // A type whose properties and identity are checked each on its own (the catalog's definitionsOnly).
    const extension = {
      type: 'Microsoft.KubernetesConfiguration/extensions',
      apiVersion: '2025-03-01',
      name: 'flux',
      identity: { type: "[parameters('identity')]" },
      properties: { extensionType: 'microsoft.flux', scope: { cluster: "[parameters('scope')]" } },
    };
    assert.deepEqual(validateResource(extension), []);
    assert.deepEqual(validateResource({ ...extension, identity: { type: 'UserAssigned' } }), [
      '/identity/type must be one of: SystemAssigned',
    ]);
    // An expression over more than one line is one still.
    assert.deepEqual(validateResource(actionGroup({ groupShortName: "[concat('a',\n 'b')]" })), []);
  });

  it('still judges literals, and `[[` as the literal `[` it escapes', () => {
    assert.deepEqual(validateResource(actionGroup({ groupShortName: 'abcdefghijklm' })), [
      '/properties/groupShortName must NOT have more than 12 characters',
    ]);
    // "[abcdefghij]" is 12 characters, "[abcdefghijk]" 13.
    assert.deepEqual(validateResource(actionGroup({ groupShortName: '[[abcdefghij]' })), []);
    assert.deepEqual(validateResource(actionGroup({ groupShortName: '[[abcdefghijk]' })), [
      '/properties/groupShortName must NOT have more than 12 characters',
    ]);
    assert.deepEqual(validateResource(syslog({ facilityNames: ['bogus'], logLevels: ['[[Info]'] })), [
      '/properties/dataSources/syslog/0/facilityNames/0 must be one of: *, alert, audit, auth, authpriv, clock, cron, daemon, ftp, kern, local0, local1, local2, local3, local4, local5, local6, local7, lpr, mail, mark, news, nopri, ntp, syslog, user, uucp',
      '/properties/dataSources/syslog/0/logLevels/0 must be one of: Debug, Info, Notice, Warning, Error, Critical, Alert, Emergency, *',
    ]);
    assert.deepEqual(validateResource(pricing({}, { pricingTier: '[[Standard]' }), 'subscription'), [
      '/properties/pricingTier must be one of: Free, Standard',
    ]);
    // Where the schema takes a value or an expression, the escaped literal is no expression.
    const balancer = {
      type: 'Microsoft.Network/loadBalancers',
      apiVersion: '2025-07-01',
      name: 'lb',
      location: 'eastus2',
      properties: {
        frontendIPConfigurations: [{ name: 'f', properties: { privateIPAllocationMethod: '[[Dynamic]' } }],
      },
    };
    assert.deepEqual(validateResource(balancer), [
      '/properties/frontendIPConfigurations/0/properties/privateIPAllocationMethod must be one of: Static, Dynamic',
    ]);
  });

  it("gives no verdict on the variant an expression tags, and judges a literal tag's", () => {
    assert.deepEqual(
      validateResource(ruleCollection({ ruleCollectionType: "[parameters('kind')]", rulez: [] })),
      [],
    );
    assert.deepEqual(
      validateResource(
        ruleCollection({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', rulez: [] }),
      ),
      ['/properties/ruleCollections/0 has unknown property "rulez"'],
    );
  });

  it('reads property loops, in properties and in any object inside them, as the arrays they build', () => {
    const subnets = {
      name: 'subnets',
      count: "[length(parameters('subnets'))]",
      input: {
        name: "[parameters('subnets')[copyIndex('subnets')].name]",
        properties: { addressPrefix: '10.0.0.0/24' },
      },
    };
    assert.deepEqual(validateResource(virtualNetwork({ copy: [subnets] })), []);
    assert.deepEqual(
      validateResource(
        virtualNetwork({
          addressSpace: { copy: [{ name: 'addressPrefixes', count: 2, input: '10.0.0.0/16' }] },
        }),
      ),
      [],
    );
    // What a loop builds is judged as the property it names.
    assert.deepEqual(
      validateResource(
        virtualNetwork({
          copy: [{ ...subnets, input: { name: 's', properties: { addressPrefixz: '10.0.0.0/24' } } }],
        }),
      ),
      ['/properties/subnets/0/properties has unknown property "addressPrefixz"'],
    );
    assert.deepEqual(validateResource(virtualNetwork({ copy: [{ ...subnets, name: 'subnetz' }] })), [
      '/properties has unknown property "subnetz"',
    ]);
    assert.deepEqual(
      validateResource(
        virtualNetwork({
          addressSpace: { copy: [{ name: 'addressPrefixes', count: 1, input: 'x' }], zz: 1 },
        }),
      ),
      ['/properties/addressSpace has unknown property "zz"'],
    );
  });

  it("takes the members a template adds to a resource in a documented type's shape", () => {
    assert.deepEqual(
      validateResource(
        pricing({ condition: "[parameters('on')]" }, { pricingTier: 'Standard' }),
        'subscription',
      ),
      [],
    );
    assert.deepEqual(
      validateResource(pricing({ conditionz: true }, { pricingTier: 'Standard' }), 'subscription'),
      ['/ has unknown property "conditionz"'],
    );
  });

  it('judges no expression of the envelope, and its literals', () => {
    const template = (output: Json) => ({
      $schema: RESOURCE_GROUP,
      contentVersion: '1.0.0.0',
      resources: [],
      outputs: { o: { type: 'string', value: 'x', ...output } },
    });
    assert.deepEqual(validateTemplate(template({ condition: '[equals(1, 1)]' })), []);
    assert.deepEqual(validateTemplate(template({ condition: 'yes' })), [
      'template/outputs/o/condition must be boolean',
    ]);
  });
});

describe('the list of covered ARM types in schemas/README.md', () => {
  const readme = readFileSync(join(repoRoot, 'schemas', 'README.md'), 'utf8');
  const table = armCoverageTable(armCatalog, Object.keys(DOCUMENTED));

  it('is what the catalog of the vendored files says (npm run schemas-readme rewrites it)', () => {
    assert.equal(
      readme,
      withCoverageTable(readme, table),
      'schemas/README.md is stale: run npm run schemas-readme',
    );
    assert.match(
      table,
      /\| Microsoft\.ContainerService +\| 2026-05-01 +\| managedClusters, managedClusters\/agentPools,/,
    );
    assert.match(table, /\| Microsoft\.Security +\| 2024-01-01 +\| pricings \(its documented shape\)/);
  });

  it('changes when a version is added to or taken from the catalog', () => {
    const fewer = structuredClone(armCatalog);
    delete fewer.resourceTypes['Microsoft.Consumption/budgets'];
    assert.notEqual(armCoverageTable(fewer, Object.keys(DOCUMENTED)), table);
    const more = structuredClone(armCatalog);
    more.resourceTypes['Microsoft.Consumption/budgets']!['2023-11-01'] = {
      schemaType: 'Microsoft.Consumption/budgets',
    };
    assert.match(
      armCoverageTable(more, Object.keys(DOCUMENTED)),
      /\| Microsoft\.Consumption +\| 2023-11-01 +\| budgets/,
    );
  });

  it('lists what the files hold: every schema the catalog points to is a vendored file, and every vendored file is in use', () => {
    const root = join(repoRoot, 'schemas', 'arm');
    const pointers = [
      ...Object.values(armCatalog.resourceTypes).flatMap((versions) =>
        Object.values(versions).flatMap(({ schemaType: _type, ...scopes }) => Object.values(scopes)),
      ),
      ...Object.values(armCatalog.definitionsOnly).flatMap((versions) =>
        Object.values(versions).flatMap((bags) => Object.values(bags)),
      ),
    ];
    const urls = new Set(pointers.map((p) => p.split('#')[0]!));
    for (const url of urls) {
      const file = armIndex[url];
      assert.ok(file && existsSync(join(root, file)), `${url} is not a vendored file`);
    }
    const vendored = readdirSync(join(root, 'schemas'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => `schemas/${f.split('\\').join('/')}`);
    assert.deepEqual(vendored.sort(), Object.values(armIndex).sort(), 'arm/index.json lists every file');
    const envelopes = Object.keys(armIndex).filter((url) =>
      /deployment(Template|Parameters)|common\//i.test(url),
    );
    for (const url of Object.keys(armIndex))
      assert.ok(urls.has(url) || envelopes.includes(url), `${url} serves no resource type the list names`);
  });
});
