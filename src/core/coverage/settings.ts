/**
 * Which configuration settings decide what a rule checks, as the coverage table
 * states them for the recommendations the rule verifies: the link from a finding
 * on Baseplate's own output back to the line of the configuration to change.
 */
import type { ConfigPath } from '../diagnostics.js';
import { COVERAGE } from './table.js';

/** The table's settings (`spokes[].cluster.sla`) of each rule, in the table's order. */
let byRule: ReadonlyMap<string, readonly string[]> | undefined;

export function settingsOf(rule: string): readonly string[] {
  if (byRule === undefined) {
    const found = new Map<string, string[]>();
    for (const { recommendations } of COVERAGE)
      for (const { rules = [], config = [] } of recommendations)
        for (const id of rules) {
          const list = found.get(id) ?? [];
          for (const key of config) if (!list.includes(key)) list.push(key);
          found.set(id, list);
        }
    byRule = found;
  }
  return byRule.get(rule) ?? [];
}

/**
 * A setting as a configuration path: `spokes[]` becomes the given spoke's index
 * (undefined when no spoke is given); a list within it (`userPools[]`) ends the
 * path at the list, which item the finding concerns being its message's to say.
 */
export function settingPath(setting: string, spoke: number | undefined): ConfigPath | undefined {
  const path: (string | number)[] = [];
  for (const part of setting.split('.')) {
    const list = /^(.+)\[\]$/.exec(part)?.[1];
    if (list === undefined) path.push(part);
    else if (path.length > 0 || list !== 'spokes') return [...path, list];
    else if (spoke === undefined) return undefined;
    else path.push(list, spoke);
  }
  return path;
}
