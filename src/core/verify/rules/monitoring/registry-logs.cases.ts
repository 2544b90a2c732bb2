import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { diagnosticSetting, isSettingOn, settingOn } from '../azure-builders.js';
import rule from './registry-logs.js';

const TYPE = 'Microsoft.ContainerRegistry/registries';
const own = resource(TYPE, 'cr', {});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's registry and its setting", input: baseline() },
    {
      title: "another resource's setting of unknown scope beside the registry's own",
      input: baseline((p) => (settingOn(p.inventory, 'azureFirewalls')['scope'] = HIDDEN)),
    },
    {
      title: 'a setting whose scope is the registry',
      input: template(own, diagnosticSetting(`[resourceId('${TYPE}', 'cr')]`)),
    },
  ],
  fail: [
    {
      title: 'no registry logs',
      input: baseline((p) => p.remove(isSettingOn('registries'))),
      message: 'noSetting',
    },
  ],
  notApplicable: [{ title: 'no registry', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the scope of its setting from a parameter',
      input: baseline((p) => (settingOn(p.inventory, 'registries')['scope'] = HIDDEN)),
    },
    { title: 'no setting among the inputs, the registry alone', input: template(own), message: 'notWhole' },
  ],
});
