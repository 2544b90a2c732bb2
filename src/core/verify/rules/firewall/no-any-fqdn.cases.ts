import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './no-any-fqdn.js';

const ruleGroup = (ruleCollections: unknown): Json =>
  resource('Microsoft.Network/firewallPolicies/ruleCollectionGroups', 'policy/egress', { ruleCollections });
const allow = (...rules: Json[]): Json => ({
  ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
  name: 'allow',
  action: { type: 'Allow' },
  rules,
});
const appRule = (targetFqdns: unknown): Json => ({ ruleType: 'ApplicationRule', name: 'web', targetFqdns });

/** The baseline's firewall policy rule named `name`. */
function firewallRule(inventory: { azure: ReadonlyArray<{ type: string; body: Json }> }, name: string): Json {
  const found = inventory.azure
    .filter((r) => r.type === 'Microsoft.Network/firewallPolicies/ruleCollectionGroups')
    .flatMap((g) =>
      ((g.body['properties'] as Json)['ruleCollections'] as Json[]).flatMap((c) => c['rules'] as Json[]),
    )
    .find((r) => r['name'] === name);
  if (!found) throw new Error(`the baseline has no firewall rule ${name}`);
  return found;
}

export default casesOf(rule, {
  pass: [
    { title: "the baseline's firewall policy", input: baseline() },
    { title: 'named FQDNs', input: template(ruleGroup([allow(appRule(['github.com', '*.github.com']))])) },
    {
      title: 'a deny collection to *',
      input: template(ruleGroup([{ ...allow(appRule(['*'])), action: { type: 'Deny' } }])),
    },
  ],
  fail: [
    {
      title: "the baseline's rule for the GitOps repository opened to *",
      input: baseline((p) => (firewallRule(p.inventory, 'gitops-repository')['targetFqdns'] = ['*'])),
      message: 'allowsEveryName',
    },
    { title: 'every FQDN', input: template(ruleGroup([allow(appRule(['*']))])), message: 'allowsEveryName' },
    {
      title: 'a whole top-level domain',
      input: template(ruleGroup([allow(appRule(['*.com']))])),
      message: 'allowsEveryName',
    },
    {
      title: 'a classic firewall rule to *',
      input: template(
        resource('Microsoft.Network/azureFirewalls', 'fw', {
          applicationRuleCollections: [
            {
              name: 'all',
              properties: { action: { type: 'Allow' }, rules: [{ name: 'any', targetFqdns: ['*'] }] },
            },
          ],
        }),
      ),
      message: 'allowsEveryName',
    },
  ],
  notApplicable: [{ title: 'no firewall', input: template(cluster({})) }],
  unknown: [
    {
      title: 'collections as an expression',
      input: template(ruleGroup("[concat(variables('a'), variables('b'))]")),
      message: 'unresolved',
    },
    {
      title: 'targets from a parameter',
      input: template(ruleGroup([allow(appRule(HIDDEN))])),
      message: 'unresolved',
    },
  ],
});
