/** Node pools by mode, for the rules on the system pools or on the user pools. */
import type { DefinedRule, Message, Messages, Outcome, Say } from '../../rule.js';
import type { Json } from '../../inventory.js';
import type { Pool, RuleBase } from '../select.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { pools, taggedProduction } from '../select.js';

export type Mode = 'System' | 'User';

/**
 * A pool's mode: the one it names; for a pool naming none, System when it is its cluster's only
 * pool (AKS requires one: "A cluster must have at least one 'System' Agent Pool at all times",
 * the managedClusters REST spec, agentPoolProfiles mode), else undefined: either, as Learn asks
 * templates to name it ("The node pool mode is a required property and must be explicitly set
 * when using ARM templates", learn.microsoft.com/azure/aks/use-system-pools). Another mode
 * (Gateway) is neither.
 */
export function modeOf(pool: Pool, all: readonly Pool[]): Mode | 'other' | undefined {
  const named = pool.body['mode'];
  if (named === undefined)
    return pool.cluster && all.filter((p) => p.cluster === pool.cluster).length === 1 ? 'System' : undefined;
  const lower = String(named).toLowerCase();
  return lower === 'system' ? 'System' : lower === 'user' ? 'User' : 'other';
}

/** Node counts are production advice: a preproduction pool (environment tag) may save on nodes. */
export const inProduction = (pool: Json): boolean => taggedProduction(pool);

/**
 * A rule on the pools of one mode. A pool whose mode only deployment knows may
 * be one: it is judged too, and its fail is only unknown (the rule may not
 * apply to it at all).
 */
export function modeRule<const M extends Messages>(
  base: RuleBase<M>,
  mode: Mode,
  applies: (pool: Json) => boolean,
  judgePool: (pool: Pool, say: Say<M>) => Outcome,
): DefinedRule<M> {
  return defineRule({
    ...base,
    check: (inventory, say) => {
      const all = pools(inventory);
      return all
        .filter((pool) => applies(pool.body))
        .flatMap((pool) => {
          const named = pool.body['mode'];
          const own = isUnresolved(named) ? undefined : modeOf(pool, all);
          if (own !== undefined) return own === mode ? [judgePool(pool, say)] : [];
          const found = judgePool(pool, say);
          if (found.status !== 'fail') return [found];
          const message = unresolved(named ?? 'its mode, which it does not name');
          return [{ ...found, status: 'unknown' as const, message }];
        });
    },
  });
}

/**
 * Judges the fewest nodes a pool keeps against `least`: its minCount, or its
 * count when it states no minimum (as written before). When
 * enableAutoScaling only deployment knows, the pool keeps minCount or count:
 * a verdict both agree on stands, any other is unknown; a count or minimum
 * only deployment knows is unknown too.
 */
export function poolSize(pool: Pool, least: number, tooFew: (count: string) => Message): Outcome {
  const body = pool.body;
  const where = (key: string) => `${pool.path}.${key}`;
  const min = at(body, 'minCount');
  const count = at(body, 'count');
  const candidates: Array<readonly [key: string, value: unknown]> = [
    min === undefined ? ['count', count] : ['minCount', min],
  ];
  const scaling = at(body, 'enableAutoScaling');
  if (isUnresolved(scaling) && min !== undefined) candidates.push(['count', count]);
  const hidden = candidates.find(([, value]) => isUnresolved(value));
  if (hidden)
    return {
      status: 'unknown',
      target: pool.target,
      message: unresolved(hidden[1]),
      source: pool.source,
      path: where(hidden[0]),
    };
  const failing = candidates.filter(([, value]) => !(Number(value) >= least));
  if (failing.length === 0) return { status: 'pass', target: pool.target, source: pool.source };
  if (failing.length < candidates.length)
    return {
      status: 'unknown',
      target: pool.target,
      message: unresolved(scaling),
      source: pool.source,
      path: where('enableAutoScaling'),
    };
  const [key, value] = failing[0] as readonly [string, unknown];
  return {
    status: 'fail',
    target: pool.target,
    message: tooFew(String(value)),
    source: pool.source,
    path: where(key),
  };
}
