import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './new-versions.js';

const TOPIC = 'Microsoft.EventGrid/systemTopics';
const topic = (source: string) =>
  resource(TOPIC, 'evgt', { source, topicType: 'Microsoft.ContainerService.ManagedClusters' });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's topic on its cluster", input: baseline() },
    {
      title: 'a topic whose source is the cluster',
      input: template(
        cluster({}),
        topic("[resourceId('Microsoft.ContainerService/managedClusters', 'aks')]"),
      ),
    },
  ],
  fail: [
    {
      title: 'the Event Grid topic watches another resource',
      input: baseline((p) => {
        const body = p.resource(TOPIC);
        (body['properties'] as Record<string, unknown>)['source'] =
          '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other';
        body['id'] = 'x';
      }),
      message: 'noTopic',
    },
  ],
  notApplicable: [
    {
      title: 'no cluster',
      input: template(topic('/subscriptions/x/providers/Microsoft.Storage/storageAccounts/s')),
    },
  ],
  unknown: [
    { title: "the topic's source from a parameter", input: template(cluster({}), topic(HIDDEN)) },
    { title: 'no topic among the inputs', input: template(cluster({})), message: 'notAmongInputs' },
  ],
});
