import { HIDDEN, baseline, casesOf, cluster, clusterOnSpoke, spokeNetwork, template } from '../cases.js';
import { assignBuiltIn, assignmentOf, ofDefinition } from './builders.js';
import rule from './cluster-guardrails.js';

const LOCAL = '993c2fcd-2b29-49d2-9eb0-df2c3a730c32';
const AUTHORIZED = '0e246bcf-5f6f-4f87-bc6f-775d4712c7ea';
const PRIVATE = '040732e8-d947-40b8-95d6-854c95024bf8';
const AUDITED = [
  '450d2877-ebea-41e8-b00c-e286317d21bf',
  'a1840de2-8088-4ea8-b153-b4c723e9cb01',
  '0a15ec92-a229-4763-bb14-0ea34a568f8d',
  'fb893a29-21bb-418c-a157-e99480ec364c',
  'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457',
  'da6e2401-19da-4532-9141-fb8fbde08431',
];
/** Every cluster policy assigned, `range` for the API server's. */
const all = (localEffect: string, range = AUTHORIZED) => [
  assignBuiltIn(LOCAL, localEffect),
  assignBuiltIn(range, 'Audit'),
  ...AUDITED.map((id) => assignBuiltIn(id, 'Audit')),
];

export default casesOf(rule, {
  pass: [
    { title: "the baseline's assignments", input: baseline() },
    {
      title: 'a private cluster with the private cluster policy instead of authorized ranges',
      input: template(cluster({ disableLocalAccounts: true }), ...all('Deny', PRIVATE)),
    },
    {
      title: 'a cluster keeping local accounts, with their policy in Audit mode',
      input: template(cluster({ disableLocalAccounts: false }), ...all('Audit')),
    },
  ],
  fail: [
    {
      title: 'no Defender profile policy',
      input: baseline((p) => p.remove(ofDefinition('a1840de2-8088-4ea8-b153-b4c723e9cb01'))),
      message: 'missing',
    },
    {
      title: 'neither authorized ranges nor private cluster audited',
      input: template(
        cluster({ disableLocalAccounts: true }),
        ...all('Deny').slice(0, 1),
        ...all('Deny').slice(2),
      ),
      message: 'missing',
    },
    {
      title: 'the Entra ID policy assigned but Disabled',
      input: baseline(
        (p) =>
          (assignmentOf(p, '450d2877-ebea-41e8-b00c-e286317d21bf')['parameters'] = {
            effect: { value: 'Disabled' },
          }),
      ),
      message: 'missing',
    },
    {
      title: 'local accounts only audited on a cluster that disables them',
      input: baseline((p) => (assignmentOf(p, LOCAL)['parameters'] = { effect: { value: 'Audit' } })),
      message: 'notDenied',
    },
    {
      title: 'local accounts with the default effect (Audit)',
      input: baseline((p) => delete assignmentOf(p, LOCAL)['parameters']),
      message: 'notDenied',
    },
    {
      title: 'no assignment at all, in a whole deployment',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' }), spokeNetwork()),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(...all('Deny')) }],
  unknown: [
    {
      title: 'the effect of the local accounts policy from a parameter',
      input: baseline((p) => (assignmentOf(p, LOCAL)['parameters'] = { effect: { value: HIDDEN } })),
    },
    {
      title: 'a policy missing, and an assignment of a definition from a parameter',
      input: baseline((p) => {
        p.remove(ofDefinition('a1840de2-8088-4ea8-b153-b4c723e9cb01'));
        assignmentOf(p, 'ac4a19c2-fa67-49b4-8ae5-0b2e78c49457')['policyDefinitionId'] = HIDDEN;
      }),
    },
    {
      title: 'no assignment, the cluster alone: it may be assigned elsewhere',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' })),
      message: 'notWhole',
    },
  ],
});
