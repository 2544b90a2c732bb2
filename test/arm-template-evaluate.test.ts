/**
 * The ARM template evaluator (src/core/verify/template/): a table of templates,
 * one per feature of the template language, each with the resources or outputs
 * ARM would deploy, and the cases whose values only deployment knows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, isUnresolved } from '../src/core/arm-values.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import type { Evaluation } from '../src/core/verify/template/evaluate.js';
import { evaluateTemplate } from '../src/core/verify/template/evaluate.js';
import { jsonText, parseJson } from '../src/core/verify/template/jsonc.js';
import { TemplateError } from '../src/core/verify/template/value.js';

type Json = Record<string, unknown>;
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const evaluate = (template: Json, parameters?: Json, linked?: Record<string, Json>): Evaluation =>
  evaluateTemplate(
    { $schema: SCHEMA, contentVersion: '1.0.0.0', ...template },
    {
      source: 'main.json',
      parameters,
      linked: (from, path) => {
        const name = path.replace(/^\.\//, '');
        return linked?.[name] ? { name, template: linked[name] } : undefined;
      },
    },
  );

/** The value of one output `out` whose value is `expression`, with `rest` of a template around it. */
const value = (expression: unknown, rest: Json = {}, parameters?: Json): unknown =>
  evaluate({ ...rest, outputs: { out: { type: 'object', value: expression } } }, parameters).outputs['out'];

describe('ARM template evaluator: expressions and functions', () => {
  const table: ReadonlyArray<readonly [string, unknown, unknown]> = [
    // Syntax (Syntax and expressions in ARM templates): escapes, case-insensitive names, property access, indexes.
    ['a literal', 'plain', 'plain'],
    [
      'an escaped [ stays a literal, escaped again for the rules',
      '[[not an expression]',
      '[[not an expression]',
    ],
    ["'' inside a string", "[concat('it''s', ' ok')]", "it's ok"],
    ['function names in any case', "[CONCAT('a', ToLower('B'))]", 'ab'],
    ['member and index access', "[createObject('a', createArray(1, createObject('b', 'x')))['a'][1].b]", 'x'],
    // String functions.
    ['format, .NET composite', "[format('{0}-{1}-{0}{{x}}', 'a', 2)]", 'a-2-a{x}'],
    ['format with alignment', "[format('[{0,3}]', 'a')]", '[[  a]'],
    ['split and join', "[join(split('a,b;c', createArray(',', ';')), '|')]", 'a|b|c'],
    ['replace, toUpper, trim', "[toUpper(trim(replace('  a-b ', '-', '_')))]", 'A_B'],
    ['substring, padLeft', "[concat(substring('abcdef', 1, 3), padLeft('7', 3, '0'))]", 'bcd007'],
    ['startsWith and endsWith ignore case', "[and(startsWith('AbC', 'ab'), endsWith('AbC', 'BC'))]", true],
    ['indexOf ignores case', "[indexOf('abcABC', 'BC')]", 1],
    ['string of an object is JSON', "[string(createObject('a', 1))]", '{"a":1}'],
    ['json', '[json(\'{"a":[1,true,null]}\').a]', [1, true, null]],
    ['base64 round trip', "[base64ToString(base64('héllo'))]", 'héllo'],
    ['uri', "[uri('https://a.example/x/', 'y.json')]", 'https://a.example/x/y.json'],
    [
      'length of a string, array and object',
      "[createArray(length('abc'), length(createArray(1)), length(createObject('a', 1)))]",
      [3, 1, 1],
    ],
    // Arrays.
    ['range, take, skip', '[skip(take(range(5, 4), 3), 1)]', [6, 7]],
    ['first and last', "[createArray(first(createArray(1, 2)), last('xyz'))]", [1, 'z']],
    ['concat of arrays', '[concat(createArray(1), createArray(2, 3))]', [1, 2, 3]],
    ['union of arrays keeps distinct items', '[union(createArray(1, 2), createArray(2, 3))]', [1, 2, 3]],
    ['intersection', '[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]', [2, 3]],
    [
      'contains: array, object key in any case, string',
      "[createArray(contains(createArray(1, 2), 2), contains(createObject('Ab', 1), 'aB'), contains('abc', 'd'))]",
      [true, true, false],
    ],
    [
      'empty',
      "[createArray(empty(createArray()), empty(''), empty(createObject('a', 1)))]",
      [true, true, false],
    ],
    ['min and max', '[createArray(min(3, 1, 2), max(createArray(4, 9)))]', [1, 9]],
    // Objects.
    [
      'union of objects merges nested objects',
      '[union(json(\'{"a":{"x":1},"b":1}\'), json(\'{"a":{"y":2},"b":2}\'))]',
      { a: { x: 1, y: 2 }, b: 2 },
    ],
    [
      'items, sorted by key',
      "[items(createObject('b', 2, 'a', 1))]",
      [
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
      ],
    ],
    [
      'objectKeys, tryGet',
      "[createArray(objectKeys(createObject('a', 1)), tryGet(createObject('a', 1), 'b'))]",
      [['a'], null],
    ],
    ['coalesce skips nulls', "[coalesce(null(), null(), 'x')]", 'x'],
    // Logical, comparison, numeric.
    // The branch not taken would build a string over the limit, which refuses the template.
    ['if evaluates only the branch taken', "[if(equals(1, 1), 'yes', padLeft('a', 2000000))]", 'yes'],
    [
      'and, or, not, bool',
      "[createArray(and(true(), not(false())), or(false(), bool('TRUE')))]",
      [true, true],
    ],
    [
      'comparisons',
      "[createArray(greater(2, 1), lessOrEquals('a', 'b'), equals(createArray(1), createArray(1)))]",
      [true, true, true],
    ],
    [
      'numbers: division truncates',
      "[createArray(add(1, 2), sub(1, 2), mul(2, 3), div(7, 2), mod(7, 2), int('5'))]",
      [3, -1, 6, 3, 1, 5],
    ],
    // Lambdas.
    [
      'map, filter, reduce',
      "[reduce(filter(map(range(1, 4), lambda('x', mul(lambdaVariables('x'), 10))), lambda('x', greater(lambdaVariables('x'), 10))), 0, lambda('a', 'b', add(lambdaVariables('a'), lambdaVariables('b'))))]",
      90,
    ],
    [
      'sort',
      "[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]",
      [1, 2, 3],
    ],
    [
      'toObject',
      "[toObject(createArray('a', 'b'), lambda('k', lambdaVariables('k')), lambda('k', toUpper(lambdaVariables('k'))))]",
      { a: 'A', b: 'B' },
    ],
    // Resource IDs and the deployment's scope.
    [
      'resourceId with the group and subscription as placeholders',
      "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')]",
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet',
    ],
    [
      'resourceId with a group',
      "[resourceId('rg-hub', 'Microsoft.Network/virtualNetworks', 'vnet')]",
      '/subscriptions/<subscription-id>/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet',
    ],
    [
      'resourceId with a subscription and a group',
      "[resourceId('sub', 'rg', 'Microsoft.Network/virtualNetworks', 'vnet')]",
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet',
    ],
    [
      'subscriptionResourceId',
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')]",
      '/subscriptions/<subscription-id>/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d',
    ],
    [
      'tenantResourceId',
      "[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]",
      '/providers/Microsoft.Management/managementGroups/mg',
    ],
    [
      'extensionResourceId',
      "[extensionResourceId('/x/y', 'Microsoft.Authorization/locks', 'l')]",
      '/x/y/providers/Microsoft.Authorization/locks/l',
    ],
    [
      'resourceGroup().id',
      '[resourceGroup().id]',
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>',
    ],
    ['environment(): the public cloud', '[environment().suffixes.acrLoginServer]', '.azurecr.io'],
  ];
  for (const [name, expression, expected] of table)
    it(name, () => assert.deepEqual(value(expression), expected));
});

describe('ARM template evaluator: what only deployment knows is unknown, and spreads', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    ['reference() runtime properties', "[reference('vnet').properties.subnets]"],
    ['list*()', "[listKeys('st', '2023-01-01').keys[0].value]"],
    ['newGuid()', '[newGuid()]'],
    ['utcNow()', '[utcNow()]'],
    ['uniqueString(), its hash undocumented', '[uniqueString(resourceGroup().id)]'],
    ['guid()', "[guid('a')]"],
    ['subscription ID', '[subscription().subscriptionId]'],
    ['a string built on an unknown', "[concat('st', uniqueString('x'))]"],
    ['toLower of an unknown', "[toLower(reference('x').name)]"],
    ['a comparison with an unknown', "[equals(reference('x').sku, 'Standard')]"],
    ['if on an unknown condition', "[if(reference('x').enabled, 'a', 'b')]"],
    ['length of an unknown', "[length(reference('x').items)]"],
    ['a parameter with no value', "[parameters('noValue')]"],
    ['a function ARM has and this evaluator does not', "[cidrSubnet('10.0.0.0/16', 24, 0)]"],
    ['an invalid expression', "[concat('a', ]"],
    ['a string compared in a different case, which ARM does not document', "[equals('Abc', 'abc')]"],
  ];
  const parameters = { parameters: { noValue: { type: 'string' } } };
  for (const [name, expression] of table)
    it(name, () => {
      const out = value(expression, parameters);
      assert.ok(isUnresolved(out), `${name}: ${JSON.stringify(out)}`);
    });

  it('keeps what is known beside an unknown', () => {
    assert.deepEqual(value("[createArray('a', reference('x').b)]"), ['a', "[reference('x').b]"]);
    assert.equal(value("[and(false(), reference('x').on)]"), false);
    assert.equal(value("[or(true(), reference('x').on)]"), true);
    assert.equal(value("[if(true(), 'a', reference('x').b)]"), 'a');
  });

  it('writes an unknown as the expression it came from', () => {
    assert.equal(value("[reference('vnet').properties]"), "[reference('vnet').properties]");
    assert.equal(value("[variables('p')]", { variables: { p: "[reference('x')]" } }), "[reference('x')]");
  });
});

describe('ARM template evaluator: parameters and variables', () => {
  const parameters = {
    location: { type: 'string', defaultValue: 'westeurope' },
    prefix: { type: 'string', defaultValue: "[concat('aks-', parameters('location'))]" },
    count: { type: 'int' },
    maybe: { type: 'string', nullable: true },
  };
  it('takes defaults, a default from another parameter, and given values (by name in any case)', () => {
    assert.equal(value("[parameters('prefix')]", { parameters }), 'aks-westeurope');
    assert.equal(value("[parameters('prefix')]", { parameters }, { LOCATION: 'eastus2' }), 'aks-eastus2');
    assert.equal(value("[parameters('count')]", { parameters }, { count: 3 }), 3);
  });
  it('a nullable parameter without a value is null (languageVersion 2.0)', () => {
    assert.equal(value("[parameters('maybe')]", { parameters }), null);
  });
  it('evaluates variables, in any case, from other variables', () => {
    const variables = { a: "[concat(variables('B'), '-a')]", b: "[parameters('location')]" };
    assert.equal(value("[variables('a')]", { parameters, variables }), 'westeurope-a');
  });
  it('a variable referring to itself is unknown, not a hang', () => {
    assert.ok(
      isUnresolved(
        value("[variables('a')]", { variables: { a: "[variables('b')]", b: "[variables('a')]" } }),
      ),
    );
  });
  it('variable copy: top-level and inside a variable (Variable iteration)', () => {
    const variables = {
      copy: [{ name: 'names', count: 3, input: "[concat('n', copyIndex('names', 1))]" }],
      disks: { copy: [{ name: 'list', count: 2, input: { lun: "[copyIndex('list')]" } }] },
    };
    assert.deepEqual(value("[variables('names')]", { variables }), ['n1', 'n2', 'n3']);
    assert.deepEqual(value("[variables('disks')]", { variables }), { list: [{ lun: 0 }, { lun: 1 }] });
  });
  it('user-defined functions read only their own parameters', () => {
    const functions = [
      {
        namespace: 'naming',
        members: {
          prefixed: {
            parameters: [{ name: 'name', type: 'string' }],
            output: { type: 'string', value: "[concat('bp-', parameters('name'))]" },
          },
          twice: {
            parameters: [{ name: 'name', type: 'string' }],
            output: { type: 'string', value: "[naming.prefixed(naming.prefixed(parameters('name')))]" },
          },
        },
      },
    ];
    assert.equal(value("[naming.twice('x')]", { functions }), 'bp-bp-x');
    assert.ok(isUnresolved(value("[naming.missing('x')]", { functions })));
  });
  it('user-defined types and $ref parameters are accepted', () => {
    const template = {
      languageVersion: '2.0',
      definitions: { pool: { type: 'object', properties: { name: { type: 'string' } } } },
      parameters: {
        pool: { $ref: '#/definitions/pool', defaultValue: { name: 'system' } },
        other: { $ref: '#/definitions/pool' },
      },
    };
    assert.equal(value("[parameters('pool').name]", template), 'system');
    assert.ok(isUnresolved(value("[parameters('other').name]", template)));
  });
  it('output copy', () => {
    const evaluation = evaluate({
      outputs: { names: { type: 'array', copy: { count: 2, input: "[concat('n', copyIndex())]" } } },
    });
    assert.deepEqual(evaluation.outputs['names'], ['n0', 'n1']);
  });
});

const AKS = 'Microsoft.ContainerService/managedClusters';
const names = (evaluation: Evaluation) => evaluation.resources.map((r) => `${r.type} ${r.name}`);

describe('ARM template evaluator: resources', () => {
  it('resource copy, with copyIndex and an offset, and a condition per instance', () => {
    const evaluation = evaluate({
      resources: [
        {
          type: 'Microsoft.Network/publicIPAddresses',
          name: "[concat('pip-', copyIndex(1))]",
          condition: '[not(equals(copyIndex(), 1))]',
          copy: { name: 'pips', count: 3 },
        },
      ],
    });
    assert.deepEqual(names(evaluation), [
      'Microsoft.Network/publicIPAddresses pip-1',
      'Microsoft.Network/publicIPAddresses pip-3',
    ]);
  });
  it('property copy inside a resource', () => {
    const [vnet] = evaluate({
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'vnet',
          properties: {
            copy: [{ name: 'subnets', count: 2, input: { name: "[concat('snet-', copyIndex('subnets'))]" } }],
          },
        },
      ],
    }).resources;
    assert.deepEqual(vnet?.body['properties'], { subnets: [{ name: 'snet-0' }, { name: 'snet-1' }] });
  });
  it('nested child resources become parent/child in type and name', () => {
    const evaluation = evaluate({
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'vnet',
          resources: [{ type: 'subnets', name: 'snet', properties: {} }],
        },
      ],
    });
    assert.deepEqual(names(evaluation), [
      'Microsoft.Network/virtualNetworks vnet',
      'Microsoft.Network/virtualNetworks/subnets vnet/snet',
    ]);
    assert.equal(evaluation.resources[0]?.body['resources'], undefined);
  });
  it('an extension resource in the older form reads as one with a scope, as a top-level or a child resource', () => {
    const REGISTRY_ID =
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.ContainerRegistry/registries/cr';
    const evaluation = evaluate({
      variables: { suffix: '[uniqueString(resourceGroup().id)]' },
      resources: [
        {
          type: 'Microsoft.ContainerRegistry/registries',
          name: 'cr',
          resources: [
            { type: 'providers/diagnosticSettings', name: 'Microsoft.Insights/child', properties: {} },
          ],
        },
        {
          type: 'Microsoft.ContainerRegistry/registries/providers/roleAssignments',
          name: "[concat('cr', '/Microsoft.Authorization/', guid('x'))]",
          properties: {},
        },
        {
          type: 'Microsoft.ContainerService/managedClusters/providers/diagnosticSettings',
          name: "[concat('aks-', variables('suffix'), '/Microsoft.Insights/default')]",
          properties: {},
        },
        // Its name has one part too few for its type: left as written.
        { type: 'Microsoft.Web/sites/providers/locks', name: 'site/lock', properties: {} },
      ],
    });
    const read = evaluation.resources.map((r) => [r.type, r.name, r.body['scope']]);
    assert.deepEqual(read, [
      ['Microsoft.ContainerRegistry/registries', 'cr', undefined],
      ['Microsoft.Insights/diagnosticSettings', 'child', REGISTRY_ID],
      ['Microsoft.Authorization/roleAssignments', "[guid('x')]", REGISTRY_ID],
      [
        'Microsoft.Insights/diagnosticSettings',
        'default',
        "[resourceId('Microsoft.ContainerService/managedClusters', concat('aks-', variables('suffix')))]",
      ],
      ['Microsoft.Web/sites/providers/locks', 'site/lock', undefined],
    ]);
  });
  it('symbolic names; an existing resource is referenced, not deployed; a false condition skips', () => {
    const evaluation = evaluate({
      languageVersion: '2.0',
      resources: {
        vnet: { existing: true, type: 'Microsoft.Network/virtualNetworks', name: 'hub' },
        aks: { type: AKS, name: 'aks', properties: {} },
        off: { condition: '[equals(1, 2)]', type: AKS, name: 'off' },
      },
    });
    assert.deepEqual(names(evaluation), [`${AKS} aks`]);
  });
  it('a condition only deployment knows keeps the resource, with its condition unresolved', () => {
    const [resource] = evaluate({
      resources: [{ type: AKS, name: 'maybe', condition: "[reference('x').deploy]" }],
    }).resources;
    assert.ok(isUnresolved(resource?.body['condition']));
  });
  const nested = (scope: string | undefined) => ({
    parameters: { name: { type: 'string', defaultValue: 'outer' } },
    variables: { v: 'outer-variable' },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'nested',
        properties: {
          mode: 'Incremental',
          ...(scope ? { expressionEvaluationOptions: { scope } } : {}),
          parameters: { name: { value: "[concat(parameters('name'), '-given')]" } },
          template: {
            $schema: SCHEMA,
            parameters: { name: { type: 'string' } },
            variables: { v: 'inner-variable' },
            resources: [{ type: AKS, name: "[concat(parameters('name'), '/', variables('v'))]" }],
          },
        },
      },
    ],
  });
  it('a nested deployment in the outer scope (the default) reads the parent template', () => {
    assert.deepEqual(names(evaluate(nested(undefined))), [`${AKS} outer/outer-variable`]);
    assert.deepEqual(names(evaluate(nested('outer'))), [`${AKS} outer/outer-variable`]);
  });
  it('a nested deployment in the inner scope reads its own parameters and variables', () => {
    assert.deepEqual(names(evaluate(nested('inner'))), [`${AKS} outer-given/inner-variable`]);
  });
  it('a linked deployment by relativePath reads the linked file; one by URI is a note', () => {
    const linked = {
      $schema: SCHEMA,
      parameters: { n: { type: 'string' } },
      resources: [{ type: AKS, name: "[parameters('n')]" }],
    };
    const deployment = (link: Json) => ({
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          name: 'linked',
          properties: { templateLink: link, parameters: { n: { value: 'from-link' } } },
        },
      ],
    });
    assert.deepEqual(
      names(evaluate(deployment({ relativePath: 'cluster.json' }), {}, { 'cluster.json': linked })),
      [`${AKS} from-link`],
    );
    const byUri = evaluate(deployment({ uri: 'https://example.invalid/t.json' }));
    assert.deepEqual(byUri.resources, []);
    assert.match(byUri.notes[0]?.message ?? '', /by URI .* were not read/);
    assert.match(
      evaluate(deployment({ relativePath: 'gone.json' })).notes[0]?.message ?? '',
      /gone\.json, which is not among/,
    );
  });
});

describe('ARM template evaluator: bounds', () => {
  const refused = (template: Json, pattern: RegExp) =>
    assert.throws(
      () => evaluate(template),
      (error: unknown) => error instanceof TemplateError && pattern.test(error.message),
    );

  it('a copy count over 800, the documented limit, is refused', () =>
    refused(
      { resources: [{ type: AKS, name: "[concat('a', copyIndex())]", copy: { name: 'c', count: 801 } }] },
      /at most 800/,
    ));
  it('10,000 nested brackets are refused, not a stack overflow', () => {
    const deep = `[${'concat('.repeat(10_000)}'a'${')'.repeat(10_000)}]`;
    refused({ outputs: { o: { type: 'string', value: deep } } }, /nested more than 64/);
  });
  it('variables nesting one another thousands deep are refused', () => {
    const variables = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`v${i}`, i === 0 ? 'x' : `[variables('v${i - 1}')]`]),
    );
    refused(
      { variables, outputs: { o: { type: 'string', value: "[variables('v4999')]" } } },
      /more than 32 deep/,
    );
  });
  it('a string doubled until it is huge is refused', () => {
    const variables = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `v${i}`,
        i === 0 ? 'xxxxxxxxxx' : `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`,
      ]),
    );
    refused(
      { variables, outputs: { o: { type: 'string', value: "[variables('v29')]" } } },
      /string of more than/,
    );
  });
  it('an array doubled until it is huge is refused', () => {
    const variables = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [
        `v${i}`,
        i === 0 ? [1, 2, 3] : `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`,
      ]),
    );
    refused(
      { variables, outputs: { o: { type: 'array', value: "[variables('v29')]" } } },
      /array of more than/,
    );
  });
  it('lambdas over ranges that would run for hours are refused', () =>
    refused(
      {
        outputs: {
          o: {
            type: 'array',
            value: "[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', 1))))]",
          },
        },
      },
      /evaluation steps/,
    ));
  it('deployments nested beyond 16 levels are refused', () => {
    let template: Json = { $schema: SCHEMA, resources: [] };
    for (let i = 0; i < 20; i += 1)
      template = {
        $schema: SCHEMA,
        resources: [{ type: 'Microsoft.Resources/deployments', name: `d${i}`, properties: { template } }],
      };
    refused(template, /nests deployments more than 16/);
  });
});

describe('JSONC as ARM reads it', () => {
  it('accepts comments, trailing commas and strings broken over lines', () => {
    const text = '{\n  // c\n  "a": [1, 2, /* x */ ],\n  "b": "[concat(\'x\',\n \'y\')]",\n}';
    assert.deepEqual(parseJson(text), { a: [1, 2], b: "[concat('x',\n 'y')]" });
  });
  it('keeps // and , inside strings, and refuses a comma that trails nothing', () => {
    assert.deepEqual(parseJson('{"u": "http://x,]"}'), { u: 'http://x,]' });
    assert.throws(() => JSON.parse(jsonText('[ , ]')));
    assert.throws(() => JSON.parse(jsonText('[1,,]')));
  });
});

describe('reading values that only deployment knows', () => {
  it('at() answers the unknown a path runs into, never undefined beyond it', () => {
    const body = { properties: "[variables('p')]", sku: { name: '<sku>' } };
    assert.equal(at(body, 'properties.disableLocalAccounts'), "[variables('p')]");
    assert.equal(at(body, 'sku.name.length'), '<sku>');
    assert.equal(at({ properties: {} }, 'properties.aadProfile.managed'), undefined);
  });

  it('a listed resource whose properties are an expression keeps them, not flattened into a properties object', () => {
    const inventory = inventoryFrom([
      {
        name: 'resources.json',
        text: JSON.stringify([{ type: AKS, name: 'aks', properties: "[variables('p')]" }]),
      },
    ]);
    assert.equal(inventory.azure[0]?.body['properties'], "[variables('p')]");
  });
});
