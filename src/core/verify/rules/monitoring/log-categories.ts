/**
 * The control plane log categories a cluster's diagnostic settings collect:
 * what the rules on control plane logs (spec "Monitor and collect logs and
 * metrics") read.
 */
import { CONTROL_PLANE_LOG_CATEGORIES } from '../../../config/schema/operations.js';
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isObject, isUnresolved } from '../../../arm-values.js';
import { mayBeOfType, mentions, ofType, referring, valuesIn } from '../select.js';

export const AKS = 'Microsoft.ContainerService/managedClusters';
export const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';
export const MONITORING = 'Monitor and collect logs and metrics';

/** Category groups, and the control plane categories each collects. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  alllogs: CONTROL_PLANE_LOG_CATEGORIES,
  audit: ['kube-audit', 'kube-audit-admin', 'guard'],
};

/** A diagnostic setting's scope: the resource whose logs it sends. */
const settingScope = (setting: AzureResource) => [String(setting.body['scope'] ?? setting.id ?? '')];

/** The control plane log categories a cluster's diagnostic settings collect, and what deployment alone knows. */
export interface Collected {
  /** The categories known to be collected, groups expanded. */
  readonly categories: Set<string>;
  /** A value only deployment knows that may collect more: a setting's scope, logs, category or `enabled`. */
  readonly unknown?: string;
}

/** The control plane log categories the diagnostic settings of a cluster collect, groups expanded. */
export function collected(inventory: Inventory, cluster: AzureResource): Collected {
  const all = ofType(inventory, DIAGNOSTICS);
  const settings = referring(mentions(all, settingScope), cluster);
  const categories = new Set<string>();
  // A setting whose scope deployment computes may be this cluster's.
  const own = new Set(settings);
  let unknown: string | undefined = all
    .filter((setting) => !own.has(setting))
    .map((setting) => setting.body['scope'])
    .find((scope) => mayBeOfType(scope, AKS));
  for (const setting of settings) {
    const logs = at(setting.body, 'properties.logs');
    if (isUnresolved(logs)) unknown ??= String(logs);
    for (const log of valuesIn(logs)) {
      if (isUnresolved(log)) unknown ??= String(log);
      if (!isObject(log) || log['enabled'] === false) continue;
      const category = log['category'];
      const group = log['categoryGroup'];
      const hidden = [log['enabled'], category ?? group].find(isUnresolved);
      if (hidden !== undefined) unknown ??= String(hidden);
      else if (typeof category === 'string') categories.add(category.toLowerCase());
      else for (const c of GROUPS[String(group).toLowerCase()] ?? []) categories.add(c);
    }
  }
  return { categories, unknown };
}

/** An outcome for each cluster. */
export function perCluster(inventory: Inventory, judge: (cluster: AzureResource) => Outcome): Outcome[] {
  return ofType(inventory, AKS).map(judge);
}
