/** Governance: Azure Policy on the workload (spec "Policy management"), Defender, the budget. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from './artifacts.js';
import { json, resolved, stage, stageFile } from './artifacts.js';
import { validateTemplate } from '../src/cli/schemas/arm.js';
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
const SYSTEM_NAMESPACES = ['kube-system', 'gatekeeper-system', 'azure-arc', 'flux-system'];

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
      assert.deepEqual(audit.parameters['namespaces'], ['flux-system']);
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
    const services = all.filter(
      (a) => a.definition.includes('/policyDefinitions/') && !a.parameters['excludedNamespaces'],
    );
    assert.deepEqual(
      services.map((a) => a.parameters),
      services.map(() => ({ effect: 'Audit' })),
    );
    for (const id of [
      '0fdf0491-d080-4575-b627-ad0e843cba0f', // registry public access
      '405c5871-3e91-4644-8a63-58e19d68ff5b', // Key Vault public access
      '564feb30-bf6a-4854-b4bb-0d2d2d1e6c66', // WAF on Application Gateway
    ])
      assert.ok(
        services.some((a) => a.definition.endsWith(id)),
        id,
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

  it('takes the budget start at deployment (no default that is right the first month only), or from cost.startMonth', () => {
    const { files } = planOk('cost: { monthlyBudget: 4000 }');
    const template = stageFile(files, 'budget');
    const parameter = (template['parameters'] as Record<string, Json>)['budgetStartDate'];
    // Azure never changes a budget's start: utcNow() would be refused in every later month.
    assert.equal(parameter!['defaultValue'], undefined);
    assert.doesNotMatch(JSON.stringify(template), /utcNow/);
    assert.match(String((parameter!['metadata'] as Json)['description']), /existing budget's start date/);
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
