import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { diagnosticSetting, settingOn } from '../azure-builders.js';
import rule from './monitoring-plane-logs.js';

const WORKSPACE = 'Microsoft.OperationalInsights/workspaces';
const RULE = 'Microsoft.Insights/dataCollectionRules';
const TOPIC = 'Microsoft.EventGrid/systemTopics';
const onScope = (fragment: string) => (r: { type: string; body: Record<string, unknown> }) =>
  r.type === 'Microsoft.Insights/diagnosticSettings' && String(r.body['scope'] ?? '').includes(fragment);

export default casesOf(rule, {
  pass: [
    {
      title: "the baseline's workspaces, collection rules and version topic, each with its setting",
      input: baseline(),
    },
    {
      title: 'a workspace with a setting whose scope it is',
      input: template(
        resource(WORKSPACE, 'log', {}),
        diagnosticSetting(`[resourceId('${WORKSPACE}', 'log')]`),
      ),
    },
  ],
  fail: [
    {
      title: "the baseline's version topic without its setting",
      input: baseline((p) => p.remove(onScope('systemTopics'))),
      message: 'noSetting',
    },
    {
      title: "the baseline's collection rules without their settings",
      input: baseline((p) => p.remove(onScope('dataCollectionRules'))),
      message: 'noSetting',
    },
    {
      title: "the baseline's workspaces without their settings",
      input: baseline((p) => p.remove(onScope('Microsoft.OperationalInsights/workspaces'))),
      message: 'noSetting',
    },
  ],
  notApplicable: [{ title: 'none of the three types', input: template(cluster({})) }],
  unknown: [
    {
      title: "the scope of the topic's setting from a parameter",
      input: baseline((p) => (settingOn(p.inventory, 'systemTopics')['scope'] = HIDDEN)),
    },
    {
      title: 'a collection rule alone, no setting among the inputs',
      input: template(resource(RULE, 'dcr', {})),
      message: 'notWhole',
    },
    { title: 'a system topic alone', input: template(resource(TOPIC, 'topic', {})), message: 'notWhole' },
  ],
});
