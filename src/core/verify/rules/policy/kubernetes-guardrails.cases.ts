import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, clusterOnSpoke, spokeNetwork, template } from '../cases.js';
import { assignBuiltIn, assignInitiative, assignmentsOf, initiative, ofDefinition } from './builders.js';
import rule from './kubernetes-guardrails.js';

const READ_ONLY_ROOT = 'df49d893-a74c-421d-bc95-c663042e5b80';
const HOST_PATHS = '098fc59e-46c7-4d99-9b16-64990e543d75';
const EXTERNAL_IPS = 'd46c275d-1680-448d-b2ec-e495a3b6cc89';
const ENDPOINT_EDIT = '1ddac26b-ed48-4c30-8cc5-3a68c79b8001';
const DEFAULT_NAMESPACE = '9f061a12-e40d-4183-a00e-171812443373';
const all = (denied = 'Deny') => [
  ...[READ_ONLY_ROOT, HOST_PATHS, EXTERNAL_IPS].map((id) => assignBuiltIn(id, denied)),
  assignBuiltIn(ENDPOINT_EDIT, 'Audit'),
  assignBuiltIn(DEFAULT_NAMESPACE, 'Audit'),
];

export default casesOf(rule, {
  pass: [
    { title: "the baseline's assignments", input: baseline() },
    { title: 'the three denied, the two audited', input: template(cluster({}), ...all()) },
    {
      title: "the three denied through the workload's own initiative",
      input: template(
        cluster({}),
        initiative('workload', [READ_ONLY_ROOT, HOST_PATHS, EXTERNAL_IPS]),
        assignInitiative('workload-deny', 'workload', { effect: 'Deny' }),
        assignBuiltIn(ENDPOINT_EDIT, 'Audit'),
        assignBuiltIn(DEFAULT_NAMESPACE, 'Audit'),
      ),
    },
  ],
  fail: [
    {
      title: 'no policy against Service external IPs',
      input: baseline((p) => p.remove(ofDefinition(EXTERNAL_IPS))),
      message: 'missing',
    },
    {
      title: 'the default namespace not audited',
      input: baseline((p) => p.remove(ofDefinition(DEFAULT_NAMESPACE))),
      message: 'missing',
    },
    {
      title: 'host paths only audited',
      input: baseline((p) => {
        for (const a of assignmentsOf(p, HOST_PATHS))
          (a['parameters'] as Json)['effect'] = { value: 'Audit' };
      }),
      message: 'notDenied',
    },
    { title: 'the three only audited', input: template(cluster({}), ...all('Audit')), message: 'notDenied' },
    {
      title: "the workload's initiative assigned with Audit",
      input: template(
        cluster({}),
        initiative('workload', [READ_ONLY_ROOT, HOST_PATHS, EXTERNAL_IPS]),
        assignInitiative('workload-audit', 'workload', { effect: 'Audit' }),
        assignBuiltIn(ENDPOINT_EDIT, 'Audit'),
        assignBuiltIn(DEFAULT_NAMESPACE, 'Audit'),
      ),
      message: 'notDenied',
    },
    {
      title: "the initiative's default effect Audit, the assignment silent",
      input: template(
        cluster({}),
        initiative('workload', [READ_ONLY_ROOT, HOST_PATHS, EXTERNAL_IPS], 'Audit'),
        assignInitiative('workload-default', 'workload'),
        assignBuiltIn(ENDPOINT_EDIT, 'Audit'),
        assignBuiltIn(DEFAULT_NAMESPACE, 'Audit'),
      ),
      message: 'notDenied',
    },
    {
      title: 'an initiative without the external IPs policy',
      input: template(
        cluster({}),
        initiative('workload', [READ_ONLY_ROOT, HOST_PATHS]),
        assignInitiative('workload-deny', 'workload', { effect: 'Deny' }),
        assignBuiltIn(ENDPOINT_EDIT, 'Audit'),
        assignBuiltIn(DEFAULT_NAMESPACE, 'Audit'),
      ),
      message: 'missing',
    },
    {
      title: 'no assignment at all, in a whole deployment',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' }), spokeNetwork()),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(...all()) }],
  unknown: [
    {
      title: 'the read-only root policy with its effect from a parameter',
      input: baseline((p) => {
        for (const a of assignmentsOf(p, READ_ONLY_ROOT))
          (a['parameters'] as Json)['effect'] = { value: HIDDEN };
      }),
    },
    {
      title: 'no assignment, the cluster alone: it may be assigned elsewhere',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' })),
      message: 'notWhole',
    },
  ],
});
