/** The human report of a verification: findings by severity and area, then the rule counts. */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { Verification } from './verify.js';

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Unknown or notes' };

export function verificationText(verification: Verification): string {
  const area = new Map(verification.results.map(({ rule }) => [rule.id, rule.area]));
  const lines: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const found = verification.diagnostics.filter((d) => d.severity === severity);
    if (found.length === 0) continue;
    lines.push(`${HEADINGS[severity]} (${found.length})`);
    const byArea = new Map<string, Diagnostic[]>();
    for (const d of found) {
      const key = area.get(d.code) ?? 'input';
      byArea.set(key, [...(byArea.get(key) ?? []), d]);
    }
    for (const [name, list] of [...byArea].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      lines.push(`  ${name}`);
      for (const d of list)
        lines.push(
          ...formatDiagnostic(d)
            .split('\n')
            .map((l) => `    ${l}`),
        );
    }
    lines.push('');
  }
  if (verification.suppressed.length > 0) {
    lines.push(`Suppressed (${verification.suppressed.length})`);
    for (const { finding, reason } of verification.suppressed)
      lines.push(`  ${finding.code}: ${finding.message}`, `    reason: ${reason}`);
    lines.push('');
  }
  const outcomes = verification.results.flatMap((r) => r.outcomes);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  lines.push(
    `Rules: ${verification.results.length}; checks passed ${count('pass')}, failed ${count('fail')}, unknown ${count('unknown')}`,
  );
  return `${lines.join('\n')}\n`;
}
