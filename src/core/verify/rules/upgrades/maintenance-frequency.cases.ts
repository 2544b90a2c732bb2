import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { MAINTENANCE, maintenance } from '../azure-builders.js';
import rule from './maintenance-frequency.js';

const NODE_WINDOW = 'aksManagedNodeOSUpgradeSchedule';
/** The baseline's node OS window. */
const nodeWindow = (p: { inventory: { azure: readonly { name: string; body: Json }[] } }): Json => {
  const found = p.inventory.azure.find((r) => r.name.endsWith(`/${NODE_WINDOW}`));
  if (!found) throw new Error('no node OS window');
  return (found.body['properties'] as Json)['maintenanceWindow'] as Json;
};
const channel = (p: { cluster(): Json }, value: unknown) =>
  ((p.cluster()['autoUpgradeProfile'] as Json)['nodeOSUpgradeChannel'] = value);
const windowed = (nodeOSUpgradeChannel: unknown, schedule: unknown) =>
  template(cluster({ autoUpgradeProfile: { nodeOSUpgradeChannel } }), maintenance(NODE_WINDOW, schedule));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's weekly window with NodeImage", input: baseline() },
    {
      title: 'SecurityPatch with a window every other day',
      input: baseline((p) => {
        channel(p, 'SecurityPatch');
        nodeWindow(p)['schedule'] = { daily: { intervalDays: 2 } };
      }),
    },
  ],
  fail: [
    {
      title: 'a window every other week',
      input: baseline(
        (p) => ((nodeWindow(p)['schedule'] as Json)['weekly'] = { dayOfWeek: 'Tuesday', intervalWeeks: 2 }),
      ),
      message: 'tooRare',
    },
    {
      title: 'SecurityPatch with a weekly window',
      input: baseline((p) => channel(p, 'SecurityPatch')),
      message: 'tooRare',
    },
    {
      title: 'every other week is too rare for either channel, though the channel is unknown',
      input: windowed(HIDDEN, { weekly: { dayOfWeek: 'Tuesday', intervalWeeks: 2 } }),
      message: 'tooRare',
    },
    {
      title: 'a monthly window',
      input: windowed('NodeImage', { absoluteMonthly: { dayOfMonth: 1, intervalMonths: 1 } }),
      message: 'tooRare',
    },
  ],
  notApplicable: [
    { title: 'no node OS window: the finding of upgrades/maintenance-window', input: template(cluster({})) },
    {
      title: 'the window of another cluster',
      input: template(cluster({}), {
        ...maintenance(NODE_WINDOW),
        name: `other/${NODE_WINDOW}`,
        type: MAINTENANCE,
      }),
    },
  ],
  unknown: [
    { title: 'the schedule from a parameter', input: baseline((p) => (nodeWindow(p)['schedule'] = HIDDEN)) },
    {
      title: 'a weekly window with the channel from a parameter',
      input: baseline((p) => channel(p, HIDDEN)),
    },
    {
      title: 'the interval from a parameter',
      input: baseline(
        (p) => (nodeWindow(p)['schedule'] = { weekly: { dayOfWeek: 'Sunday', intervalWeeks: HIDDEN } }),
      ),
    },
  ],
});
