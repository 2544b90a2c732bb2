/**
 * Log Analytics workspaces: the hub's for the network, each spoke's for its
 * workload. The monitoring plane watches itself (issue "Guardrails and
 * observability"): shared keys are off, so only Entra ID identities write and
 * read, and the workspace's own audit log (who queried what) goes to itself.
 */
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { diagnosticSetting } from './diagnostics.js';

export const WORKSPACE = 'Microsoft.OperationalInsights/workspaces';

export interface WorkspaceOptions {
  readonly name: string;
  readonly location: string;
  readonly tags: Record<string, string>;
  readonly retentionInDays: number;
  readonly comments: string;
  /** Where the workspace replicates its data and configuration, if anywhere. */
  readonly replicationLocation?: string | undefined;
}

export function logAnalyticsWorkspace(at: ArmScope, options: WorkspaceOptions): ArmResource[] {
  const { name, location, tags, retentionInDays, comments, replicationLocation } = options;
  const workspace = armResource(WORKSPACE, name, {
    location,
    tags,
    comments,
    properties: {
      sku: { name: 'PerGB2018' },
      retentionInDays,
      // workspaces 2025-07-01, WorkspaceFeatures.disableLocalAuth: "Disable Non-AAD based Auth." The
      // monitoring agent signs in with its managed identity (useAADAuth), diagnostic settings need no key.
      features: { disableLocalAuth: true },
      // workspaces 2025-07-01, WorkspaceReplicationProperties (Learn, "Enhance resilience by replicating
      // your Log Analytics workspace across regions"): configuration and data copied to a second region.
      replication: replicationLocation ? { enabled: true, location: replicationLocation } : undefined,
    },
  });
  return [
    workspace,
    // Learn, "Supported logs for Microsoft.OperationalInsights/workspaces": the Audit category (LAQueryLogs).
    diagnosticSetting(
      at,
      { type: WORKSPACE, name, metrics: true },
      { id: localId(at)(WORKSPACE, name), deployedHere: true },
      [],
    ),
  ];
}
