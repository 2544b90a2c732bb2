/** Governance: Azure Policy on the workload (spec "Policy management"), Defender, the budget. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from './artifacts.js';
import { json, resolved, stage, stageFile } from './artifacts.js';
import { validateTemplate } from '../src/cli/schemas/arm.js';
import { parse } from 'yaml';
import { planOk } from './helpers.js';

const INITIATIVE = {
  restricted: '/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00',
  baseline: '/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d',
};
const ALLOWED_IMAGES =
  '/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469';
const INTERNAL_LB =
  '/providers/Microsoft.Authorization/policyDefinitions/3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e';
const HTTPS = '/providers/Microsoft.Authorization/policyDefinitions/1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d';
const definition = (id: string) => `/providers/Microsoft.Authorization/policyDefinitions/${id}`;
const REGISTRY = {
  adminUser: definition('dc921057-6b28-4fbe-9b83-f7bec05db6c2'),
  anonymousPull: definition('9f2dea28-e834-476c-99c5-3507b4728395'),
};
const CLUSTER = {
  localAccounts: definition('993c2fcd-2b29-49d2-9eb0-df2c3a730c32'),
  entra: definition('450d2877-ebea-41e8-b00c-e286317d21bf'),
  defender: definition('a1840de2-8088-4ea8-b153-b4c723e9cb01'),
  policyAddOn: definition('0a15ec92-a229-4763-bb14-0ea34a568f8d'),
  authorizedIpRanges: definition('0e246bcf-5f6f-4f87-bc6f-775d4712c7ea'),
  privateCluster: definition('040732e8-d947-40b8-95d6-854c95024bf8'),
  supportedVersion: definition('fb893a29-21bb-418c-a157-e99480ec364c'),
  rbac: definition('ac4a19c2-fa67-49b4-8ae5-0b2e78c49457'),
  managedIdentity: definition('da6e2401-19da-4532-9141-fb8fbde08431'),
};
const HARDENING = {
  readOnlyRoot: definition('df49d893-a74c-421d-bc95-c663042e5b80'),
  hostPaths: definition('098fc59e-46c7-4d99-9b16-64990e543d75'),
  externalIps: definition('d46c275d-1680-448d-b2ec-e495a3b6cc89'),
  endpointEdit: definition('1ddac26b-ed48-4c30-8cc5-3a68c79b8001'),
  defaultNamespace: definition('9f061a12-e40d-4183-a00e-171812443373'),
};
// The restricted initiative's default exclusions (azure-policy Kubernetes_PSPRestrictedStandard.json), and Flux's.
const SYSTEM_NAMESPACES = [
  'kube-system',
  'gatekeeper-system',
  'azure-arc',
  'azure-extensions-usage-system',
  'flux-system',
];
/** The exempt namespaces Azure Policy evaluates at all, which an Audit assignment still covers. */
const AUDITED_EXEMPT = ['azure-extensions-usage-system', 'flux-system'];

const props = (resource: Json | undefined): Json => (resource?.['properties'] ?? {}) as Json;

interface Assignment {
  definition: string;
  parameters: Record<string, unknown>;
}

function assignments(config: string): Assignment[] {
  return resolved(planOk(config).files, 'Microsoft.Authorization/policyAssignments').map((a) => ({
    definition: String(props(a)['policyDefinitionId']),
    parameters: Object.fromEntries(
      Object.entries(props(a)['parameters'] as Record<string, Json>).map(([k, v]) => [k, v['value']]),
    ),
  }));
}

const of = (all: readonly Assignment[], definition: string) => all.filter((a) => a.definition === definition);

describe('Azure Policy on the workload group (spec: "Policy management")', () => {
  const all = assignments('{}');

  it('assigns the restricted pod security initiative in Audit mode, exempting no namespace', () => {
    assert.deepEqual(
      of(all, INITIATIVE.restricted).map((a) => a.parameters),
      [{ effect: 'Audit', excludedNamespaces: [] }],
    );
    assert.deepEqual(
      of(assignments('policy: { initiative: baseline }'), INITIATIVE.baseline).map(
        (a) => a.parameters['effect'],
      ),
      ['Audit'],
    );
  });

  it('denies images from anywhere but the registry and mcr.microsoft.com', () => {
    const [deny] = of(all, ALLOWED_IMAGES);
    assert.equal(deny!.parameters['effect'], 'Deny');
    const pattern = new RegExp(String(deny!.parameters['allowedContainerImagesRegex']));
    assert.ok(pattern.test('crbu0001a000800prodmjaif.azurecr.io/workload/app:1.0.0'));
    assert.ok(pattern.test('mcr.microsoft.com/oss/kubernetes/pause:3.6'));
    for (const image of [
      'docker.io/library/nginx:1.27',
      'nginx:1.27',
      'evilcrbu0001a000800prodmjaif.azurecr.io/app:1',
      'crbu0001a000800prodmjaifXazurecr.io/app:1',
      'mcr.microsoft.com.evil.io/app:1',
    ])
      assert.ok(!pattern.test(image), image);
  });

  it('denies public load balancers and plain-HTTP ingress', () => {
    for (const definition of [INTERNAL_LB, HTTPS]) {
      const [deny] = of(all, definition);
      assert.deepEqual(deny!.parameters, { effect: 'Deny', excludedNamespaces: SYSTEM_NAMESPACES });
    }
  });

  it('still audits every namespace a Deny assignment exempts, where Azure Policy evaluates it at all', () => {
    for (const definition of [ALLOWED_IMAGES, INTERNAL_LB, HTTPS]) {
      const [deny, audit] = of(all, definition);
      assert.ok(deny && audit, definition);
      assert.deepEqual(deny.parameters['excludedNamespaces'], SYSTEM_NAMESPACES);
      assert.equal(audit.parameters['effect'], 'Audit');
      // kube-system, gatekeeper-system and azure-arc are never evaluated by the Kubernetes definitions.
      assert.deepEqual(audit.parameters['namespaces'], AUDITED_EXEMPT);
      assert.deepEqual(audit.parameters['excludedNamespaces'], []);
    }
    const denyInitiative = assignments(
      'policy: { initiativeEffect: Deny, excludedNamespaces: [kube-system, tools] }',
    );
    assert.deepEqual(
      of(denyInitiative, INITIATIVE.restricted).map((a) => a.parameters),
      [
        { effect: 'Deny', excludedNamespaces: ['kube-system', 'tools'] },
        { effect: 'Audit', namespaces: ['tools'], excludedNamespaces: [] },
      ],
    );
    // Nothing left to audit: no second assignment.
    const onlySystem = assignments('policy: { excludedNamespaces: [kube-system] }');
    assert.equal(of(onlySystem, HTTPS).length, 1);
  });

  it('audits only, with no exemptions, when the extra policies are set to Audit', () => {
    const audited = assignments('policy: { customPolicyEffect: Audit }');
    for (const definition of [ALLOWED_IMAGES, INTERNAL_LB, HTTPS])
      assert.deepEqual(
        of(audited, definition).map((a) => [a.parameters['effect'], a.parameters['excludedNamespaces']]),
        [['Audit', []]],
      );
  });

  it('audits the registry, Key Vault and Application Gateway', () => {
    for (const id of [
      '0fdf0491-d080-4575-b627-ad0e843cba0f', // registry public access
      '405c5871-3e91-4644-8a63-58e19d68ff5b', // Key Vault public access
      '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53', // Key Vault deletion protection
      '12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5', // Key Vault RBAC
      '564feb30-bf6a-4854-b4bb-0d2d2d1e6c66', // WAF on Application Gateway
    ])
      assert.deepEqual(
        of(all, `/providers/Microsoft.Authorization/policyDefinitions/${id}`).map((a) => a.parameters),
        [{ effect: 'Audit' }],
        id,
      );
  });

  it("denies the registry's admin user and anonymous pull, not only audits them", () => {
    for (const id of [REGISTRY.adminUser, REGISTRY.anonymousPull]) {
      assert.deepEqual(
        of(all, id).map((a) => a.parameters),
        [{ effect: 'Deny' }],
      );
      assert.deepEqual(
        of(assignments('policy: { customPolicyEffect: Audit }'), id).map((a) => a.parameters),
        [{ effect: 'Audit' }],
      );
    }
  });

  it('assigns the built-in policies on the cluster resource: local accounts denied, the others audited', () => {
    const effects = (list: readonly Assignment[]) =>
      Object.fromEntries(
        Object.entries(CLUSTER).map(([name, id]) => [name, of(list, id).map((a) => a.parameters['effect'])]),
      );
    assert.deepEqual(effects(all), {
      localAccounts: ['Deny'],
      entra: ['Audit'],
      defender: ['Audit'],
      policyAddOn: ['Audit'],
      authorizedIpRanges: ['Audit'],
      privateCluster: [],
      supportedVersion: ['Audit'],
      rbac: ['Audit'],
      managedIdentity: ['Audit'],
    });
    // A private API server is audited as one; a cluster that keeps local accounts is not refused by a Deny.
    const other = effects(
      assignments(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true }, disableLocalAccounts: false } }]',
      ),
    );
    assert.deepEqual(
      [other['privateCluster'], other['authorizedIpRanges'], other['localAccounts']],
      [['Audit'], [], ['Audit']],
    );
  });

  it('denies writable root file systems, host paths and Service external IPs; audits endpoint edit and the default namespace', () => {
    for (const id of [HARDENING.readOnlyRoot, HARDENING.hostPaths, HARDENING.externalIps]) {
      const [deny, audit] = of(all, id);
      assert.equal(deny!.parameters['effect'], 'Deny', id);
      assert.deepEqual(deny!.parameters['excludedNamespaces'], SYSTEM_NAMESPACES, id);
      // The exempt namespaces stay audited.
      assert.deepEqual(
        [audit!.parameters['effect'], audit!.parameters['namespaces']],
        ['Audit', AUDITED_EXEMPT],
      );
    }
    assert.deepEqual(of(all, HARDENING.hostPaths)[0]!.parameters['allowedHostPaths'], { paths: [] });
    assert.deepEqual(of(all, HARDENING.externalIps)[0]!.parameters['allowedExternalIPs'], []);
    assert.deepEqual(
      of(all, HARDENING.endpointEdit).map((a) => a.parameters),
      [{ effect: 'Audit', excludedNamespaces: [] }],
    );
    assert.deepEqual(
      of(all, HARDENING.defaultNamespace).map((a) => a.parameters),
      [{ effect: 'Audit', excludedNamespaces: [], namespaces: ['default'] }],
    );
  });

  it('keeps the same policies and effects in the dev preset (spec: validate policies in preproduction)', () => {
    const strip = (list: Assignment[]) =>
      list.map((a) => ({
        ...a,
        parameters: { ...a.parameters, allowedContainerImagesRegex: undefined },
      }));
    assert.deepEqual(strip(assignments('preset: dev')), strip(all));
  });

  it('is its own stage, before anything is deployed in the group, and validates against the schemas', () => {
    const { files } = planOk('{}');
    const policy = stage(files, 'policy-00');
    assert.deepEqual(policy.dependsOn, ['resource-groups']);
    assert.ok(stage(files, 'services-00').dependsOn.includes('policy-00'));
    assert.deepEqual(
      policy.roles.map((r) => r.role),
      ['Resource Policy Contributor'],
    );
    assert.deepEqual(validateTemplate(stageFile(files, 'policy-00')), []);
    const names = resolved(files, 'Microsoft.Authorization/policyAssignments').map((a) => a['name']);
    assert.equal(new Set(names).size, names.length, 'assignment names are distinct');
  });
});

describe('the subscription stages', () => {
  it('hold the Defender plan by default (spec "Security monitoring"), and nothing in the dev preset', () => {
    const stagesOf = (config: string) =>
      (json(planOk(config).files, 'azure/deployment-order.json')['stages'] as Json[])
        .filter((s) => s['scope'] === 'subscription')
        .map((s) => s['name']);
    assert.deepEqual(stagesOf('{}'), ['resource-groups', 'defender']);
    assert.deepEqual(stagesOf('preset: dev'), ['resource-groups']);
  });

  it('are absent when nothing at subscription scope is turned on', () => {
    const order = json(planOk('defender: { enabled: false }').files, 'azure/deployment-order.json')[
      'stages'
    ] as Json[];
    assert.deepEqual(
      order.filter((s) => s['scope'] === 'subscription').map((s) => s['name']),
      ['resource-groups'],
    );
  });

  it('turns on the Defender for Containers plan, with the sensor on the cluster, when enabled', () => {
    const { files } = planOk('defender: { enabled: true }');
    const [plan] = resolved(files, 'Microsoft.Security/pricings');
    assert.equal(plan!['name'], 'Containers');
    assert.deepEqual(props(plan), { pricingTier: 'Standard' });
    assert.equal(
      plan!['id'],
      '/subscriptions/<subscription-id>/providers/Microsoft.Security/pricings/Containers',
    );
    const [aks] = resolved(files, 'Microsoft.ContainerService/managedClusters');
    const defender = (props(aks)['securityProfile'] as Json)['defender'] as Json;
    assert.deepEqual(defender['securityMonitoring'], { enabled: true });
    assert.deepEqual(
      stage(files, 'defender').roles.map((r) => r.role),
      ['Security Admin'],
    );
    assert.deepEqual(validateTemplate(stageFile(files, 'defender'), 'subscription'), []);
  });

  it("sets a monthly budget over the workload's groups that notifies the contacts and the action group", () => {
    const { files } = planOk(
      'cost: { monthlyBudget: 4000, alertThresholds: [75, 100], contactEmails: [finops@contoso.com] }',
    );
    const [budget] = resolved(files, 'Microsoft.Consumption/budgets');
    assert.equal(props(budget)['amount'], 4000);
    assert.equal(props(budget)['timeGrain'], 'Monthly');
    assert.deepEqual((props(budget)['filter'] as Json)['dimensions'], {
      name: 'ResourceGroupName',
      operator: 'In',
      values: [
        'rg-bu0001a0008-hub-prod-eus2',
        'rg-bu0001a0008-00-prod-eus2',
        'rg-bu0001a0008-00-prod-eus2-nodepools',
      ],
    });
    const notifications = props(budget)['notifications'] as Record<string, Json>;
    assert.deepEqual(
      Object.values(notifications)
        .map((n) => `${String(n['thresholdType'])} ${String(n['threshold'])}`)
        .sort(),
      ['Actual 100', 'Actual 75', 'Forecasted 100'],
    );
    for (const notification of Object.values(notifications)) {
      assert.deepEqual(notification['contactEmails'], ['finops@contoso.com']);
      assert.deepEqual(notification['contactGroups'], [
        '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers/Microsoft.Insights/actionGroups/ag-bu0001a0008-00-prod-eus2',
      ]);
    }
    const budgetStage = stage(files, 'budget');
    assert.ok(budgetStage.dependsOn.includes('monitoring-00'), 'the action group exists first');
    // A subscription deployment needs deployments/write, which Cost Management Contributor lacks.
    assert.deepEqual(
      budgetStage.roles.map((r) => r.role),
      ['Cost Management Contributor', 'Monitoring Contributor'],
    );
    assert.deepEqual(validateTemplate(stageFile(files, 'budget'), 'subscription'), []);
  });

  it('starts a new budget in the month of deployment by default, takes the existing start at deployment, or cost.startMonth', () => {
    const { files } = planOk('cost: { monthlyBudget: 4000 }');
    const template = stageFile(files, 'budget');
    const parameter = (template['parameters'] as Record<string, Json>)['budgetStartDate'];
    // The files deploy as they are (a new budget starts this month); a later month's redeployment
    // needs the existing start, which Azure never changes: the description says so.
    assert.equal(parameter!['defaultValue'], "[utcNow('yyyy-MM-01')]");
    assert.match(
      String((parameter!['metadata'] as Json)['description']),
      /redeployment in a later month must give that start date/,
    );
    const budget = (template['resources'] as Json[]).find(
      (r) => r['type'] === 'Microsoft.Consumption/budgets',
    );
    assert.equal((props(budget)['timePeriod'] as Json)['startDate'], "[parameters('budgetStartDate')]");
    // deploy and deploy.sh give it: the parameters file does not.
    assert.deepEqual(stageFile(files, 'budget', true)['parameters'], {});
    assert.equal(stage(files, 'budget').prerequisites, undefined);
    const pinned = planOk('cost: { monthlyBudget: 4000, startMonth: 2026-11 }');
    assert.deepEqual(stageFile(pinned.files, 'budget', true)['parameters'], {
      budgetStartDate: { value: '2026-11-01' },
    });
    const pinnedParameter = (stageFile(pinned.files, 'budget')['parameters'] as Record<string, Json>)[
      'budgetStartDate'
    ];
    assert.equal(pinnedParameter!['defaultValue'], undefined);
  });

  it('keeps Defender apart from the budget, so that one failing never holds back the other', () => {
    const { files } = planOk('defender: { enabled: true }\ncost: { monthlyBudget: 4000 }');
    assert.ok(!stage(files, 'budget').dependsOn.includes('defender'));
    assert.deepEqual(
      resolved(files, 'Microsoft.Security/pricings').map((r) => r['stage']),
      ['defender'],
    );
  });

  it('are one per workload subscription', () => {
    const { files } = planOk(`
cost: { monthlyBudget: 4000 }
subscriptionId: 11111111-1111-1111-1111-111111111111
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] }, subscriptionId: 33333333-3333-3333-3333-333333333333 }
`);
    const budgets = resolved(files, 'Microsoft.Consumption/budgets');
    assert.deepEqual(
      budgets.map((b) => String(b['id']).split('/')[2]),
      ['11111111-1111-1111-1111-111111111111', '33333333-3333-3333-3333-333333333333'],
    );
    const groups = budgets.map((b) => ((props(b)['filter'] as Json)['dimensions'] as Json)['values']);
    assert.ok(
      (groups[1] as string[]).every((g) => g.includes('-01-')),
      JSON.stringify(groups[1]),
    );
  });
});

describe("the workload's own initiative (policy.customInitiative)", () => {
  const SET = 'Microsoft.Authorization/policySetDefinitions';
  const DEFINITION = 'Microsoft.Authorization/policyDefinitions';
  const config = 'policy: { customInitiative: true }';
  const { files } = planOk(config);
  const [set] = resolved(files, SET);
  const [custom] = resolved(files, DEFINITION);
  const own = assignments(config);
  const toSet = own.filter(
    (a) => a.definition.includes('/policySetDefinitions/') && !a.definition.startsWith('/providers/'),
  );

  it('creates the definitions in a subscription stage before every policy stage, valid against the schemas', () => {
    const definitions = stage(files, 'policy-definitions');
    assert.equal(definitions.scope, 'subscription');
    assert.ok(definitions.order < stage(files, 'policy-00').order);
    assert.ok(stage(files, 'policy-00').dependsOn.includes('policy-definitions'));
    assert.deepEqual(validateTemplate(stageFile(files, 'policy-definitions'), 'subscription'), []);
    assert.deepEqual(validateTemplate(stageFile(files, 'policy-00')), []);
  });

  it("writes the policy engine's expressions escaped, so that Resource Manager leaves them alone", () => {
    // learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters:
    // "[[" in a template is a literal "[".
    const text = JSON.stringify(stageFile(files, 'policy-definitions'));
    assert.match(text, /"\[\[parameters\('effect'\)\]"/);
    assert.doesNotMatch(text, /"\[parameters\(/);
    assert.equal(props(set)['policyType'], 'Custom');
  });

  it("carries an OPA Gatekeeper template that keeps Ingress hosts in the spoke's internal domain", () => {
    const details = ((props(custom)['policyRule'] as Json)['then'] as Json)['details'] as Json;
    assert.equal(props(custom)['mode'], 'Microsoft.Kubernetes.Data');
    assert.deepEqual(details['kinds'], ['Ingress']);
    const info = details['templateInfo'] as Json;
    assert.equal(info['sourceType'], 'Base64Encoded');
    const template = parse(Buffer.from(String(info['content']), 'base64').toString('utf8')) as Json;
    assert.equal(template['apiVersion'], 'templates.gatekeeper.sh/v1');
    assert.equal(template['kind'], 'ConstraintTemplate');
    // The constraint's kind is the template's name, lower-cased (Gatekeeper requires it).
    const kind = (((template['spec'] as Json)['crd'] as Json)['spec'] as Json)['names'] as Json;
    assert.equal(String(kind['kind']).toLowerCase(), (template['metadata'] as Json)['name']);
    const deny = toSet.find((a) => a.parameters['effect'] === 'Deny');
    assert.deepEqual(deny?.parameters['allowedDomains'], ['aks-ingress.contoso.com']);
  });

  it('combines the extra Kubernetes policies and the custom one in one set, each parameter defined', () => {
    const members = props(set)['policyDefinitions'] as Json[];
    const ids = members.map((m) => String(m['policyDefinitionId']));
    for (const id of [
      ALLOWED_IMAGES,
      INTERNAL_LB,
      HTTPS,
      HARDENING.readOnlyRoot,
      HARDENING.hostPaths,
      HARDENING.externalIps,
    ])
      assert.ok(ids.includes(id), id);
    assert.ok(ids.some((id) => id.endsWith(`/${String(custom?.['name'])}`)));
    const declared = Object.keys(props(set)['parameters'] as Json);
    for (const member of members)
      for (const value of Object.values(member['parameters'] as Record<string, Json>)) {
        const used = /^\[\[?parameters\('([^']+)'\)\]$/.exec(String(value['value']))?.[1];
        if (used)
          assert.ok(declared.includes(used), `${String(member['policyDefinitionReferenceId'])} uses ${used}`);
      }
    // Azure refuses an assignment that leaves a parameter without a default unset.
    const required = Object.entries(props(set)['parameters'] as Record<string, Json>)
      .filter(([, p]) => !('defaultValue' in p))
      .map(([name]) => name);
    assert.ok(toSet.length === 2);
    for (const a of toSet) for (const name of required) assert.ok(name in a.parameters, name);
  });

  it('assigns the set instead of the separate policies, its exempt namespaces audited', () => {
    for (const id of [ALLOWED_IMAGES, INTERNAL_LB, HTTPS, HARDENING.readOnlyRoot])
      assert.deepEqual(of(own, id), []);
    assert.deepEqual(
      toSet.map((a) => [a.parameters['effect'], a.parameters['namespaces']]),
      [
        ['Deny', undefined],
        ['Audit', AUDITED_EXEMPT],
      ],
    );
    // The pod security initiative and the cluster guardrails stay as they are.
    assert.equal(of(own, INITIATIVE.restricted).length, 1);
    assert.equal(of(own, CLUSTER.localAccounts).length, 1);
  });

  it('plans with no finding it does not have without it', () => {
    const findings = (outcome: ReturnType<typeof planOk>) =>
      outcome.diagnostics.map((d) => `${d.severity} ${d.code}`);
    assert.deepEqual(findings(planOk(config)), findings(planOk('{}')));
  });

  it('is off by default: no definitions, no set', () => {
    const plain = planOk('{}').files;
    assert.deepEqual(resolved(plain, SET), []);
    assert.deepEqual(resolved(plain, DEFINITION), []);
    assert.throws(() => stage(plain, 'policy-definitions'));
  });

  it('is one per workload subscription', () => {
    const two = planOk(`
policy: { customInitiative: true }
subscriptionId: 11111111-1111-1111-1111-111111111111
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] }, subscriptionId: 33333333-3333-3333-3333-333333333333 }
`).files;
    assert.deepEqual(
      resolved(two, SET).map((s) => String(s['id']).split('/')[2]),
      ['11111111-1111-1111-1111-111111111111', '33333333-3333-3333-3333-333333333333'],
    );
    assert.ok(stage(two, 'policy-01').dependsOn.includes('policy-definitions-2'));
  });
});
