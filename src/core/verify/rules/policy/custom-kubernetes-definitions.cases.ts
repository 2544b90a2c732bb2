import { base64Encode } from '../../../base64.js';
import { HIDDEN, baseline, casesOf, resource, template } from '../cases.js';
import rule from './custom-kubernetes-definitions.js';

const DEFINITION = 'Microsoft.Authorization/policyDefinitions';
/** A constraint template of the shape Gatekeeper takes (Baseplate's own is checked through the plan: azure-governance.test.ts). */
const TEMPLATE = [
  'apiVersion: templates.gatekeeper.sh/v1',
  'kind: ConstraintTemplate',
  'metadata: { name: k8shttpsonly }',
  'spec:',
  '  crd: { spec: { names: { kind: K8sHttpsOnly } } }',
  '  targets:',
  '    - target: admission.k8s.gatekeeper.sh',
  '      rego: |',
  '        package k8shttpsonly',
  '',
].join('\n');
const base64 = base64Encode;
const kubernetes = (details: unknown, mode = 'Microsoft.Kubernetes.Data') =>
  resource(DEFINITION, 'ingress-hosts', {
    policyType: 'Custom',
    mode,
    policyRule: {
      if: { field: 'type', in: ['Microsoft.ContainerService/managedClusters'] },
      then: { effect: "[[parameters('effect')]", details },
    },
  });
const withTemplate = (templateInfo: unknown) =>
  kubernetes({ templateInfo, apiGroups: ['networking.k8s.io'], kinds: ['Ingress'] });

export default casesOf(rule, {
  pass: [
    {
      title: 'a Gatekeeper constraint template, Base64Encoded',
      input: template(withTemplate({ sourceType: 'Base64Encoded', content: base64(TEMPLATE) })),
    },
    {
      title: 'a public URL without a token, as the built-in definitions use',
      input: template(
        withTemplate({
          sourceType: 'PublicURL',
          url: 'https://store.policy.core.windows.net/kubernetes/allowed-volume-types/v2/template.yaml',
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'the deprecated constraintTemplate',
      input: template(kubernetes({ constraintTemplate: 'https://example.com/template.yaml' })),
      message: 'deprecated',
    },
    { title: 'no template at all', input: template(kubernetes({ kinds: ['Pod'] })), message: 'noTemplate' },
    {
      title: 'a source type Azure Policy does not know',
      input: template(withTemplate({ sourceType: 'Inline', content: 'x' })),
      message: 'sourceType',
    },
    {
      title: 'a SAS token in the URL',
      input: template(
        withTemplate({
          sourceType: 'PublicURL',
          url: 'https://contoso.blob.core.windows.net/t/template.yaml?sv=2022-11-02&sp=r&sig=abc',
        }),
      ),
      message: 'token',
    },
    {
      title: 'Base64 content that is a Pod, not a constraint template',
      input: template(
        withTemplate({ sourceType: 'Base64Encoded', content: base64('apiVersion: v1\nkind: Pod\n') }),
      ),
      message: 'notTemplate',
    },
    {
      title: 'content that is not base64 YAML',
      input: template(withTemplate({ sourceType: 'Base64Encoded', content: '%%%' })),
      message: 'notTemplate',
    },
  ],
  notApplicable: [
    { title: 'the baseline: no custom initiative (policy.customInitiative is off)', input: baseline() },
    {
      title: 'a Resource Manager mode definition',
      input: template(kubernetes({ constraintTemplate: 'x' }, 'Indexed')),
    },
  ],
  unknown: [
    {
      title: 'the content from a parameter',
      input: template(withTemplate({ sourceType: 'Base64Encoded', content: HIDDEN })),
    },
    {
      title: 'the source type from a parameter',
      input: template(withTemplate({ sourceType: HIDDEN })),
    },
    {
      title: 'the URL from a parameter',
      input: template(withTemplate({ sourceType: 'PublicURL', url: HIDDEN })),
    },
  ],
});
