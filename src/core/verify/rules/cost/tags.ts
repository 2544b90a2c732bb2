/** Every resource with a location carries the cost tags workload and environment. */
import { isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, outcome, recordIn } from '../select.js';

export default defineRule({
  ref: 'BP1062',
  id: 'cost/tags',
  title: 'Resources carry the cost tags (workload, environment)',
  severity: 'warning',
  pillar: 'Cost Optimization',
  area: 'cost',
  spec: { section: 'Provision', quote: 'Use tags when you create node pools.' },
  why: 'Untagged resources cannot be charged back to the workload that uses them.',
  fix: 'Tag every resource with workload and environment (Baseplate does it from naming).',
  messages: {
    untagged: 'no workload or environment tag',
    tagsHidden: 'tags from a parameter',
  },
  check: (inventory, say) =>
    inventory.azure
      .filter(
        (r) =>
          r.body['location'] !== undefined &&
          r.body['location'] !== 'global' &&
          r.body['location'] !== 'Global',
      )
      .map((resource) => {
        const tags = recordIn(resource.body['tags']);
        if (isUnresolved(resource.body['tags']))
          return outcome('unknown', label(resource), say('tagsHidden'));
        return tags['workload'] !== undefined && tags['environment'] !== undefined
          ? outcome('pass', label(resource), undefined, resource.source)
          : { ...outcome('fail', label(resource), say('untagged'), resource.source), path: 'tags' };
      }),
});
