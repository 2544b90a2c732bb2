/** The Log Analytics workspaces take Entra ID sign-ins only: no shared keys. */
import { propertyRule } from '../select.js';

export default propertyRule(
  {
    ref: 'BP1130',
    id: 'monitoring/workspace-local-auth',
    title: 'Log Analytics workspaces accept Entra ID only (local authentication disabled)',
    severity: 'warning',
    pillar: 'Security',
    area: 'monitoring',
    spec: {
      section: 'Integrate Microsoft Entra ID for the cluster',
      quote: 'Securing access to and from the cluster is critical.',
    },
    why: "With local authentication on, the workspace's shared keys let anyone who holds one write logs (or forge them) with no identity, no role and no audit trail; the monitoring agent and diagnostic settings need no key (PSRule for Azure, Azure.Log.LocalAuth).",
    fix: 'Set properties.features.disableLocalAuth to true on every workspace (workspaces 2025-07-01, WorkspaceFeatures), after moving any agent that still uses the keys to Entra ID authentication.',
    messages: { localAuth: 'features.disableLocalAuth: {value}' },
  },
  'Microsoft.OperationalInsights/workspaces',
  'properties.features.disableLocalAuth',
  (value) => value === true,
  (value, say) => say('localAuth', { value: value === undefined ? 'not set (false)' : String(value) }),
);
