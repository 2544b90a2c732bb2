/** The node OS maintenance window opens at least weekly, and every other day with the SecurityPatch channel. */
import { at, isUnresolved } from '../../../arm-values.js';
import type { Outcome } from '../../rule.js';
import { defineRule, unresolved } from '../../rule.js';
import { label, needing, ofType, outcome, recordIn } from '../select.js';
import { maintenanceConfigurations, maintenanceWindow } from './maintenance-configurations.js';

export default needing(
  ['Microsoft.ContainerService/managedClusters/maintenanceConfigurations'],
  defineRule({
    ref: 'BP1057',
    id: 'upgrades/maintenance-frequency',
    title: 'The node OS window opens at least weekly, and every other day with SecurityPatch',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades for nodes',
      quote: 'it respects your planned maintenance window, which you should set for at least once per week',
    },
    why: 'Node images ship weekly, and security patches at any time: a rarer window leaves nodes unpatched for longer.',
    fix: 'Schedule aksManagedNodeOSUpgradeSchedule weekly (intervalWeeks 1) or daily; with SecurityPatch, daily with intervalDays 1 or 2.',
    messages: { tooRare: '{interval} with {channel}' },
    check: (inventory, say) => {
      const windows = maintenanceConfigurations(inventory);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').flatMap((cluster): Outcome[] => {
        const channel = at(cluster.body, 'properties.autoUpgradeProfile.nodeOSUpgradeChannel');
        const window = maintenanceWindow(windows, cluster, 'aksManagedNodeOSUpgradeSchedule');
        // No window at all is upgrades/maintenance-window's finding.
        if (!window) return [];
        const written = at(window.body, 'properties.maintenanceWindow.schedule');
        if (isUnresolved(written))
          return [outcome('unknown', label(cluster), unresolved(written), window.source)];
        const schedule = recordIn(written);
        const interval = at(schedule, 'daily.intervalDays') ?? at(schedule, 'weekly.intervalWeeks');
        if (isUnresolved(interval))
          return [outcome('unknown', label(cluster), unresolved(interval), window.source)];
        const days = schedule['daily']
          ? Number(at(schedule, 'daily.intervalDays') ?? 1)
          : schedule['weekly']
            ? 7 * Number(at(schedule, 'weekly.intervalWeeks') ?? 1)
            : Number.POSITIVE_INFINITY;
        const most = channel === 'SecurityPatch' ? 2 : 7;
        // A window every 3 to 7 days suits NodeImage but not SecurityPatch: the channel decides.
        if (isUnresolved(channel) && days > 2 && days <= 7)
          return [outcome('unknown', label(cluster), unresolved(channel), window.source)];
        return [
          days <= most
            ? outcome('pass', label(cluster), undefined, window.source)
            : outcome(
                'fail',
                label(cluster),
                say('tooRare', {
                  interval: Number.isFinite(days) ? `every ${days} days` : 'monthly',
                  channel: String(channel ?? 'NodeImage'),
                }),
                window.source,
              ),
        ];
      });
    },
  }),
);
