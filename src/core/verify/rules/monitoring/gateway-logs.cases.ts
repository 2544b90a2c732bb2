import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { diagnosticSetting, isSettingOn, settingOn } from '../azure-builders.js';
import rule from './gateway-logs.js';

const TYPE = 'Microsoft.Network/applicationGateways';
const own = resource(TYPE, 'agw', {});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway and its setting", input: baseline() },
    {
      title: "another resource's setting of unknown scope beside the gateway's own",
      input: baseline((p) => (settingOn(p.inventory, 'azureFirewalls')['scope'] = HIDDEN)),
    },
    {
      title: 'a setting whose scope is the gateway',
      input: template(own, diagnosticSetting(`[resourceId('${TYPE}', 'agw')]`)),
    },
  ],
  fail: [
    {
      title: 'no gateway logs',
      input: baseline((p) => p.remove(isSettingOn('applicationGateways'))),
      message: 'noSetting',
    },
  ],
  notApplicable: [{ title: 'no gateway', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the scope of its setting from a parameter',
      input: baseline((p) => (settingOn(p.inventory, 'applicationGateways')['scope'] = HIDDEN)),
    },
    { title: 'no setting among the inputs, the gateway alone', input: template(own), message: 'notWhole' },
  ],
});
