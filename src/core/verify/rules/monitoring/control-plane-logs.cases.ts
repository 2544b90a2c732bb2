import { baseline, casesOf, clusterOnSpoke, spokeNetwork, template } from '../cases.js';
import { vault } from '../azure-builders.js';
import { clusterLogs, clusterSetting } from './builders.js';
import rule from './control-plane-logs.js';

const COMPUTED = "[reference('elsewhere').properties.value]";
const system = { name: 'sys', mode: 'System' };

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster setting", input: baseline() },
    {
      title: 'the allLogs group alone, spelt in another case',
      input: baseline((p) => clusterLogs(p).splice(0, Infinity, { categoryGroup: 'AllLogs', enabled: true })),
    },
  ],
  fail: [
    {
      title: "the cluster's diagnostic setting removed",
      input: baseline((p) =>
        p.remove(
          (r) =>
            r.type === 'Microsoft.Insights/diagnosticSettings' &&
            String(r.body['scope']).includes('managedClusters'),
        ),
      ),
      message: 'missing',
    },
    {
      title: "the cluster setting's scope computed for a vault",
      input: baseline(
        (p) => (clusterSetting(p)['scope'] = "[resourceId('Microsoft.KeyVault/vaults', 'kv')]"),
      ),
      message: 'missing',
    },
    {
      title: 'no diagnostic setting in a whole deployment',
      input: template(clusterOnSpoke(system), spokeNetwork()),
      message: 'missing',
    },
  ],
  notApplicable: [{ title: 'no cluster', input: template(vault()) }],
  unknown: [
    {
      title: "the cluster setting's scope from an expression",
      input: baseline((p) => (clusterSetting(p)['scope'] = COMPUTED)),
    },
    {
      title: 'a category from an expression',
      input: baseline((p) => {
        const [first] = clusterLogs(p);
        if (first) first['category'] = COMPUTED;
      }),
    },
    {
      title: 'no diagnostic setting, the cluster alone: it may be deployed elsewhere',
      input: template(clusterOnSpoke(system)),
      message: 'notWhole',
    },
  ],
});
