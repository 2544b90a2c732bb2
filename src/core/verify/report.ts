/** `findings.json`: every rule with its outcome counts, and every finding. */
import type { FindingsReport } from '../formats/findings.js';
import type { Verification } from './verify.js';

export function findingsReport(verification: Verification): FindingsReport {
  return {
    rules: verification.results.map(({ rule, outcomes }) => ({
      id: rule.id,
      ref: rule.ref,
      pillar: rule.pillar,
      title: rule.title,
      severity: rule.severity,
      area: rule.area,
      spec: rule.spec,
      why: rule.why,
      fix: rule.fix,
      passed: outcomes.filter((o) => o.status === 'pass').length,
      failed: outcomes.filter((o) => o.status === 'fail').length,
      unknown: outcomes.filter((o) => o.status === 'unknown').length,
    })),
    findings: verification.diagnostics,
    reachability: { azure: verification.azure, kubernetes: verification.connectivity },
    suppressed: verification.suppressed,
  };
}
