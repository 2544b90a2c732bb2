/**
 * Does the caller hold the actions a stage needs? Checks actions, not role names, so
 * an Owner or a custom role passes and a Contributor fails role assignments. Input is
 * the Microsoft.Authorization/permissions list of the target scope: one entry per role
 * the caller holds there. Research: docs/research/deploy.md §5.2.
 */
import type { PreflightProblem } from './problem.js';
import { isObject, literalString } from '../../core/arm-values.js';
import { listText } from './problem.js';

/** One role's actions at a scope; the REST Permission (rest.ts) fits. */
export interface PermissionInfo {
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
}

const patterns = new Map<string, RegExp>();

// Azure RBAC matching: case-insensitive, `*` matches any characters, `/` included.
// A middle `/*/` segment also matches no segment: Managed Identity Operator's
// `userAssignedIdentities/*/assign/action` grants `userAssignedIdentities/assign/action`.
export function actionMatches(pattern: string, action: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    const source = pattern
      .split('/*/')
      .map((part) =>
        part
          .split('*')
          .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*'),
      )
      .join('/(?:.*/)?');
    regex = new RegExp(`^${source}$`, 'i');
    patterns.set(pattern, regex);
  }
  return regex.test(action);
}

/**
 * Allowed iff some entry has an action pattern matching it and that same entry no
 * notActions pattern matching it: notActions never subtract from another role.
 * Deny assignments are not in the list and are not considered.
 */
export function isAllowed(action: string, permissions: readonly PermissionInfo[]): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => actionMatches(a, action)) &&
      !(p.notActions ?? []).some((n) => actionMatches(n, action)),
  );
}

export function missingActions(
  required: readonly string[],
  permissions: readonly PermissionInfo[],
): string[] {
  return required.filter((action) => !isAllowed(action, permissions));
}

/** RBAC action namespaces that differ from the resource type. */
const WRITE_ACTION: Readonly<Record<string, string>> = {
  'microsoft.resources/resourcegroups': 'Microsoft.Resources/subscriptions/resourceGroups/write',
};

/** Actions on other resources that creating a resource of this type needs (linked access). */
const LINKED: readonly { readonly types: readonly string[]; readonly action: string }[] = [
  {
    types: [
      'Microsoft.ContainerService/managedClusters',
      'Microsoft.Network/privateEndpoints',
      'Microsoft.Network/applicationGateways',
    ],
    action: 'Microsoft.Network/virtualNetworks/subnets/join/action',
  },
  // Checked where the stage deploys, though Azure checks it on the remote network.
  {
    types: ['Microsoft.Network/virtualNetworks/virtualNetworkPeerings'],
    action: 'Microsoft.Network/virtualNetworks/peer/action',
  },
  {
    types: ['Microsoft.Network/privateEndpoints/privateDnsZoneGroups'],
    action: 'Microsoft.Network/privateDnsZones/join/action',
  },
];

/** Attaching a user-assigned identity to a resource (Managed Identity Operator grants it). */
export const ASSIGN_IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';
export const DEPLOY = 'Microsoft.Resources/deployments/write';
export const WHAT_IF = 'Microsoft.Resources/deployments/whatIf/action';

interface Walked {
  readonly types: string[];
  assignsIdentity: boolean;
}

/** Child resources may give a short type ("subnets"), relative to the parent's. */
function fullType(type: string, parent: string | undefined): string {
  const namespaced = /^[^/]+\.[^/]+\//.test(type);
  return namespaced || parent === undefined ? type : `${parent}/${type}`;
}

function walk(resources: unknown, parent: string | undefined, into: Walked): void {
  if (!Array.isArray(resources)) return;
  for (const resource of resources as readonly unknown[]) {
    if (!isObject(resource)) continue;
    const written = literalString(resource['type']);
    const type = written === undefined ? undefined : fullType(written, parent);
    if (type !== undefined) into.types.push(type);
    const identity = resource['identity'];
    const assigned = isObject(identity) ? identity['userAssignedIdentities'] : undefined;
    if (isObject(assigned) && Object.keys(assigned).length > 0) into.assignsIdentity = true;
    walk(resource['resources'], type, into);
    // An inner deployment's template deploys with the caller's rights too.
    const properties = resource['properties'];
    const inner = isObject(properties) ? properties['template'] : undefined;
    if (isObject(inner)) walk(inner['resources'], undefined, into);
  }
}

/**
 * The actions deploying this stage template needs: the deployment itself (and what-if
 * when previewing), `<type>/write` for every resource type, nested ones and extension
 * resources included, and the linked-access actions of §5.2. Sorted, without duplicates.
 */
export function requiredActions(template: unknown, options: { readonly whatIf?: boolean } = {}): string[] {
  const walked: Walked = { types: [], assignsIdentity: false };
  walk(isObject(template) ? template['resources'] : undefined, undefined, walked);
  const actions = [DEPLOY, ...(options.whatIf ? [WHAT_IF] : [])];
  const has = (type: string) => walked.types.some((t) => t.toLowerCase() === type.toLowerCase());
  for (const type of walked.types) actions.push(WRITE_ACTION[type.toLowerCase()] ?? `${type}/write`);
  for (const linked of LINKED) if (linked.types.some(has)) actions.push(linked.action);
  if (walked.assignsIdentity) actions.push(ASSIGN_IDENTITY);
  // First spelling wins; Azure compares actions case-insensitively.
  const unique = new Map<string, string>();
  for (const action of actions)
    if (!unique.has(action.toLowerCase())) unique.set(action.toLowerCase(), action);
  return [...unique.values()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

/**
 * "Contributor and Role Based Access Control Administrator on resource group rg-x"
 * from a stage's roles in deployment-order.json, grouped by scope.
 */
export function rolesText(roles: readonly { readonly role: string; readonly scope: string }[]): string {
  const byScope = new Map<string, string[]>();
  for (const { role, scope } of roles) byScope.set(scope, [...(byScope.get(scope) ?? []), role]);
  return [...byScope].map(([scope, names]) => `${listText([...new Set(names)])} on ${scope}`).join('; ');
}

/** One problem listing the actions a stage needs that the caller lacks; none when it holds them all. */
export function permissionProblems(
  stageName: string,
  required: readonly string[],
  permissions: readonly PermissionInfo[],
  roleHint: string,
): PreflightProblem[] {
  const missing = missingActions(required, permissions);
  if (missing.length === 0) return [];
  return [
    {
      check: 'permissions',
      stage: stageName,
      message: `The deploying identity lacks ${missing.length === 1 ? 'an action' : `${missing.length} actions`} that stage ${stageName} needs: ${missing.join(', ')}.`,
      fix: `Grant it ${roleHint} (the stage's roles in deployment-order.json), or a custom role with ${missing.length === 1 ? 'this action' : 'these actions'}; role assignments can take a few minutes to apply.`,
    },
  ];
}
