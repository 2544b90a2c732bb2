/** Log Analytics workspaces: the hub's for the network, each spoke's for its workload. */
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export function logAnalyticsWorkspace(
  name: string,
  location: string,
  tags: Record<string, string>,
  retentionInDays: number,
  comments: string,
): ArmResource {
  return armResource('Microsoft.OperationalInsights/workspaces', name, {
    location,
    tags,
    comments,
    properties: { sku: { name: 'PerGB2018' }, retentionInDays },
  });
}
