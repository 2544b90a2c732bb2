/** Node pools by mode, for the rules on the system pools or on the user pools. */
import type { DefinedRule, Messages, Outcome, Say } from '../../rule.js';
import type { Json } from '../../inventory.js';
import type { Pool, RuleBase } from '../select.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { defineRule, unresolved } from '../../rule.js';
import { pools } from '../select.js';

export type Mode = 'System' | 'User';

/** Only a pool that names the System mode is a system pool; one naming no mode is judged as a user pool. */
const isMode = (pool: Json, mode: Mode) => (pool['mode'] === 'System') === (mode === 'System');

/** Node counts are production advice: a preproduction pool (environment tag) may save on nodes. */
export const inProduction = (pool: Record<string, unknown>): boolean => {
  const environment = at(pool, 'tags.environment');
  return typeof environment !== 'string' || environment === 'prod' || environment === 'production';
};

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
    check: (inventory, say) =>
      pools(inventory)
        .filter((pool) => applies(pool.body))
        .flatMap((pool) => {
          const named = pool.body['mode'];
          if (!isUnresolved(named)) return isMode(pool.body, mode) ? [judgePool(pool, say)] : [];
          const found = judgePool(pool, say);
          if (found.status !== 'fail') return [found];
          const message = unresolved(named);
          return [{ ...found, status: 'unknown' as const, message }];
        }),
  });
}
