import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './image-cleaner.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster", input: baseline() },
    {
      title: 'image cleaner enabled',
      input: template(cluster({ securityProfile: { imageCleaner: { enabled: true, intervalHours: 24 } } })),
    },
  ],
  fail: [
    {
      title: 'no image cleaner',
      input: baseline((p) => delete (p.cluster()['securityProfile'] as Json)['imageCleaner']),
      message: 'off',
    },
    {
      title: 'image cleaner disabled',
      input: template(cluster({ securityProfile: { imageCleaner: { enabled: false } } })),
      message: 'off',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) }],
  unknown: [
    {
      title: 'enabled from a parameter',
      input: template(cluster({ securityProfile: { imageCleaner: { enabled: HIDDEN } } })),
    },
  ],
});
