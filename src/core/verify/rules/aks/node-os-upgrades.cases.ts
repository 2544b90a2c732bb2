import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, resource, spokeNetwork, template } from '../cases.js';
import { noCluster, spokeCluster, withSetting } from './builders.js';
import rule from './node-os-upgrades.js';

const upgrades = (p: { cluster(): Json }) => p.cluster()['autoUpgradeProfile'] as Json;
const off = { autoUpgradeProfile: { nodeOSUpgradeChannel: 'None', upgradeChannel: 'none' } };
const window = resource(
  'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
  'aks/default',
  {},
);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's NodeImage channel", input: baseline() },
    {
      title: 'SecurityPatch',
      input: baseline((p) => (upgrades(p)['nodeOSUpgradeChannel'] = 'SecurityPatch')),
    },
    { title: 'no channel named: NodeImage', input: withSetting('dnsPrefix', 'aks') },
  ],
  fail: [
    {
      title: 'unmanaged node OS',
      input: baseline((p) => (upgrades(p)['nodeOSUpgradeChannel'] = 'Unmanaged')),
      message: 'channel',
    },
    {
      title: 'no node OS updates on a cluster updated in place',
      input: baseline(
        (p) =>
          (p.cluster()['autoUpgradeProfile'] = { nodeOSUpgradeChannel: 'None', upgradeChannel: 'patch' }),
      ),
      message: 'noneUpdatedInPlace',
    },
    {
      title: 'no updates and no maintenance window, in a whole deployment',
      input: template(spokeCluster(off), spokeNetwork()),
      message: 'nothingUpdates',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: noCluster }],
  unknown: [
    {
      title: "no updates on the baseline's cluster, which has a maintenance window: maybe immutable",
      input: baseline((p) => (p.cluster()['autoUpgradeProfile'] = off.autoUpgradeProfile)),
      message: 'immutableOnly',
    },
    {
      title: 'no updates, with a maintenance window, in a whole deployment',
      input: template(spokeCluster(off), spokeNetwork(), window),
      message: 'immutableOnly',
    },
    {
      title: 'no updates on a cluster audited alone',
      input: template(spokeCluster(off)),
      message: 'immutableOnly',
    },
    {
      title: 'the channel from a parameter',
      input: withSetting('autoUpgradeProfile.nodeOSUpgradeChannel', HIDDEN),
    },
    {
      title: "None with the cluster's channel from a parameter",
      input: template(
        spokeCluster({ autoUpgradeProfile: { nodeOSUpgradeChannel: 'None', upgradeChannel: HIDDEN } }),
        spokeNetwork(),
      ),
    },
  ],
});
