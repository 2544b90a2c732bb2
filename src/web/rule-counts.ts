/**
 * Beside the findings, what the rules made of this plan (report/findings.json):
 * how many checks passed, failed or stayed unknown, and which rules found
 * nothing to check here (a dev plan leaves the production-only ones aside).
 */
import type { FindingsReport } from '../core/index.js';
import { el } from './dom.js';

export function ruleCounts(findings: FindingsReport): HTMLElement {
  const { rules } = findings;
  const sum = (key: 'passed' | 'failed' | 'unknown') => rules.reduce((total, r) => total + r[key], 0);
  const idle = rules.filter((r) => r.passed + r.failed + r.unknown === 0);
  return el('div', { id: 'rule-counts' }, [
    el('h3', {}, ['The rules on this plan']),
    el('p', {}, [
      `${rules.length} rules, ${rules.length - idle.length} applied: ${sum('passed')} checks passed, ` +
        `${sum('failed')} failed, ${sum('unknown')} unknown until deployment. ` +
        `${idle.length} found nothing to check in this plan.`,
    ]),
    el('details', {}, [
      el('summary', {}, [`Rules with nothing to check (${idle.length})`]),
      el(
        'ul',
        {},
        idle.map((r) => el('li', {}, [el('code', {}, [r.id]), ` ${r.title}`])),
      ),
    ]),
  ]);
}
