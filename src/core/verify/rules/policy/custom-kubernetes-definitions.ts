/**
 * A custom Azure Policy definition for Kubernetes carries its Gatekeeper
 * constraint template the way Azure Policy takes it today
 * (learn.microsoft.com/azure/governance/policy/concepts/effect-deny, "Deny
 * properties" for Microsoft.Kubernetes.Data): `templateInfo` is "required for
 * new or updated policy definitions as constraintTemplate is deprecated";
 * `sourceType` is PublicURL or Base64Encoded; with PublicURL, "Don't use SAS
 * URIs or tokens in url or anything else that could expose a secret"; with
 * Base64Encoded, `content` is the template itself.
 */
import { base64Decode } from '../../../base64.js';
import { parse } from 'yaml';
import { at, isUnresolved } from '../../../arm-values.js';
import type { Outcome } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

/** The query parameters of a shared access signature (learn.microsoft.com/rest/api/storageservices/create-service-sas). */
const SAS = /[?&](sig|se|sv|sp)=/i;

/** What a Base64Encoded template decodes to: the kind it declares, or why it is none. */
function decodedKind(content: string): string | undefined {
  try {
    const text = base64Decode(content);
    const template: unknown = parse(text);
    const apiVersion = at(template, 'apiVersion');
    const kind = at(template, 'kind');
    if (
      kind !== 'ConstraintTemplate' ||
      typeof apiVersion !== 'string' ||
      !apiVersion.startsWith('templates.gatekeeper.sh/')
    )
      return undefined;
    const named = at(template, 'spec.crd.spec.names.kind');
    return typeof named === 'string' && at(template, 'spec.targets') !== undefined ? named : undefined;
  } catch {
    return undefined;
  }
}

export default defineRule({
  ref: 'BP1144',
  id: 'policy/custom-kubernetes-definitions',
  title: 'Custom Kubernetes policy definitions carry their constraint template as Azure Policy takes it',
  severity: 'error',
  pillar: 'Security',
  area: 'policy',
  spec: {
    section: 'Policy management',
    quote:
      'You can create a custom Azure Policy definition that applies your custom OPA Gatekeeper policies.',
  },
  why: 'Azure Policy refuses a new or updated definition without templateInfo, fetches a PublicURL from the internet (a SAS token in it is a secret in the definition, readable by every reader of the subscription), and cannot install a Base64 content that is no Gatekeeper constraint template.',
  fix: 'Set then.details.templateInfo: sourceType Base64Encoded with content the base64 of the ConstraintTemplate YAML (templates.gatekeeper.sh), or sourceType PublicURL with a public URL that holds no token.',
  messages: {
    deprecated: 'uses details.constraintTemplate, which Azure Policy deprecates, and no templateInfo',
    noTemplate: 'has no details.templateInfo',
    sourceType: 'templateInfo.sourceType is {value}, not PublicURL or Base64Encoded',
    token: 'templateInfo.url carries a shared access signature',
    notTemplate: 'templateInfo.content is not the base64 of a Gatekeeper ConstraintTemplate',
  },
  check: (inventory, say) =>
    ofType(inventory, 'Microsoft.Authorization/policyDefinitions').flatMap((definition): Outcome[] => {
      const mode = at(definition.body, 'properties.mode');
      if (typeof mode !== 'string' || mode.toLowerCase() !== 'microsoft.kubernetes.data') return [];
      const target = label(definition);
      const details = at(definition.body, 'properties.policyRule.then.details');
      const info = at(details, 'templateInfo');
      const verdict = (status: Outcome['status'], message?: ReturnType<typeof say>) => [
        outcome(status, target, message, definition.source),
      ];
      if (info === undefined)
        return verdict(
          'fail',
          at(details, 'constraintTemplate') === undefined ? say('noTemplate') : say('deprecated'),
        );
      const sourceType = at(info, 'sourceType');
      if (isUnresolved(sourceType))
        return verdict('unknown', say('unresolved', { value: String(sourceType) }));
      if (sourceType === 'PublicURL') {
        const url = at(info, 'url');
        if (isUnresolved(url)) return verdict('unknown', say('unresolved', { value: String(url) }));
        return typeof url === 'string' && SAS.test(url) ? verdict('fail', say('token')) : verdict('pass');
      }
      if (sourceType !== 'Base64Encoded')
        return verdict('fail', say('sourceType', { value: JSON.stringify(sourceType ?? null) }));
      const content = at(info, 'content');
      if (isUnresolved(content)) return verdict('unknown', say('unresolved', { value: String(content) }));
      return typeof content === 'string' && decodedKind(content) !== undefined
        ? verdict('pass')
        : verdict('fail', say('notTemplate'));
    }),
});
