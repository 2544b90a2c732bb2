/** Where a resource lives, and how one template names a resource in another place. */
import type { Placement } from '../../design/topology.js';
import type { ArmExpression } from './expression.js';
import { expression, literal, SUBSCRIPTION_PLACEHOLDER } from './expression.js';

/** A resource group of a subscription: the design's placements, as templates name them. */
export type ArmScope = Placement;

/**
 * `[resourceId(...)]` from a template deployed at `from` to a resource at `to`,
 * in the shortest form ARM accepts, with the full ID it resolves to.
 */
export function resourceId(from: ArmScope, to: ArmScope, type: string, ...names: string[]): ArmExpression {
  const sameSubscription = from.subscriptionId === to.subscriptionId;
  if (!sameSubscription && to.subscriptionId === undefined) {
    // subscription() would name the deploying subscription, not the target's (validateConfig prevents this).
    throw new Error(`${type} ${names.join('/')}: the target's subscription must be known when it differs`);
  }
  const args = [
    ...(sameSubscription || to.subscriptionId === undefined ? [] : [literal(to.subscriptionId)]),
    ...(sameSubscription && from.resourceGroup === to.resourceGroup ? [] : [literal(to.resourceGroup)]),
    literal(type),
    ...names.map(literal),
  ];
  return expression(`resourceId(${args.join(', ')})`, fullId(to, type, names));
}

/** `resourceId` for resources of the template's own resource group. */
export function localId(at: ArmScope): (type: string, ...names: string[]) => ArmExpression {
  return (type, ...names) => resourceId(at, at, type, ...names);
}

/** `Microsoft.Network/virtualNetworks/vnet/subnets/snet`: the ID below the resource group. */
export function relativeId(type: string, names: readonly string[]): string {
  // Each segment of the type after the namespace, followed by its name.
  const segments = type.split('/');
  let id = segments[0] ?? '';
  for (let i = 1; i < segments.length; i += 1) id += `/${segments[i] ?? ''}/${names[i - 1] ?? ''}`;
  return id;
}

/** The resource ID as Azure will report it. */
export function fullId(scope: ArmScope, type: string, names: readonly string[]): string {
  const subscription = scope.subscriptionId ?? SUBSCRIPTION_PLACEHOLDER;
  return `/subscriptions/${subscription}/resourceGroups/${scope.resourceGroup}/providers/${relativeId(type, names)}`;
}
