/** No image of any container uses the latest tag or no tag. */
import { isExpression } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { allContainers } from '../select.js';
import { perPod, substituted } from './pods.js';

function imageTag(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const last = image.split('/').at(-1) ?? '';
  return last.includes(':') ? last.split(':').at(-1) : undefined;
}

/**
 * Whether the tag or digest of an image is only known once Flux substitutes
 * it: `repo:${TAG}`, `repo@${DIGEST}`, or a last segment such as `${IMAGE}`
 * that may carry one. A substituted registry (`${REGISTRY}/repo:1.0`) leaves
 * the tag as written.
 */
function tagSubstituted(image: string): boolean {
  const last = image.split('/').at(-1) ?? '';
  const at = last.indexOf('@');
  if (at >= 0) return substituted(last.slice(at + 1));
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? substituted(last.slice(colon + 1)) : substituted(last);
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
    perPod(
      inventory,
      ({ pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        for (const c of allContainers(pod)) {
          const image = c['image'];
          // No image, or one of another type, is the schema check's finding: nothing to pin here.
          if (typeof image !== 'string') continue;
          if (isExpression(image) || tagSubstituted(image)) {
            unknown.push(`${String(c['name'])}: ${image}`);
            continue;
          }
          const tag = imageTag(image);
          if (tag === undefined || tag === 'latest')
            problems.push(`${String(c['name'])}: image ${image} is not pinned`);
        }
        return { problems, unknown };
      },
      (containers) => say('notPinned', { containers }),
    ),
});
