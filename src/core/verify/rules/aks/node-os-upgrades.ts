/** Node images are updated automatically, unless the cluster is immutable (replaced rather than updated). */
import { at, isUnresolved } from '../../../arm-values.js';
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Message } from '../../rule.js';
import { defineRule } from '../../rule.js';
import { holdsWholeDeployment } from '../completeness.js';
import { label, lastSegment, ofType, outcome } from '../select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const PROFILE = 'properties.autoUpgradeProfile';

/** Whether any maintenance configuration (`<cluster>/<configuration>`) among the inputs is the cluster's. */
function maintained(inventory: Inventory, cluster: AzureResource): boolean {
  const prefix = `${lastSegment(cluster.name).toLowerCase()}/`;
  return ofType(inventory, `${AKS}/maintenanceConfigurations`).some((m) =>
    m.name.toLowerCase().startsWith(prefix),
  );
}

export default defineRule({
  ref: 'BP1029',
  id: 'aks/node-os-upgrades',
  title: 'Node images are updated automatically, unless the cluster is immutable',
  severity: 'warning',
  pillar: 'Security',
  area: 'upgrades',
  spec: {
    section: 'In-place upgrades for nodes',
    quote:
      'Most clusters that do in-place upgrades should avoid the None and Unmanaged node image upgrade channel options.',
  },
  why: 'Without a channel, nodes run images with known vulnerabilities until someone upgrades them.',
  fix: 'Set autoUpgradeProfile.nodeOSUpgradeChannel to NodeImage (or SecurityPatch); None only for an immutable cluster, whose upgradeChannel is none too and which is replaced instead of updated.',
  messages: {
    nothingUpdates:
      'nodeOSUpgradeChannel None with upgradeChannel none and no maintenance window: nothing updates the nodes (suppress with the reason if the cluster is immutable, replaced rather than updated)',
    immutableOnly: 'no node OS updates: right only for an immutable cluster, replaced rather than updated',
    channel: 'nodeOSUpgradeChannel: {channel}',
    noneUpdatedInPlace: 'nodeOSUpgradeChannel: None with upgradeChannel {upgradeChannel}',
  },
  check: (inventory, say) =>
    ofType(inventory, AKS).map((cluster) => {
      const target = label(cluster);
      const profile = at(cluster.body, PROFILE);
      // NodeImage is what the API sets when a template names no channel.
      const node = at(profile, 'nodeOSUpgradeChannel') ?? 'NodeImage';
      const clusterChannel = at(profile, 'upgradeChannel') ?? 'none';
      const nodePath = `${PROFILE}.nodeOSUpgradeChannel`;
      if (isUnresolved(node) || isUnresolved(clusterChannel)) {
        const [hidden, path] = isUnresolved(node)
          ? [node, nodePath]
          : [clusterChannel, `${PROFILE}.upgradeChannel`];
        return {
          ...outcome('unknown', target, say('unresolved', { value: String(hidden) }), cluster.source),
          path,
        };
      }
      const judged = (status: 'fail' | 'unknown', message: Message) => ({
        ...outcome(status, target, message, cluster.source),
        path: nodePath,
      });
      // Immutable infrastructure updates neither layer in place (spec "Immutable infrastructure"); nothing in
      // the resource says whether the cluster is replaced rather than updated, so None there cannot be judged
      // by itself. Inputs that deploy the whole cluster with no maintenance window either plan no update at
      // all: that is a finding, which an immutable cluster suppresses with its reason.
      if (
        node === 'None' &&
        clusterChannel === 'none' &&
        holdsWholeDeployment(inventory) &&
        !maintained(inventory, cluster)
      )
        return judged('fail', say('nothingUpdates'));
      if (node === 'None' && clusterChannel === 'none') return judged('unknown', say('immutableOnly'));
      if (node === 'NodeImage' || node === 'SecurityPatch')
        return outcome('pass', target, undefined, cluster.source);
      return node === 'None'
        ? judged('fail', say('noneUpdatedInPlace', { upgradeChannel: String(clusterChannel) }))
        : judged('fail', say('channel', { channel: String(node) }));
    }),
});
