import type { Json } from '../../inventory.js';
import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, object } from './builders.js';
import rule from './pdb-allows-drain.js';

const budget = (spec: Json) =>
  object('policy/v1', 'PodDisruptionBudget', 'web', { selector: { matchLabels: { app: 'web' } }, ...spec });
const specOf = (body: Json) => body['spec'] as Json;

export default casesOf(rule, {
  pass: [
    { title: "the baseline's budgets", input: baseline() },
    {
      title: 'minAvailable below the replicas',
      input: manifests(deployment({}, {}, 'shop', { replicas: 3 }), budget({ minAvailable: 2 })),
    },
  ],
  fail: [
    {
      title: 'a budget that blocks drains',
      input: baseline((p) => (specOf(p.object('PodDisruptionBudget', 'aspnetapp'))['maxUnavailable'] = 0)),
      message: 'blocksDrain',
    },
    {
      title: 'as many pods must stay as the autoscaler may leave',
      input: baseline((p) => {
        const spec = specOf(p.object('PodDisruptionBudget', 'aspnetapp'));
        delete spec['maxUnavailable'];
        spec['minAvailable'] = 2;
        specOf(p.object('HorizontalPodAutoscaler', 'aspnetapp'))['minReplicas'] = 2;
      }),
      message: 'blocksDrain',
    },
    {
      title: 'as many pods must stay as there are replicas',
      input: baseline((p) => {
        const spec = specOf(p.object('PodDisruptionBudget', 'aspnetapp'));
        delete spec['maxUnavailable'];
        spec['minAvailable'] = 3;
      }),
      message: 'blocksDrain',
    },
    {
      title: 'minAvailable 100%',
      input: manifests(budget({ minAvailable: '100%' })),
      message: 'blocksDrain',
    },
    {
      title: 'maxUnavailable 0 blocks, whatever the substituted replica count',
      input: manifests(
        deployment({}, {}, 'shop', { replicas: '${REPLICAS}' }),
        budget({ maxUnavailable: 0 }),
      ),
      message: 'blocksDrain',
    },
  ],
  notApplicable: [{ title: 'no disruption budget', input: manifests(deployment()) }],
  unknown: [
    {
      title: 'a maxUnavailable Flux substitutes',
      input: manifests(budget({ maxUnavailable: '${MAX_UNAVAILABLE}' })),
    },
    {
      title: 'minAvailable beside a replica count Flux substitutes',
      input: manifests(deployment({}, {}, 'shop', { replicas: '${REPLICAS}' }), budget({ minAvailable: 2 })),
    },
  ],
});
