/**
 * The note to the owner of an existing hub (spec: "support for workloads that
 * span multiple subscriptions", "align with the Azure landing zone"): what to
 * apply on their side, in which order, with which rights.
 */
import type { OutputFile } from '../output-file.js';
import type { RoleNeed, Stage } from '../arm/template.js';
import { deploymentName } from '../arm/template.js';

/** A role a stage's deployer needs outside the stage's own resource group and subscription. */
export interface OutsideGrant extends RoleNeed {
  readonly stages: readonly string[];
}

/**
 * The roles Baseplate's own stages (not the hub owner's) need beyond their own
 * group: with an existing hub, where a spoke joins it (the peering, the Private
 * Link records, the landing zone's workspace), which only the hub owner can grant.
 */
export function outsideGrants(stages: readonly Stage[]): OutsideGrant[] {
  const grants = new Map<string, OutsideGrant>();
  for (const stage of stages.filter((s) => !s.handoff && s.scope.kind === 'resourceGroup')) {
    for (const need of stage.roles.filter((role) => outside(stage, role.scope))) {
      const key = `${need.role} on ${need.scope}`;
      const known = grants.get(key);
      grants.set(key, { ...need, stages: [...(known?.stages ?? []), stage.name] });
    }
  }
  return [...grants.values()];
}

/** `resource group \`rg\``, or the resource ID as code. */
function scopeText(scope: string): string {
  const group = /^resource group (.+)$/.exec(scope)?.[1];
  return group === undefined ? `\`${scope}\`` : `resource group \`${group}\``;
}

function outside(stage: Stage, scope: string): boolean {
  if (stage.scope.kind !== 'resourceGroup') return false;
  const group = stage.scope.resourceGroup.toLowerCase();
  const named = /^resource group (.+)$/.exec(scope)?.[1];
  if (named !== undefined) return named.toLowerCase() !== group;
  const id = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(scope);
  if (!id)
    return scope.startsWith('subscription ') && scope !== `subscription ${stage.scope.subscriptionId ?? ''}`;
  const sameSubscription = stage.scope.subscriptionId === undefined || id[1] === stage.scope.subscriptionId;
  return !sameSubscription || (id[2] ?? '').toLowerCase() !== group;
}

export function handoffReadme(stages: readonly Stage[]): OutputFile[] {
  const handed = stages.map((stage, order) => ({ stage, order })).filter(({ stage }) => stage.handoff);
  if (handed.length === 0) return [];
  const file = (stage: Stage, order: number) => `${String(order).padStart(2, '0')}-${stage.name}`;
  const steps = handed.map(({ stage, order }) => {
    const scope = stage.scope.kind === 'resourceGroup' ? stage.scope : undefined;
    const waits = stage.dependsOn.length ? ` It needs ${stage.dependsOn.join(', ')} deployed first.` : '';
    return [
      `### ${file(stage, order)}`,
      '',
      `${stage.description}${waits}`,
      '',
      '```sh',
      `az deployment group create --name ${deploymentName(stage)} \\`,
      `  --subscription ${scope?.subscriptionId ?? '<hub subscription>'} --resource-group ${scope?.resourceGroup ?? '<hub resource group>'} \\`,
      `  --template-file ${file(stage, order)}.json --parameters @${file(stage, order)}.parameters.json`,
      '```',
    ].join('\n');
  });
  const content = [
    '# For the hub owner',
    '',
    'This workload joins your hub as one or more spokes. Baseplate deploys nothing in your hub:',
    'the templates here are what your side needs, for you to review and apply. Apply them in the',
    "order of their numbers; the workload team's stages in `../` fill the gaps between them",
    '(see `../deployment-order.json`).',
    '',
    '- **Firewall rules**: an IP group per spoke (its node subnets) and a rule collection group per',
    '  spoke on your firewall policy, named after the workload, allowing exactly the egress the',
    '  cluster needs. Their priorities start at `hub.existing.ruleCollectionGroupPriority`.',
    "- **Hub links**: the hub side of each peering (forwarded traffic allowed), and the spokes' links",
    '  to the Private Link DNS zones: yours, where `hub.existing.privateDnsZonesResourceGroupId` names',
    '  them, else zones created here and linked to the hub too. Your firewall must have DNS proxy on:',
    '  the spokes use it as their DNS server.',
    '',
    "Rights needed: Network Contributor on the firewall policy's resource group and on the hub",
    "network's resource group; Private DNS Zone Contributor there for the zones; and, to peer with a",
    "spoke in another subscription, `Microsoft.Network/virtualNetworks/peer/action` on the spoke's",
    'network (granted by the workload team).',
    '',
    "## What the workload team's stages need from you",
    '',
    "The workload team's own stages reach outside their resource groups only where a spoke joins your",
    'hub. Grant their deploying identity these roles at these scopes, and nothing more (a custom role',
    'with just the action named will do); it needs no read rights elsewhere in your subscription:',
    '',
    ...outsideGrants(stages).map(
      (grant) => `- ${grant.role} on ${scopeText(grant.scope)} (${grant.stages.join(', ')}): ${grant.why}`,
    ),
    '',
    '## Steps',
    '',
    ...steps.flatMap((step) => [step, '']),
  ].join('\n');
  return [{ path: 'azure/network-team/README.md', content }];
}
