/** An Event Grid system topic on the cluster announces new Kubernetes versions. */
import { at } from '../../../arm-values.js';
import type { AzureResource } from '../../inventory.js';
import { defineRule, unresolved } from '../../rule.js';
import { isUnknownId, label, lastSegment, mentions, needing, ofType, outcome } from '../select.js';

/** A system topic's source: the resource whose events it announces. */
const topicSource = (topic: AzureResource) => [String(at(topic.body, 'properties.source') ?? '')];

export default needing(
  ['Microsoft.EventGrid/systemTopics'],
  defineRule({
    ref: 'BP1058',
    id: 'upgrades/new-versions',
    title: 'New Kubernetes versions are announced through Event Grid',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'upgrades',
    spec: {
      section: 'In-place updates to the cluster',
      quote: 'subscribe to the Microsoft.ContainerService.NewKubernetesVersionAvailable event',
    },
    why: 'With manual cluster upgrades, someone must learn that a new version is out.',
    fix: 'Add an Event Grid system topic on the cluster, with a subscription for NewKubernetesVersionAvailable.',
    messages: { noTopic: 'no Event Grid system topic' },
    check: (inventory, say) => {
      // The topic's source is the cluster it announces.
      const all = ofType(inventory, 'Microsoft.EventGrid/systemTopics');
      const topics = mentions(all, topicSource);
      // A topic whose source deployment computes may be the cluster's.
      const computed = all
        .map((topic) => at(topic.body, 'properties.source') ?? at(topic.body, 'properties'))
        .find(isUnknownId);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) =>
        topics.of(lastSegment(cluster.name).toLowerCase()).length > 0
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : computed !== undefined
            ? outcome('unknown', label(cluster), unresolved(computed), cluster.source)
            : outcome('fail', label(cluster), say('noTopic'), cluster.source),
      );
    },
  }),
);
