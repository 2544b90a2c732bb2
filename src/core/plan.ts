/**
 * The pipeline of docs/architecture.md: config → design → artifacts → (verify → report).
 * This is the one module that calls the stages in order. Pure: text in, files
 * and diagnostics out; the CLI and the web page write and show them.
 */
import type { ConfigSource } from './config/load.js';
import { loadConfig, withPositions } from './config/load.js';
import type { Config } from './config/schema/index.js';
import type { Design } from './design/design.js';
import { deriveDesign } from './design/design.js';
import type { Diagnostic } from './diagnostics.js';
import { sortDiagnostics } from './diagnostics.js';
import { ipPlanMarkdown } from './report/ip-plan-table.js';
import { costDiagnostics, costEstimate, costMarkdown } from './report/cost.js';
import { architectureDot } from './report/diagram.js';
import { PSRULE_OPTIONS_PATH, psRuleOptions } from './report/psrule-options.js';
import type { PriceTable } from './data/prices.js';
import { PRICES } from './data/prices.js';
import type { PlanSummary } from './report/summary.js';
import { summarize } from './report/summary.js';
import { toJson } from './serialize.js';

import { deploymentOrder, emitStages } from './artifacts/arm/emit.js';
import { handoffReadme } from './artifacts/network/handoff.js';
import { networkStages } from './artifacts/network/stages.js';
import { platformStages } from './artifacts/platform/stages.js';
import { policyDefinitionStages, subscriptionStages } from './artifacts/governance/stages.js';
import { gitopsRepository } from './artifacts/gitops/repository.js';
import { pipelineFiles } from './artifacts/pipelines/pipelines.js';
import type { OutputFile } from './artifacts/output-file.js';
import type { Stage } from './artifacts/arm/template.js';
import type { Inventory, KubeObject, Source } from './verify/inventory.js';
import { inventoryFrom } from './verify/inventory.js';
import { inConfigTerms } from './verify/finding-settings.js';
import { findingsReport } from './verify/report.js';
import { RULES } from './verify/rules/index.js';
import { keeping } from './verify/rules/select.js';
import { sarifLog } from './verify/sarif.js';
import type { Verification } from './verify/verify.js';
import type { CostEstimate } from './formats/cost.js';
import { COST_PATH, PRICES_PATH } from './formats/cost.js';
import { DESIGN_PATH, designSummary } from './formats/design.js';
import type { DeploymentOrder } from './formats/deployment-order.js';
import type { FindingsReport } from './formats/findings.js';
import { FINDINGS_PATH } from './formats/findings.js';
import { IP_PLAN_PATH } from './formats/ip-plan.js';
import type { ResolvedResource, ResolvedResources } from './formats/resources.js';
import { RESOURCES_PATH } from './formats/resources.js';
import type { SchemaValidators } from './verify/schemas.js';
import { isVerifiable, verifySources } from './verify/sources.js';

export type { OutputFile };

/** Lays out a Graphviz graph as SVG: asynchronous, so it runs outside the (synchronous) plan. */
export type Layout = (dot: string) => Promise<string>;

export interface PlanOptions {
  /** Replaces the built-in price table of the cost estimate. */
  readonly prices?: PriceTable;
  /**
   * Lays out report/diagram.dot, called as soon as the plan has drawn it: a layout
   * running elsewhere (the CLI's worker thread) overlaps the verification.
   */
  readonly layout?: Layout;
  /** The schema checks of the verification (`verify` runs the same); without them only the rules run. */
  readonly schemas?: SchemaValidators;
}

/** A plan that went through: its files, and the typed values they were written from. */
export interface Planned {
  readonly ok: true;
  readonly config: Config;
  readonly design: Design;
  /** The ARM stages, in deployment order. */
  readonly stages: readonly Stage[];
  /** azure/deployment-order.json. */
  readonly deploymentOrder: DeploymentOrder;
  /** The resources of azure/resources.json. */
  readonly resources: readonly ResolvedResource[];
  /** The Kubernetes objects of the GitOps repository, each with its file, as the rules read them. */
  readonly manifests: readonly KubeObject[];
  /** What the rules found in the written artifacts. */
  readonly verification: Verification;
  /** report/findings.json. */
  readonly findings: FindingsReport;
  /** report/cost.json, priced from `prices` (report/prices.json). */
  readonly cost: CostEstimate;
  readonly prices: PriceTable;
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: PlanSummary;
  /** The laid-out diagram ('' when the plan drew none); undefined without `options.layout`. */
  readonly diagram?: Promise<string>;
}

export type PlanOutcome =
  | Planned
  | {
      readonly ok: false;
      readonly diagnostics: readonly Diagnostic[];
      /** The configuration, when it loaded and only the design failed (an overlap, say): the page's form shows it. */
      readonly config?: Config;
    };

/** A plan of the configuration. */
export function plan(source: ConfigSource, options: PlanOptions = {}): PlanOutcome {
  const loaded = loadConfig(source);
  if (!loaded.ok) return { ok: false, diagnostics: sortDiagnostics(loaded.diagnostics) };
  const designed = deriveDesign(loaded.config);
  const located = (diagnostics: readonly Diagnostic[]) =>
    sortDiagnostics(withPositions(diagnostics, source.name, loaded.locate));
  if (!designed.ok) return { ok: false, diagnostics: located(designed.diagnostics), config: loaded.config };

  const { design } = designed;
  const network = networkStages(design);
  const stages = [
    ...network.stages,
    ...policyDefinitionStages(design),
    ...platformStages(design, network),
    ...subscriptionStages(design, network),
  ];
  const order = deploymentOrder(stages);
  const diagnostics = [...located([...loaded.warnings, ...designed.warnings])];
  const files: OutputFile[] = [
    { path: 'baseplate.resolved.json', content: toJson(loaded.config) },
    { path: DESIGN_PATH, content: toJson(designSummary(design)) },
    { path: IP_PLAN_PATH, content: toJson(design.ipPlan) },
    { path: 'report/ip-plan.md', content: ipPlanMarkdown(design.ipPlan) },
    ...emitStages(stages, order),
    ...handoffReadme(stages),
    ...gitopsRepository(design),
    ...pipelineFiles(design, stages),
  ];
  // The rules read the artifacts as `verify` reads the folder they are written to.
  const sources = files
    .filter((f) => isVerifiable(f.path))
    .map((f) => ({ name: f.path, text: f.content, optional: true }));
  // What the rules and the diagram look up in it is built once for both.
  return keeping(() =>
    report(
      source,
      loaded.config,
      design,
      stages,
      order,
      files,
      diagnostics,
      sources,
      inventoryFrom(sources),
      options,
      (finding) =>
        inConfigTerms(finding, {
          file: source.name,
          config: loaded.config,
          design,
          locate: loaded.locate,
          writes: loaded.writes,
        }),
      located,
    ),
  );
}

/**
 * The resources of azure/resources.json as written. The inventory read that
 * file whole: where it took every item as it was (each one with its
 * `properties`, the file read without a problem), its resources' bodies are
 * those items, and the file is not parsed a second time.
 */
function deployedResources(files: readonly OutputFile[], inventory: Inventory): readonly ResolvedResource[] {
  const read = inventory.azure.filter((r) => r.source === RESOURCES_PATH);
  const asWritten =
    !inventory.problems.some((p) => p.file === RESOURCES_PATH) &&
    read.every(
      (r) =>
        typeof r.body['properties'] === 'object' &&
        r.body['properties'] !== null &&
        !Array.isArray(r.body['properties']),
    );
  if (asWritten) return read.map((r) => r.body as ResolvedResource);
  const text = files.find((f) => f.path === RESOURCES_PATH)?.content ?? '{"resources":[]}';
  return (JSON.parse(text) as ResolvedResources).resources;
}

/** The plan's reports: the findings, the cost estimate, the diagram and the summary. */
function report(
  source: ConfigSource,
  config: Config,
  design: Design,
  stages: readonly Stage[],
  order: DeploymentOrder,
  files: OutputFile[],
  diagnostics: Diagnostic[],
  sources: readonly Source[],
  inventory: Inventory,
  options: PlanOptions,
  inUserTerms: (finding: Diagnostic) => Diagnostic,
  located: (diagnostics: readonly Diagnostic[]) => Diagnostic[],
): PlanOutcome {
  const prices = options.prices ?? PRICES;
  // What azure/resources.json deploys: it stands for the stage templates in the inventory (inventory.ts).
  const deployed: Inventory = {
    azure: inventory.azure.filter((r) => r.source === RESOURCES_PATH),
    kubernetes: [],
    problems: [],
  };
  // Drawn first, so that its layout runs while the rules do.
  const dot = architectureDot(deployed, { otherNetworks: design.ipPlan.otherNetworks });
  const diagram = options.layout?.(dot);
  const verified = verifySources(sources, {
    inventory,
    suppressions: config.verify.suppress,
    ...(options.schemas ? { schemas: options.schemas } : {}),
  }).verification;
  // A finding on Baseplate's own output names the setting to change, where the file writes it, and the change.
  const verification: Verification = {
    ...verified,
    diagnostics: verified.diagnostics.map(inUserTerms),
    suppressed: verified.suppressed.map((s) => ({ ...s, finding: inUserTerms(s.finding) })),
  };
  diagnostics.push(...sortDiagnostics(verification.diagnostics));
  const resources = deployedResources(files, inventory);
  const cost = costEstimate(resources, prices);
  // A budget below the estimate (where the file sets it), and prices the table lacks.
  const costWarnings = costDiagnostics(cost, config.cost.monthlyBudget, Object.keys(prices.regions));
  diagnostics.push(...located(costWarnings.filter((d) => d.path)), ...costWarnings.filter((d) => !d.path));
  const findings = findingsReport(verification);
  files.push(
    // PSRule for Azure's options for the templates: the design's declared departures.
    { path: PSRULE_OPTIONS_PATH, content: psRuleOptions(resources) },
    // Graphviz source of report/diagram.svg, laid out by `options.layout` (the core stays synchronous).
    { path: 'report/diagram.dot', content: dot },
    { path: COST_PATH, content: toJson(cost) },
    // The table the estimate used: a user edits a copy and passes it back with --prices.
    { path: PRICES_PATH, content: toJson(prices) },
    { path: 'report/cost.md', content: costMarkdown(cost, config.cost.monthlyBudget) },
    { path: FINDINGS_PATH, content: toJson(findings) },
    {
      path: 'report/findings.sarif',
      content: toJson(sarifLog(RULES, verification.diagnostics, verification.suppressed)),
    },
  );
  const summary = summarize(
    source.name,
    config,
    design,
    stages,
    order,
    diagnostics,
    files.map((file) => file.path),
    cost,
  );
  return {
    ok: true,
    config,
    design,
    stages,
    deploymentOrder: order,
    resources,
    manifests: inventory.kubernetes,
    verification,
    findings,
    cost,
    prices,
    files,
    diagnostics,
    summary,
    ...(diagram ? { diagram } : {}),
  };
}
