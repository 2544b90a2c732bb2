/** The human report of a verification: findings by severity and area, then the rule counts. */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { formatDiagnostic, printable } from '../diagnostics.js';
import type { SuppressedBy } from './suppressions.js';
import type { Verification } from './verify.js';

/** Where a suppression is written, as the report says it. */
const WHERE: Record<SuppressedBy, string> = {
  configuration: 'configuration, verify.suppress',
  annotation: 'annotation',
  metadata: 'resource metadata',
};

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
    for (const { finding, reason, by } of verification.suppressed)
      lines.push(
        `  ${finding.code}: ${printable(finding.message)}`,
        `    reason (${WHERE[by]}): ${printable(reason)}`,
      );
    lines.push('');
  }
  const outcomes = verification.results.flatMap((r) => r.outcomes);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  // A rule with nothing to judge in the input (no Application Gateway, no workload) is not applicable.
  const idle = verification.results.filter((r) => r.outcomes.length === 0).length;
  lines.push(
    `Rules: ${verification.results.length} (${idle} not applicable); checks passed ${count('pass')}, failed ${count('fail')}, unknown ${count('unknown')}; findings suppressed ${verification.suppressed.length}`,
  );
  return `${lines.join('\n')}\n`;
}
