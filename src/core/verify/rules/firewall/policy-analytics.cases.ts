import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import { FIREWALL_POLICY } from '../azure-builders.js';
import rule from './policy-analytics.js';

const WORKSPACE = "[resourceId('Microsoft.OperationalInsights/workspaces', 'log')]";
const policy = (name: string, properties: Json) => resource(FIREWALL_POLICY, name, properties);
/** Insights on or off, to `workspace` (null: none named). */
const analytics = (isEnabled: unknown, workspace: string | null = WORKSPACE): Json => ({
  insights: {
    isEnabled,
    ...(workspace === null ? {} : { logAnalyticsResources: { defaultWorkspaceId: { id: workspace } } }),
  },
});

/** The insights of the baseline's policy its firewall uses. */
const hubInsights = (change: (insights: Json) => void) =>
  baseline((p) => {
    const hub = p.inventory.azure.find((r) => r.type === FIREWALL_POLICY && r.name.includes('-hub-'));
    if (!hub) throw new Error('the baseline has no hub firewall policy');
    change((hub.body['properties'] as Json)['insights'] as Json);
  });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's hub policy, the firewall's", input: baseline() },
    { title: 'a policy with analytics to a workspace', input: template(policy('afwp', analytics(true))) },
    {
      title: 'a parent policy without analytics: no firewall uses it directly',
      input: template(
        policy('parent', {}),
        policy('child', {
          ...analytics(true),
          basePolicy: { id: "[resourceId('Microsoft.Network/firewallPolicies', 'parent')]" },
        }),
      ),
    },
  ],
  fail: [
    {
      title: "the baseline's hub policy with analytics off",
      input: hubInsights((insights) => (insights['isEnabled'] = false)),
      message: 'off',
    },
    { title: 'a policy without insights', input: template(policy('afwp', {})), message: 'off' },
    {
      title: 'analytics on without a workspace',
      input: template(policy('afwp', analytics(true, null))),
      message: 'noWorkspace',
    },
  ],
  notApplicable: [{ title: 'no firewall policy', input: template(cluster({})) }],
  unknown: [{ title: 'isEnabled from a parameter', input: template(policy('afwp', analytics(HIDDEN))) }],
});
