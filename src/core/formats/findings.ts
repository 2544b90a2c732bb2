/**
 * report/findings.json (and `verify --format json`): every rule with its
 * outcome counts, every finding, what the network lets through, and the
 * findings suppressed on purpose. Written by verify/report.ts; read by the HTML
 * report and the web page. Its JSON Schema is schemas/output/findings.schema.json;
 * report/findings.sarif is the same findings in SARIF 2.1.0, the standard's format.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AzureReachability } from '../verify/azure-reachability.js';
import type { Connection } from '../verify/network-policy.js';
import type { Rule } from '../verify/rule.js';
import type { Suppressed } from '../verify/verify.js';

export const FINDINGS_PATH = 'report/findings.json';

/** A rule as findings.json lists it: what it checks, and how many of its checks passed, failed, or cannot be judged before deployment. */
export type RuleSummary = Omit<Rule, 'check' | 'messages'> & {
  readonly passed: number;
  readonly failed: number;
  readonly unknown: number;
};

export interface FindingsReport {
  readonly rules: readonly RuleSummary[];
  readonly findings: readonly Diagnostic[];
  readonly reachability: {
    readonly azure: AzureReachability;
    readonly kubernetes: readonly Connection[];
  };
  /** Findings accepted on purpose: the reason, and where it is written (the configuration, an annotation, a resource's metadata). */
  readonly suppressed: readonly Suppressed[];
}
