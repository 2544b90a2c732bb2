/** Whether a resource's logs are sent: what the monitoring/…-logs rules judge each resource by. */
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Message, Outcome } from '../../rule.js';
import { unresolved } from '../../rule.js';
import { label, mayBeOfType, mentions, ofType, outcome, referred } from '../select.js';

export const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';

/** A diagnostic setting's scope, as written: the resource whose logs it sends. */
const scopeOf = (setting: AzureResource): unknown => setting.body['scope'] ?? setting.id;

const settingScope = (setting: AzureResource) => [String(scopeOf(setting) ?? '')];

/**
 * Whether a resource's logs are sent: pass when a diagnostic setting names it
 * as its scope; unknown when none does but one's scope is only known at
 * deployment and may be this resource; fail, saying `none`, otherwise.
 */
export function diagnosed(inventory: Inventory, resource: AzureResource, none: Message): Outcome {
  const settings = ofType(inventory, DIAGNOSTICS);
  if (referred(mentions(settings, settingScope), resource))
    return outcome('pass', label(resource), undefined, resource.source);
  const hidden = settings.map(scopeOf).find((scope) => mayBeOfType(scope, resource.type));
  return hidden === undefined
    ? outcome('fail', label(resource), none, resource.source)
    : outcome('unknown', label(resource), unresolved(hidden), resource.source);
}
