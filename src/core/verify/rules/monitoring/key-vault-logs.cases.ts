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
import { diagnosticSetting, isSettingOn, settingOn } from '../azure-builders.js';
import rule from './key-vault-logs.js';

const TYPE = 'Microsoft.KeyVault/vaults';
const own = resource(TYPE, 'kv', {});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's vault and its setting", input: baseline() },
    {
      title: "another resource's setting of unknown scope beside the vault's own",
      input: baseline((p) => (settingOn(p.inventory, 'azureFirewalls')['scope'] = HIDDEN)),
    },
    {
      title: 'a setting whose scope is the vault',
      input: template(own, diagnosticSetting(`[resourceId('${TYPE}', 'kv')]`)),
    },
  ],
  fail: [
    {
      title: 'no vault audit log',
      input: baseline((p) => p.remove(isSettingOn('vaults'))),
      message: 'noSetting',
    },
    {
      title: 'a vault without a setting, in a whole deployment',
      input: template(clusterOnSpoke({ name: 'sys', mode: 'System' }), spokeNetwork(), own),
      message: 'noSetting',
    },
  ],
  notApplicable: [{ title: 'no vault', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the scope of its setting from a parameter',
      input: baseline((p) => (settingOn(p.inventory, 'vaults')['scope'] = HIDDEN)),
    },
    { title: 'no setting among the inputs, the vault alone', input: template(own), message: 'notWhole' },
  ],
});
