/** What the Prometheus rule groups of a cluster hold: its alerts and its recording rules. */
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { unresolved } from '../../rule.js';
import { at, isObject, isUnresolved } from '../../../arm-values.js';
import { label, lastSegment, ofType, outcome, valuesIn } from '../select.js';

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
    if (clusterName !== name) continue;
    // Any part of the group only deployment knows may be the alert or the record looked for.
    const unknown = (value: unknown): boolean => {
      if (isUnresolved(value)) unresolved ??= value;
      return isUnresolved(value);
    };
    const groupEnabled = at(group.body, 'properties.enabled');
    const rules = at(group.body, 'properties.rules');
    if (unknown(groupEnabled) || groupEnabled === false || unknown(rules)) continue;
    for (const rule of valuesIn(rules)) {
      if (unknown(rule) || !isObject(rule) || unknown(rule['enabled']) || rule['enabled'] === false) continue;
      const [record, alert, actions] = [rule['record'], rule['alert'], rule['actions']];
      if (unknown(record) || unknown(alert) || unknown(actions)) continue;
      if (typeof record === 'string') records.add(record);
      if (typeof alert !== 'string') continue;
      // An action only deployment knows may be one; an action group ID is one, whatever expression names it.
      const notifies = valuesIn(actions).some(
        (a) =>
          !unknown(a) && isObject(a) && typeof a['actionGroupId'] === 'string' && a['actionGroupId'] !== '',
      );
      alerts.set(alert, (alerts.get(alert) ?? false) || notifies);
    }
  }
  return { alerts, records, ...(unresolved === undefined ? {} : { unresolved }) };
}

/**
 * `judge`'s outcome for a cluster with managed Prometheus on. Without it there is
 * nothing to alert on or record (monitoring/network-observability says so): a
 * pass; unknown when only deployment knows whether it is on.
 */
export function withPrometheus(cluster: AzureResource, judge: () => Outcome): Outcome {
  const metrics = at(cluster.body, METRICS);
  if (isUnresolved(metrics))
    return { ...outcome('unknown', label(cluster), unresolved(metrics), cluster.source), path: METRICS };
  return metrics === true ? judge() : outcome('pass', label(cluster), undefined, cluster.source);
}
