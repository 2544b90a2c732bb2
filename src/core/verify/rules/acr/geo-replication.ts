/** A production registry is Premium and has a replica in another region. */
import { at } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { isProduction, judgeAll, label, lastSegment, ofType } from '../select.js';

const ACR = 'Microsoft.ContainerRegistry/registries';

export default defineRule({
  ref: 'BP1037',
  id: 'acr/geo-replication',
  title: 'The registry is Premium and geo-replicated',
  severity: 'warning',
  pillar: 'Reliability',
  area: 'reliability',
  spec: { section: 'Disaster recovery', quote: 'Container Registry is enabled for geo-replication' },
  why: 'If the region fails, clusters elsewhere can still pull images from the replica.',
  fix: 'Use the Premium SKU and add a replication in the paired region (production registries: environment tag prod).',
  messages: { notReplicated: 'sku {sku}, {replica}' },
  check: (inventory, say) => {
    // The registries with a replica, by the name its replications start with.
    const withReplica = new Set(ofType(inventory, `${ACR}/replications`).map((r) => r.name.split('/')[0]));
    return ofType(inventory, ACR)
      .filter(isProduction)
      .map((registry) => {
        const sku = at(registry.body, 'sku.name');
        const replicated = withReplica.has(lastSegment(registry.name));
        return judgeAll(
          label(registry),
          [
            [sku, (name) => name === 'Premium'],
            [replicated, (has) => has === true],
          ],
          () => say('notReplicated', { sku: String(sku), replica: `${replicated ? '' : 'no '}replica` }),
          registry.source,
        );
      });
  },
});
