import type { Json } from '../../inventory.js';
import {
  HIDDEN,
  baseline,
  casesOf,
  cluster,
  clusterOnSpoke,
  resource,
  spokeNetwork,
  template,
} from '../cases.js';
import { MAINTENANCE, asInput, maintenance } from '../azure-builders.js';
import rule from './maintenance-window.js';

const upgrades = (autoUpgradeProfile: Json) => cluster({ autoUpgradeProfile });
/** A cluster on the spoke network: with it, the inputs are a whole deployment. */
const onSpoke = (autoUpgradeProfile: Json): Json => {
  const made = clusterOnSpoke({ name: 'sys', mode: 'System' });
  (made['properties'] as Json)['autoUpgradeProfile'] = autoUpgradeProfile;
  return made;
};

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster and its node OS window", input: baseline() },
    {
      title: 'the node OS channel with its window',
      input: template(
        upgrades({ nodeOSUpgradeChannel: 'NodeImage' }),
        maintenance('aksManagedNodeOSUpgradeSchedule'),
      ),
    },
    {
      title: 'no channel that asks for a window',
      input: template(upgrades({ nodeOSUpgradeChannel: 'None' })),
    },
  ],
  fail: [
    {
      title: 'the node OS window belongs to another cluster',
      input: baseline((p) => {
        for (const m of p.inventory.azure.filter((r) => r.type === MAINTENANCE))
          (m as { name: string }).name = `aks-other/${m.name.split('/').at(-1) ?? ''}`;
      }),
      message: 'missing',
    },
    {
      title: 'a known NodeImage channel without its window fails, whatever the other channel',
      input: baseline((p) => {
        (p.cluster()['autoUpgradeProfile'] as Json)['upgradeChannel'] = HIDDEN;
        p.remove((r) => r.type === MAINTENANCE);
        // Another cluster's window keeps the type among the inputs.
        p.add(asInput(MAINTENANCE, 'aks-other/aksManagedNodeOSUpgradeSchedule'));
      }),
      message: 'missing',
    },
    {
      title: 'the NodeImage channel without a window, in a whole deployment',
      input: template(onSpoke({ nodeOSUpgradeChannel: 'NodeImage' }), spokeNetwork()),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) }],
  unknown: [
    {
      title: 'the cluster channel from a parameter',
      input: baseline((p) => ((p.cluster()['autoUpgradeProfile'] as Json)['upgradeChannel'] = HIDDEN)),
    },
    {
      title: 'the NodeImage channel without a window, the cluster alone: the window may be elsewhere',
      input: template(upgrades({ nodeOSUpgradeChannel: 'NodeImage' })),
      message: 'notWhole',
    },
  ],
});
