/** What the tables of cases of the monitoring rules change in the default plan: its diagnostic settings. */
import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';

const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';

/** The body of the diagnostic setting that sends the cluster's control plane logs. */
export function clusterSetting(p: Baseline): Json {
  const found = p.inventory.azure.find(
    (r) => r.type === DIAGNOSTICS && String(r.body['scope'] ?? '').includes('managedClusters'),
  );
  if (!found) throw new Error('the baseline has no diagnostic setting of the cluster');
  return found.body;
}

/** The log categories of the cluster's diagnostic setting, to change in place. */
export function clusterLogs(p: Baseline): Json[] {
  return (clusterSetting(p)['properties'] as Json)['logs'] as Json[];
}
