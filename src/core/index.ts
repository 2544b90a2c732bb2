/**
 * Baseplate's library: the pure pipeline from configuration text to artifacts,
 * usable from Node and from the browser.
 */
export { plan } from './plan.js';
export { PACKAGE_NAME, RUN_ANYWHERE } from './package-name.js';
export type { Layout, OutputFile, Planned, PlanOptions, PlanOutcome } from './plan.js';
export { BUILTIN_SOURCE, loadConfig } from './config/load.js';
export type { ConfigSource, LoadResult } from './config/load.js';
export { PRESETS } from './config/schema/index.js';
export type { Config, ConfigInput, PresetName } from './config/schema/index.js';
export { configJsonSchema } from './config/json-schema.js';
export { starterConfig, starterFormat } from './config/starter.js';
export type { StarterFormat } from './config/starter.js';
export type { Design } from './design/design.js';
export { formatDiagnostic, formatDiagnostics, formatPath, printable } from './diagnostics.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export { summaryText } from './report/summary.js';
export type { PlanSummary } from './report/summary.js';
export { toJson } from './serialize.js';
export { REDACTED, redactCredentials } from './credential-text.js';
export { PRICES } from './data/prices.js';
export { parsePriceTable } from './data/price-file.js';
export { reportHtml } from './report/html.js';
export type { ReportMeta } from './report/html/header.js';
export type { ReportInput } from './report/html.js';
export { markedFiles, OUTPUT_MARKER_PATH, outputMarker, outputTail } from './report/report-files.js';
export type { PlanFiles } from './report/report-files.js';
export { inventoryFrom, parameterValues, parseJson } from './verify/inventory.js';
export type { AzureResource, GivenParameter, Inventory, KubeObject, Source } from './verify/inventory.js';
export { verify } from './verify/verify.js';
export { isVerifiable, verifySources } from './verify/sources.js';
export type { SourcesOptions, SourcesVerification } from './verify/sources.js';
export { schemaFindings } from './verify/schemas.js';
export type { SchemaProblem, SchemaValidators, TemplateScope } from './verify/schemas.js';
export type { Suppressed, Verification } from './verify/verify.js';
export type { Suppression, SuppressedBy } from './verify/suppressions.js';
export { IGNORE_PREFIX, ignoreKey } from './verify/suppressions.js';
export { RULES } from './verify/rules/index.js';
export { findingsReport } from './verify/report.js';
export { sarifLog } from './verify/sarif.js';
export { verificationText } from './verify/text.js';
export { formatMonthly } from './report/cost.js';
// The formats of the files Baseplate writes and reads back.
export * from './formats/index.js';
export { REGIONS } from './data/regions.js';
export type { Region } from './data/regions.js';
export { VM_SIZES } from './data/vm-sizes.js';
export type { VmSize } from './data/vm-sizes.js';
// The configurator's editor places a new spoke's range with the plan's own arithmetic.
export { cidr, contains, end, firstFree, formatCidr, overlaps, parseCidr } from './cidr.js';
