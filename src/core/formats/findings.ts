/**
 * report/findings.json (and `verify --format json`): every rule with its
 * outcome counts, every finding, what the network lets through, and the
 * findings suppressed on purpose. Written by verify/report.ts; read by the HTML
 * report and the web page. Its JSON Schema is schemas/output/findings.schema.json;
 * report/findings.sarif is the same findings in SARIF 2.1.0, the standard's format.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { AzureReachability } from '../verify/azure-reachability.js';
import type { Connection } from '../verify/network-policy.js';
import type { Area } from '../verify/rule.js';

export const FINDINGS_PATH = 'report/findings.json';

export interface RuleSummary {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly area: Area;
  /** The spec section and a short quote of what it asks. */
  readonly spec: { readonly section: string; readonly quote: string };
  readonly why: string;
  readonly fix: string;
  /** How many of the rule's checks passed, failed, or cannot be judged before deployment. */
  readonly passed: number;
  readonly failed: number;
  readonly unknown: number;
}

export interface FindingsReport {
  readonly rules: readonly RuleSummary[];
  readonly findings: readonly Diagnostic[];
  readonly reachability: {
    readonly azure: AzureReachability;
    readonly kubernetes: readonly Connection[];
  };
  readonly suppressed: ReadonlyArray<{ readonly finding: Diagnostic; readonly reason: string }>;
}
