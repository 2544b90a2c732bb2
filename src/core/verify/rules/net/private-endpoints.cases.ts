import { baseline, casesOf, cluster, resource, template } from '../cases.js';
import { registry, vault } from '../azure-builders.js';
import rule from './private-endpoints.js';

const endpointTo = (type: string, name: string) =>
  resource('Microsoft.Network/privateEndpoints', `pe-${name}`, {
    privateLinkServiceConnections: [
      { name, properties: { privateLinkServiceId: `[resourceId('${type}', '${name}')]` } },
    ],
  });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry and vault", input: baseline() },
    {
      title: 'a vault with its endpoint',
      input: template(vault({}), endpointTo('Microsoft.KeyVault/vaults', 'kv')),
    },
  ],
  fail: [
    {
      title: 'no endpoint for the vault',
      input: baseline((p) =>
        p.remove(
          (r) =>
            r.type === 'Microsoft.Network/privateEndpoints' && JSON.stringify(r.body).includes('vaults/'),
        ),
      ),
      message: 'none',
    },
    {
      title: "a registry beside another service's endpoint",
      input: template(registry({}), endpointTo('Microsoft.KeyVault/vaults', 'kv')),
      message: 'none',
    },
  ],
  notApplicable: [{ title: 'no registry or vault', input: template(cluster({})) }],
  unknown: [
    {
      title: 'a registry with no endpoint among the inputs at all',
      input: template(registry({})),
      message: 'notAmongInputs',
    },
  ],
});
