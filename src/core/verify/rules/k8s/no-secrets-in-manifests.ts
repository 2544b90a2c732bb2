/** No Secret in the manifests carries data: secrets live in Key Vault, not in Git. */
import { defineRule } from '../../rule.js';
import { kubeLabel, ofKind, outcome, recordIn } from '../select.js';

export default defineRule({
  ref: 'BP1084',
  id: 'k8s/no-secrets-in-manifests',
  title: 'No Secret carries data in the manifests',
  severity: 'error',
  pillar: 'Security',
  area: 'secrets',
  spec: {
    section: 'Add secret management',
    quote: 'Store secrets in a managed key store, such as Key Vault',
  },
  why: 'A secret in Git is a secret everyone with read access has, forever.',
  fix: 'Keep the value in Key Vault and mount it with the Secrets Store CSI driver.',
  messages: { holdsData: 'holds {keys}' },
  check: (inventory, say) =>
    ofKind(inventory, 'Secret').map((secret) => {
      const data = {
        ...recordIn(secret.body['data']),
        ...recordIn(secret.body['stringData']),
      };
      return Object.keys(data).length > 0
        ? outcome(
            'fail',
            kubeLabel(secret),
            say('holdsData', { keys: Object.keys(data).join(', ') }),
            secret.source,
          )
        : outcome('pass', kubeLabel(secret), undefined, secret.source);
    }),
});
