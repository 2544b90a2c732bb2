/** What the Prometheus rule groups of a cluster hold: its alerts and its recording rules. */
import type { AzureResource, Inventory, Json } from '../../inventory.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { lastSegment, objectsIn, ofType } from '../select.js';

export const RULE_GROUPS = 'Microsoft.AlertsManagement/prometheusRuleGroups';
export const METRICS = 'properties.azureMonitorProfile.metrics.enabled';

export interface ClusterRules {
  /** Enabled alerts by name, with whether they notify an action group. */
  readonly alerts: ReadonlyMap<string, boolean>;
  /** Enabled recording rules' names. */
  readonly records: ReadonlySet<string>;
  /** A group whose cluster or rules only deployment knows. */
  readonly unresolved?: unknown;
}

/** The enabled rules of the enabled groups whose `clusterName` is the cluster's. */
export function rulesOf(inventory: Inventory, cluster: AzureResource): ClusterRules {
  const name = lastSegment(cluster.name);
  const alerts = new Map<string, boolean>();
  const records = new Set<string>();
  let unresolved: unknown;
  for (const group of ofType(inventory, RULE_GROUPS)) {
    const clusterName = at(group.body, 'properties.clusterName');
    if (isUnresolved(clusterName)) {
      unresolved ??= clusterName;
      continue;
    }
    if (clusterName !== name || at(group.body, 'properties.enabled') === false) continue;
    for (const rule of objectsIn(at(group.body, 'properties.rules'))) {
      if (rule['enabled'] === false) continue;
      if (typeof rule['record'] === 'string') records.add(rule['record']);
      if (typeof rule['alert'] === 'string')
        alerts.set(rule['alert'], (alerts.get(rule['alert']) ?? false) || notifies(rule));
    }
  }
  return { alerts, records, ...(unresolved === undefined ? {} : { unresolved }) };
}

function notifies(rule: Json): boolean {
  return objectsIn(rule['actions']).some(
    (a) => a['actionGroupId'] !== undefined && a['actionGroupId'] !== '',
  );
}
