import { baseline, casesOf, manifests } from '../cases.js';
import { deployment, service } from './builders.js';
import rule from './env-secrets.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's workloads", input: baseline() },
    {
      title: 'a secret from valueFrom, a vault name as value',
      input: manifests(
        deployment(
          {},
          {
            env: [
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
              { name: 'KEY_VAULT_NAME', value: 'kv-shop' },
              { name: 'TOKEN_PATH', value: '/var/run/token' },
            ],
          },
        ),
      ),
    },
  ],
  fail: [
    {
      title: "a literal password in the baseline's workload",
      input: baseline((p) => (p.container('aspnetapp')['env'] = [{ name: 'DB_PASSWORD', value: 'hunter2' }])),
      message: 'literal',
    },
    {
      title: 'a literal password',
      input: manifests(deployment({}, { env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] })),
      message: 'literal',
    },
    {
      title: 'a camelCase API key',
      input: manifests(deployment({}, { env: [{ name: 'stripeApiKey', value: 'sk_live_x' }] })),
      message: 'literal',
    },
  ],
  notApplicable: [{ title: 'no workload', input: manifests(service({ type: 'ClusterIP' })) }],
  unknown: [
    {
      title: 'a substitution',
      input: manifests(deployment({}, { env: [{ name: 'GITHUB_TOKEN', value: '${GITHUB_TOKEN}' }] })),
    },
  ],
});
