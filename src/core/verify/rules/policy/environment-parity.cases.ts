import type { AzureResource, Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './environment-parity.js';

const ASSIGNMENTS = 'Microsoft.Authorization/policyAssignments';
const displayName = (r: AzureResource) => String((r.body['properties'] as Json)['displayName']);
const preproduction = (r: AzureResource) =>
  r.type === ASSIGNMENTS && displayName(r).startsWith('[aks-preprod]');

/** A preproduction cluster beside the baseline's production one, with the same assignments. */
function withPreproduction(p: Baseline): void {
  const production = p.resource('Microsoft.ContainerService/managedClusters');
  p.add({
    type: 'Microsoft.ContainerService/managedClusters',
    name: 'aks-preprod',
    source: 'preprod.json',
    body: { ...production, name: 'aks-preprod', tags: { environment: 'preprod' } },
  });
  for (const a of p.inventory.azure.filter((r) => r.type === ASSIGNMENTS)) {
    const body = JSON.parse(JSON.stringify(a.body)) as Json;
    const properties = body['properties'] as Json;
    properties['displayName'] = String(properties['displayName']).replace(/^\[[^\]]+\]/, '[aks-preprod]');
    p.add({ type: a.type, name: `preprod-${a.name}`, source: 'preprod.json', body });
  }
}

/** The baseline with a preproduction cluster, then `change`. */
const beside = (change: (p: Baseline) => void) =>
  baseline((p) => {
    withPreproduction(p);
    change(p);
  });

export default casesOf(rule, {
  pass: [
    {
      title: 'a preproduction cluster beside production, with the same assignments',
      input: baseline(withPreproduction),
    },
  ],
  fail: [
    {
      title: 'preproduction without the Deny on allowed images',
      input: beside((p) =>
        p.remove(
          (r) =>
            preproduction(r) &&
            displayName(r).includes('allowed images') &&
            !displayName(r).includes('audit'),
        ),
      ),
      message: 'lacks',
    },
    {
      title: 'a preproduction cluster with no policy at all',
      input: beside((p) => p.remove(preproduction)),
      message: 'lacks',
    },
    {
      title: 'preproduction audits what production denies',
      input: beside((p) => {
        for (const a of p.inventory.azure.filter(preproduction)) {
          const effect = ((a.body['properties'] as Json)['parameters'] as Json | undefined)?.['effect'] as
            Json | undefined;
          if (effect?.['value'] === 'Deny') effect['value'] = 'Audit';
        }
      }),
      message: 'lacks',
    },
  ],
  notApplicable: [
    { title: "the baseline's production cluster alone", input: baseline() },
    {
      title: 'a preproduction cluster, no policy assigned to production',
      input: template(
        cluster({}, { tags: { environment: 'dev' } }),
        resource('Microsoft.KeyVault/vaults', 'kv', {}),
      ),
    },
  ],
  unknown: {
    never:
      'assignments are compared by the definition and effect they write, as text: a value only deployment knows is a policy of its own, never left unknown',
  },
});
