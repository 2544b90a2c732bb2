/**
 * The rules that a resource around the cluster (the firewall, Application
 * Gateway, the Key Vault, the registry) sends its logs to Log Analytics.
 */
import type { AzureResource, Inventory } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { absentWhenWhole } from './completeness.js';
import { label, mayBeOfType, mentions, ofType, outcome, referred } from './select.js';

const GATEWAY = 'Microsoft.Network/applicationGateways';
const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';

/** A diagnostic setting's scope, as written: the resource whose logs it sends. */
const scopeOf = (setting: AzureResource): unknown => setting.body['scope'] ?? setting.id;

const settingScope = (setting: AzureResource) => [String(scopeOf(setting) ?? '')];

/**
 * Whether a resource's logs are sent: pass when a diagnostic setting names it
 * as its scope; unknown when none does but one's scope is only known at
 * deployment and may be this resource; fail otherwise.
 */
function diagnosed(inventory: Inventory, resource: AzureResource): Outcome {
  const settings = ofType(inventory, DIAGNOSTICS);
  if (referred(mentions(settings, settingScope), resource))
    return outcome('pass', label(resource), undefined, resource.source);
  const hidden = settings.map(scopeOf).find((scope) => mayBeOfType(scope, resource.type));
  return hidden === undefined
    ? outcome('fail', label(resource), 'no diagnostic setting', resource.source)
    : outcome('unknown', label(resource), `depends on ${hidden}`, resource.source);
}

/** A rule that a resource's logs reach Log Analytics, citing where the spec relies on those logs. */
function diagnosticsRule(id: string, type: string, what: string, spec: Rule['spec']): Rule {
  return absentWhenWhole([DIAGNOSTICS], {
    id,
    title: `${what} sends its logs to Log Analytics`,
    severity: 'warning',
    area: 'monitoring',
    spec,
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: `Add a diagnostic setting on the ${what.toLowerCase()} to the Log Analytics workspace.`,
    check: (inventory) => ofType(inventory, type).map((resource) => diagnosed(inventory, resource)),
  });
}

export const PLATFORM_RULES: readonly Rule[] = [
  diagnosticsRule('monitoring/firewall-logs', 'Microsoft.Network/azureFirewalls', 'The firewall', {
    section: 'Hub virtual network',
    quote: 'Azure Monitor for network observability.',
  }),
  diagnosticsRule('monitoring/gateway-logs', GATEWAY, 'Application Gateway', {
    section: 'Ingress traffic flow',
    quote: 'Application Gateway processes web application firewall inspection rules',
  }),
  diagnosticsRule('monitoring/key-vault-logs', 'Microsoft.KeyVault/vaults', 'The Key Vault', {
    section: 'Add secret management',
    quote: 'It provides strong encryption and an access audit log.',
  }),
  diagnosticsRule('monitoring/registry-logs', 'Microsoft.ContainerRegistry/registries', 'The registry', {
    section: 'Container image reference',
    quote: 'You can access image pull logs to monitor activities and triage connectivity problems.',
  }),
];
