import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, resource, template } from '../cases.js';
import type { Baseline } from '../cases.js';
import { assignInitiative, initiative } from './builders.js';
import rule from './exempt-namespaces-audited.js';

const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments';
const HTTPS = '1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d';
const assign = (name: string, parameters: Record<string, unknown>) =>
  resource(ASSIGNMENT, name, {
    policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${HTTPS}`,
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, value]) => [k, { value }])),
  });
const deny = (excludedNamespaces: unknown) => assign('deny', { effect: 'Deny', excludedNamespaces });
/** The baseline's assignments of the HTTPS ingress policy: the Deny one, then the Audit one. */
const https = (p: Baseline): Json[] =>
  p.inventory.azure
    .filter(
      (r) =>
        r.type === ASSIGNMENT && String((r.body['properties'] as Json)['policyDefinitionId']).endsWith(HTTPS),
    )
    .map((r) => (r.body['properties'] as Json)['parameters'] as Json);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's assignments", input: baseline() },
    {
      title: 'exempt namespaces audited by an assignment of every namespace',
      input: template(
        deny(['kube-system', 'tools']),
        assign('audit', { effect: 'Audit', excludedNamespaces: [] }),
      ),
    },
    {
      title: "the workload's initiative, its exempt namespace audited by a second assignment",
      input: template(
        initiative('workload', [HTTPS]),
        assignInitiative('deny', 'workload', { effect: 'Deny', excludedNamespaces: ['tools'] }),
        assignInitiative('audit', 'workload', { effect: 'Audit', namespaces: ['tools'] }),
      ),
    },
    {
      title: 'only namespaces Azure Policy never evaluates exempt',
      input: template(deny(['kube-system', 'azure-arc'])),
    },
  ],
  fail: [
    {
      title: 'the Audit assignment of the exempt namespaces removed',
      input: baseline((p) =>
        p.remove(
          (r) =>
            r.type === ASSIGNMENT &&
            String(r.name).length > 0 &&
            JSON.stringify(r.body).includes('exempt namespaces, audit') &&
            JSON.stringify(r.body).includes(HTTPS),
        ),
      ),
      message: 'unaudited',
    },
    {
      title: "the workload's initiative exempts a namespace nothing audits",
      input: template(
        initiative('workload', [HTTPS]),
        assignInitiative('deny', 'workload', { effect: 'Deny', excludedNamespaces: ['tools'] }),
      ),
      message: 'unaudited',
    },
    {
      title: 'an Audit assignment that exempts the same namespace',
      input: template(deny(['tools']), assign('audit', { effect: 'Audit', excludedNamespaces: ['tools'] })),
      message: 'unaudited',
    },
    {
      title: 'an Audit assignment of other namespaces',
      input: template(deny(['tools']), assign('audit', { effect: 'Audit', namespaces: ['apps'] })),
      message: 'unaudited',
    },
  ],
  notApplicable: [
    {
      title: 'Audit assignments only',
      input: template(assign('audit', { effect: 'Audit', excludedNamespaces: ['tools'] })),
    },
    {
      title: 'a Deny assignment of a definition without namespaces',
      input: template(assign('deny', { effect: 'Deny' })),
    },
  ],
  unknown: [
    {
      title: 'one exempt namespace from a parameter',
      input: template(deny(['tools', HIDDEN]), assign('audit', { effect: 'Audit', namespaces: ['tools'] })),
    },
    { title: 'the exempt namespaces from a parameter', input: template(deny(HIDDEN)) },
    {
      title: 'the audited namespaces from a parameter',
      input: baseline((p) => {
        const [, audit] = https(p);
        if (!audit) throw new Error('no audit assignment');
        audit['namespaces'] = { value: HIDDEN };
      }),
    },
  ],
});
