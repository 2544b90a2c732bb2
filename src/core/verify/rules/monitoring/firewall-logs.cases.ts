import { HIDDEN, baseline, casesOf, resource, template } from '../cases.js';
import { diagnosticSetting, isSettingOn, settingOn } from '../azure-builders.js';
import rule from './firewall-logs.js';

const FIREWALL = 'Microsoft.Network/azureFirewalls';
const firewall = resource(FIREWALL, 'afw', {});

export default casesOf(rule, {
  pass: [
    { title: "the baseline's firewall and its setting", input: baseline() },
    {
      title: 'a setting whose scope is the firewall',
      input: template(firewall, diagnosticSetting(`[resourceId('${FIREWALL}', 'afw')]`)),
    },
  ],
  fail: [
    {
      title: 'no firewall logs',
      input: baseline((p) => p.remove(isSettingOn('azureFirewalls'))),
      message: 'noSetting',
    },
    {
      title: "the setting moved to the gateway: a placeholder in Baseplate's IDs leaves their names readable",
      input: baseline(
        (p) =>
          (settingOn(p.inventory, 'azureFirewalls')['scope'] = settingOn(p.inventory, 'applicationGateways')[
            'scope'
          ]),
      ),
      message: 'noSetting',
    },
    {
      title: 'an expression naming another type of resource is that resource, whatever its name',
      input: baseline(
        (p) =>
          (settingOn(p.inventory, 'azureFirewalls')['scope'] =
            "[resourceId('Microsoft.KeyVault/vaults', parameters('vault'))]"),
      ),
      message: 'noSetting',
    },
  ],
  notApplicable: [{ title: 'no firewall', input: template(resource('Microsoft.KeyVault/vaults', 'kv', {})) }],
  unknown: [
    {
      title: 'the scope of a setting from a parameter may be the firewall',
      input: baseline((p) => (settingOn(p.inventory, 'azureFirewalls')['scope'] = HIDDEN)),
    },
    {
      title: "Bicep's format() naming the firewall type, of a name from a parameter",
      input: baseline(
        (p) =>
          (settingOn(p.inventory, 'azureFirewalls')['scope'] =
            "[format('Microsoft.Network/azureFirewalls/{0}', parameters('firewall'))]"),
      ),
    },
    {
      title: 'no setting among the inputs, the firewall alone',
      input: template(firewall),
      message: 'notWhole',
    },
  ],
});
