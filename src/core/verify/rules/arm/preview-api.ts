/** Resources are deployed with stable API versions, save the few preview versions that need no registration. */
import { isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { label, outcome } from '../select.js';

/**
 * Preview versions that need no feature registration and have no stable
 * successor: diagnostic settings, whose only stable version (2016-09-01) cannot
 * write to resource-specific tables.
 */
const PREVIEW_WITHOUT_REGISTRATION: Readonly<Record<string, string>> = {
  'microsoft.insights/diagnosticsettings': '2021-05-01-preview',
};

export default defineRule({
  ref: 'BP1064',
  id: 'arm/preview-api',
  title: 'Resources use stable API versions',
  severity: 'warning',
  pillar: 'Operational Excellence',
  area: 'upgrades',
  spec: {
    section: 'Add-ons and preview features',
    quote: 'As these features come out of preview, this baseline architecture is revised accordingly.',
  },
  why: 'A preview API version, or a preview-only property, fails at deployment where the feature is not registered, and may change without notice.',
  fix: 'Use the newest stable API version of the type.',
  messages: { preview: '{type}@{version}' },
  check: (inventory, say) =>
    inventory.azure
      .filter((r) => typeof r.body['apiVersion'] === 'string')
      .map((resource) => {
        const version = String(resource.body['apiVersion']);
        // An API version from an expression (a parameter with no value) is known once deployed.
        if (isUnresolved(version))
          return {
            ...outcome('unknown', label(resource), unresolved(version), resource.source),
            path: 'apiVersion',
          };
        const allowed = PREVIEW_WITHOUT_REGISTRATION[resource.type.toLowerCase()] === version;
        return version.includes('preview') && !allowed
          ? {
              ...outcome(
                'fail',
                label(resource),
                say('preview', { type: resource.type, version }),
                resource.source,
              ),
              path: 'apiVersion',
            }
          : outcome('pass', label(resource), undefined, resource.source);
      }),
});
