/** Each automatic upgrade channel the cluster uses has its planned maintenance window. */
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { absentWhenWhole } from '../completeness.js';
import { label, ofType, outcome } from '../select.js';
import { maintenanceConfigurations, maintenanceWindow } from './maintenance-configurations.js';

export default absentWhenWhole(
  ['Microsoft.ContainerService/managedClusters/maintenanceConfigurations'],
  defineRule({
    ref: 'BP1056',
    id: 'upgrades/maintenance-window',
    title: 'Automatic upgrades land in a planned maintenance window',
    severity: 'warning',
    pillar: 'Operational Excellence',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades',
      quote: 'Schedule the planned maintenance feature of AKS so you can control upgrades on your cluster.',
    },
    why: 'Without a window, AKS upgrades nodes whenever it likes, including at peak hours.',
    fix: 'Add the maintenance configuration aksManagedNodeOSUpgradeSchedule (and aksManagedAutoUpgradeSchedule with a cluster channel).',
    messages: { missing: 'no {windows}' },
    check: (inventory, say) => {
      const windows = maintenanceConfigurations(inventory);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters').map((cluster) => {
        const node = at(cluster.body, 'properties.autoUpgradeProfile.nodeOSUpgradeChannel');
        const channel = at(cluster.body, 'properties.autoUpgradeProfile.upgradeChannel');
        // Each window a channel asks for; a channel only deployment knows may ask for one.
        const asked: ReadonlyArray<readonly [unknown, boolean, string]> = [
          [node, node === 'NodeImage' || node === 'SecurityPatch', 'aksManagedNodeOSUpgradeSchedule'],
          [channel, typeof channel === 'string' && channel !== 'none', 'aksManagedAutoUpgradeSchedule'],
        ];
        const absent = asked.filter(
          ([value, needs, name]) =>
            (needs || isUnresolved(value)) && !maintenanceWindow(windows, cluster, name),
        );
        const missing = absent.filter(([value]) => !isUnresolved(value)).map(([, , name]) => name);
        if (missing.length > 0)
          return outcome(
            'fail',
            label(cluster),
            say('missing', { windows: missing.join(', ') }),
            cluster.source,
          );
        return absent[0] === undefined
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : outcome('unknown', label(cluster), unresolved(absent[0][0]), cluster.source);
      });
    },
  }),
);
