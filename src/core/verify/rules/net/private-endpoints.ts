/** The registry and the Key Vault each have a private endpoint, the only way to them with public access off. */
import { defineRule } from '../../rule.js';
import { bodyStrings, label, mentions, needing, ofType, outcome, referred } from '../select.js';

export default needing(
  ['Microsoft.Network/privateEndpoints'],
  defineRule({
    ref: 'BP1051',
    id: 'net/private-endpoints',
    title: 'The registry and Key Vault each have a private endpoint',
    severity: 'error',
    pillar: 'Security',
    area: 'network',
    spec: {
      section: 'Subnet to host the cluster nodes',
      quote: 'Create Private Link connections for the Azure Container Registry and Azure Key Vault',
    },
    why: 'With public access off and no private endpoint, nothing reaches the service: nodes cannot pull, ingress has no certificate.',
    fix: 'Add a private endpoint in the spoke for the service, registered in its privatelink DNS zone.',
    messages: { none: 'no private endpoint' },
    check: (inventory, say) => {
      const endpoints = mentions(ofType(inventory, 'Microsoft.Network/privateEndpoints'), bodyStrings);
      return [
        ...ofType(inventory, 'Microsoft.ContainerRegistry/registries'),
        ...ofType(inventory, 'Microsoft.KeyVault/vaults'),
      ].map((service) =>
        referred(endpoints, service)
          ? outcome('pass', label(service), undefined, service.source)
          : outcome('fail', label(service), say('none'), service.source),
      );
    },
  }),
);
