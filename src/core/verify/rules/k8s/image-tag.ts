/** No image of any container uses the latest tag or no tag. */
import { isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { perContainer } from './workloads.js';

function imageTag(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const last = image.split('/').at(-1) ?? '';
  return last.includes(':') ? last.split(':').at(-1) : undefined;
}

export default defineRule({
  ref: 'BP1076',
  id: 'k8s/image-tag',
  title: 'No image uses the latest tag or no tag',
  severity: 'error',
  pillar: 'Operational Excellence',
  area: 'workload',
  spec: {
    section: 'Workload CI/CD',
    quote: 'Updates must deploy safely and quickly and roll back in case there are problems.',
  },
  why: 'A moving tag makes a rollback or a new node pull something nobody tested.',
  fix: 'Pin every image by version tag or digest.',
  messages: { notPinned: '{containers}' },
  check: (inventory, say) =>
    perContainer(
      inventory,
      (c) => {
        const image = c['image'];
        // No image, or one of another type, is the schema check's finding: nothing to pin here.
        if (typeof image !== 'string' || isUnresolved(image)) return undefined;
        const tag = imageTag(image);
        return tag === undefined || tag === 'latest' ? `image ${image} is not pinned` : undefined;
      },
      (containers) => say('notPinned', { containers }),
      { init: true },
    ),
});
