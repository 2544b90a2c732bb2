import type { Json } from '../../inventory.js';
import {
  HIDDEN,
  baseline,
  casesOf,
  clusterOnSpoke,
  cluster,
  resource,
  spokeNetwork,
  template,
} from '../cases.js';
import type { Baseline } from '../cases.js';
import rule from './pod-security.js';

const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments';
const assigned = (policyDefinitionId: string) => resource(ASSIGNMENT, 'a', { policyDefinitionId });
/** The baseline's assignment of the initiative. */
const initiative = (p: Baseline): Json => {
  const found = p.inventory.azure.find(
    (r) =>
      r.type === ASSIGNMENT &&
      String((r.body['properties'] as Json)['policyDefinitionId']).includes('policySetDefinitions'),
  );
  if (!found) throw new Error('no initiative assigned');
  return found.body['properties'] as Json;
};

export default casesOf(rule, {
  pass: [
    { title: "the baseline's assignment", input: baseline() },
    {
      title: 'the restricted initiative assigned',
      input: template(
        cluster({}),
        assigned(
          '/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00',
        ),
      ),
    },
  ],
  fail: [
    {
      title: 'no pod security initiative',
      input: baseline((p) =>
        p.remove(
          (r) =>
            r.type === ASSIGNMENT &&
            String((r.body['properties'] as Json)['policyDefinitionId']).includes('policySetDefinitions'),
        ),
      ),
      message: 'noInitiative',
    },
    {
      title: 'a known other initiative',
      input: baseline(
        (p) =>
          (initiative(p)['policyDefinitionId'] =
            '/providers/Microsoft.Authorization/policySetDefinitions/00000000-0000-0000-0000-000000000000'),
      ),
      message: 'noInitiative',
    },
    {
      title: 'no assignment at all, in a whole deployment',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' }), spokeNetwork()),
      message: 'noInitiative',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(assigned('/providers/x/policySetDefinitions/y')) }],
  unknown: [
    {
      title: 'an assignment of a definition from a parameter may be the initiative',
      input: baseline((p) => (initiative(p)['policyDefinitionId'] = HIDDEN)),
    },
    {
      title: 'no assignment, the cluster alone: it may be assigned elsewhere',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' })),
      message: 'notWhole',
    },
  ],
});
