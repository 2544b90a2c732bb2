/**
 * How Baseplate accounts for each recommendation of the spec (Microsoft's
 * "Baseline architecture for an AKS cluster", vendored in docs/spec/): the
 * rules that verify it, the artifacts that implement it, the configuration that
 * changes it, or why it is left out. Tests hold the table to the spec's
 * headings, the rules, the artifacts of a plan and the configuration schema.
 */

/** Why a recommendation is not implemented or verified. */
export type LeftOutBecause =
  /** People and processes: reviews, runbooks, testing practice. */
  | 'organisational process'
  /** Another Microsoft architecture covers it (Windows containers, multi-region). */
  | 'another architecture'
  /** The spec offers it as an option, and Baseplate takes the other. */
  | 'optional in the spec'
  /** Only a running cluster or its history can show it. */
  | 'not checkable before deployment'
  /** The spec describes or explains; there is nothing to build or check. */
  | 'no recommendation';

/** Where a recommendation is implemented. */
export type Artifact =
  /**
   * An ARM resource of a stage: the stage as `deployment-order.json` names it,
   * `NN` standing for the spoke's number (`cluster-NN`, `hub`); the resource by
   * its type.
   */
  | { readonly stage: string; readonly resource: string }
  /** A file of the GitOps repository or the pipelines, and optionally a Kubernetes object in it (`Kind/name`). */
  | { readonly file: string; readonly object?: string };

export interface Recommendation {
  /** The recommendation, briefly, in the spec's words where they are short enough. */
  readonly text: string;
  /** Rule IDs that verify it. */
  readonly rules?: readonly string[];
  readonly artifacts?: readonly Artifact[];
  /** Configuration fields that change it, as paths in the configuration (`spokes[].cluster.systemPool.count`). */
  readonly config?: readonly string[];
  /** Left out, and why in one line. A recommendation left out has no rules or artifacts. */
  readonly leftOut?: { readonly because: LeftOutBecause; readonly why: string };
}

export interface SectionCoverage {
  /** A heading of the spec, exactly as written there. */
  readonly heading: string;
  readonly recommendations: readonly Recommendation[];
}
