/** No firewall application rule allows every FQDN (`*`, or a whole top-level domain). */
import type { AzureResource, Json } from '../../inventory.js';
import type { Outcome, Say } from '../../rule.js';
import { at, isObject, isUnresolved } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { label, ofType, outcome } from '../select.js';

const RULE_GROUPS = 'Microsoft.Network/firewallPolicies/ruleCollectionGroups';

const MESSAGES = {
  // Each `<collection>/<rule> allows <target>`, joined by `; `.
  allowsEveryName: '{grants}',
} as const;

/**
 * A destination that admits every name: `*`, or a wildcard over a whole
 * top-level domain (`*.com`). No FQDN tag or web category stands for every
 * name (Azure Firewall, "FQDN tags overview", "Web categories"), so only the
 * target names are judged.
 */
const everyName = (target: string) => target.trim() === '*' || /^\*\.[^.]+\.?$/.test(target.trim());

/** An application rule's targets that admit every name, or an expression that may; undefined when none does. */
function openTargets(rule: Json): { open: string[]; unresolved: string[] } {
  const lists = [at(rule, 'targetFqdns'), at(rule, 'targetUrls'), at(rule, 'properties.targetFqdns')];
  const open: string[] = [];
  const unresolved: string[] = [];
  for (const list of lists) {
    if (isUnresolved(list)) unresolved.push(String(list));
    for (const target of Array.isArray(list) ? list : []) {
      if (isUnresolved(target)) unresolved.push(String(target));
      else if (typeof target === 'string' && everyName(target)) open.push(target);
    }
  }
  return { open, unresolved };
}

/** The application rules a collection allows: a policy's filter collections with action Allow, a classic firewall's Allow collections. */
function allowedApplicationRules(collection: Json): Json[] | string {
  const action = at(collection, 'action.type') ?? at(collection, 'properties.action.type');
  if (isUnresolved(action)) return String(action);
  if (typeof action === 'string' && action.toLowerCase() !== 'allow') return [];
  const rules = at(collection, 'rules') ?? at(collection, 'properties.rules');
  if (isUnresolved(rules)) return String(rules);
  return (Array.isArray(rules) ? rules.filter(isObject) : []).filter((r) => {
    const type = r['ruleType'];
    // A classic firewall's application collections hold application rules only, with no ruleType.
    return type === undefined || type === 'ApplicationRule';
  });
}

/** Judges the rule collections of one resource: `path` holds them. */
function judgeCollections(
  resource: AzureResource,
  path: string,
  classic: boolean,
  say: Say<typeof MESSAGES>,
): Outcome | undefined {
  const collections = at(resource.body, path);
  if (collections === undefined) return undefined;
  if (isUnresolved(collections))
    return outcome(
      'unknown',
      label(resource),
      say('unresolved', { value: String(collections) }),
      resource.source,
    );
  const open: string[] = [];
  const unresolved: string[] = [];
  for (const collection of Array.isArray(collections) ? collections.filter(isObject) : []) {
    // A policy's NAT collections and network rules have no target names; a classic collection is all application rules.
    if (!classic && at(collection, 'ruleCollectionType') === 'FirewallPolicyNatRuleCollection') continue;
    const rules = allowedApplicationRules(collection);
    if (typeof rules === 'string') {
      unresolved.push(rules);
      continue;
    }
    for (const rule of rules) {
      const found = openTargets(rule);
      open.push(
        ...found.open.map((t) => `${String(collection['name'])}/${String(rule['name'])} allows ${t}`),
      );
      unresolved.push(...found.unresolved);
    }
  }
  if (open.length > 0)
    return outcome(
      'fail',
      label(resource),
      say('allowsEveryName', { grants: open.join('; ') }),
      resource.source,
    );
  if (unresolved.length > 0)
    return outcome(
      'unknown',
      label(resource),
      say('unresolved', { value: unresolved.join(', ') }),
      resource.source,
    );
  return outcome('pass', label(resource), undefined, resource.source);
}

export default defineRule({
  ref: 'BP1100',
  id: 'firewall/no-any-fqdn',
  title: 'No firewall application rule allows every FQDN',
  severity: 'error',
  pillar: 'Security',
  area: 'egress',
  spec: {
    section: 'Egress traffic flow',
    quote: 'That decision is based on the specific rules you define in Azure Firewall',
  },
  why: 'A rule allowing * (or *.com) lets the nodes reach any host on the internet over HTTP and HTTPS: the firewall inspects nothing it could refuse, and a compromised pod exfiltrates freely.',
  fix: 'List the FQDNs the cluster needs (the AzureKubernetesService FQDN tag and the names of each feature) instead of *.',
  messages: MESSAGES,
  check: (inventory, say) =>
    [
      ...ofType(inventory, RULE_GROUPS).map((group) =>
        judgeCollections(group, 'properties.ruleCollections', false, say),
      ),
      ...ofType(inventory, 'Microsoft.Network/azureFirewalls').map((firewall) =>
        judgeCollections(firewall, 'properties.applicationRuleCollections', true, say),
      ),
    ].filter((o): o is Outcome => o !== undefined),
});
