import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, clusterOnSpoke, resource, spokeNetwork, template } from '../cases.js';
import type { Baseline } from '../cases.js';
import { assignBuiltIn, assignmentOf, ofDefinition } from './builders.js';
import rule from './registry-deny.js';

const ADMIN = 'dc921057-6b28-4fbe-9b83-f7bec05db6c2';
const ANONYMOUS = '9f2dea28-e834-476c-99c5-3507b4728395';
const registry = resource('Microsoft.ContainerRegistry/registries', 'cr', { adminUserEnabled: false });
const parameters = (p: Baseline, id: string): Json => assignmentOf(p, id)['parameters'] as Json;

export default casesOf(rule, {
  pass: [
    { title: "the baseline's assignments", input: baseline() },
    {
      title: 'both denied',
      input: template(registry, assignBuiltIn(ADMIN, 'Deny'), assignBuiltIn(ANONYMOUS, 'deny')),
    },
  ],
  fail: [
    {
      title: 'anonymous pull not covered',
      input: baseline((p) => p.remove(ofDefinition(ANONYMOUS))),
      message: 'missing',
    },
    {
      title: 'the admin user only audited',
      input: baseline((p) => (parameters(p, ADMIN)['effect'] = { value: 'Audit' })),
      message: 'notDenied',
    },
    {
      title: 'both only audited',
      input: template(registry, assignBuiltIn(ADMIN, 'Audit'), assignBuiltIn(ANONYMOUS, 'Audit')),
      message: 'notDenied',
    },
    {
      title: 'no assignment at all, in a whole deployment',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' }), spokeNetwork(), registry),
      message: 'missing',
    },
  ],
  notApplicable: [
    { title: 'no registry', input: template(assignBuiltIn(ADMIN, 'Deny'), assignBuiltIn(ANONYMOUS, 'Deny')) },
  ],
  unknown: [
    {
      title: 'the admin policy with its effect from a parameter',
      input: baseline((p) => (parameters(p, ADMIN)['effect'] = { value: HIDDEN })),
    },
    {
      title: 'no assignment, the registry alone: it may be assigned elsewhere',
      input: template(registry),
      message: 'notWhole',
    },
  ],
});
