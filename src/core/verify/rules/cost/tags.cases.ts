import { HIDDEN, baseline, casesOf, resource, template } from '../cases.js';
import { VAULT } from '../azure-builders.js';
import rule from './tags.js';

const located = (extra: Record<string, unknown>) =>
  template(resource(VAULT, 'kv', {}, { location: 'eastus2', ...extra }));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's resources", input: baseline() },
    {
      title: 'workload and environment tags',
      input: located({ tags: { workload: 'w', environment: 'prod' } }),
    },
  ],
  fail: [
    {
      title: 'an untagged vault',
      input: baseline((p) => delete p.resource(VAULT)['tags']),
      message: 'untagged',
    },
    {
      title: 'an environment tag only',
      input: located({ tags: { environment: 'prod' } }),
      message: 'untagged',
    },
  ],
  notApplicable: [
    { title: 'a resource without a location', input: template(resource(VAULT, 'kv', {})) },
    { title: 'a global resource', input: located({ location: 'global' }) },
  ],
  unknown: [{ title: 'tags from a parameter', input: located({ tags: HIDDEN }), message: 'tagsHidden' }],
});
