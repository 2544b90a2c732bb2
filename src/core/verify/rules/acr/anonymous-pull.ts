/** The registry refuses anonymous pulls. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1040',
    id: 'acr/anonymous-pull',
    title: 'The registry refuses anonymous pulls',
    severity: 'error',
    pillar: 'Security',
    area: 'registry',
    spec: { section: 'Container image reference', quote: 'Container Registry' },
    why: 'Anonymous pull publishes every image, and what is built into it, to anyone who reaches the registry.',
    fix: 'Set anonymousPullEnabled to false.',
    messages: { on: 'anonymous pull is on' },
  },
  'Microsoft.ContainerRegistry/registries',
  'properties.anonymousPullEnabled',
  (on) => on !== true,
  (_, say) => say('on'),
);
