/**
 * The files `baseplate plan` writes beyond the plan's own: the diagram Graphviz
 * laid out from report/diagram.dot (asynchronous, so outside `plan`), the
 * report page built on it, and the marker of an output folder. One definition
 * (`outputTail`) for the CLI, which writes them, and the configurator, which
 * zips them: the two outputs cannot drift apart.
 */
import type { OutputFile } from '../artifacts/output-file.js';
import type { ReportInput, ReportMeta } from './html.js';
import { reportHtml } from './html.js';

/** A plan's files and the values the report shows: what `plan` returns when it goes through. */
export interface PlanFiles extends ReportInput {
  readonly files: readonly OutputFile[];
}

const DOT = 'report/diagram.dot';

/** The Graphviz source of the diagram, if the plan drew one. */
function diagramDot(files: readonly OutputFile[]): string | undefined {
  return files.find((f) => f.path === DOT)?.content;
}

/** report/diagram.svg (when the plan drew a diagram) and report/report.html, from the laid-out SVG. */
function reportFiles(plan: PlanFiles, diagramSvg: string, meta: ReportMeta): OutputFile[] {
  return [
    ...(diagramDot(plan.files) === undefined ? [] : [{ path: 'report/diagram.svg', content: diagramSvg }]),
    { path: 'report/report.html', content: reportHtml(plan, diagramSvg, meta) },
  ];
}

/**
 * What `plan --out` writes after the plan's own files, in order, once the
 * diagram is laid out: the report files, then the marker listing every file
 * (written last, it says the output is complete). `meta` dates the report
 * and names Baseplate's version in its header.
 */
export function outputTail(plan: PlanFiles, diagramSvg: string, meta: ReportMeta = {}): OutputFile[] {
  const report = reportFiles(plan, diagramSvg, meta);
  return [...report, outputMarker([...plan.files, ...report])];
}

/** Marks a folder as Baseplate's output, which a later `plan --out` may replace as a whole. */
export const OUTPUT_MARKER_PATH = '.baseplate-output';

const MARKER_HEADER =
  'This folder is written by `baseplate plan` and replaced as a whole on every run.\n' +
  'Plan refuses to replace it while it holds a file not listed here: keep your own files elsewhere.\n';

/** The marker of an output folder holding `files`: it lists them, so that a later plan can tell a file the user added. */
export function outputMarker(files: readonly OutputFile[]): OutputFile {
  const paths = files.map((file) => file.path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    path: OUTPUT_MARKER_PATH,
    content: `${MARKER_HEADER}\n${paths.map((path) => `${path}\n`).join('')}`,
  };
}

/**
 * The files a marker lists; undefined for the one-line marker of Baseplate before
 * issue 25, which listed none (its folder is taken as all Baseplate's).
 */
export function markedFiles(content: string): ReadonlySet<string> | undefined {
  const blank = content.indexOf('\n\n');
  if (blank < 0) return undefined;
  return new Set(
    content
      .slice(blank + 2)
      .split('\n')
      .filter((line) => line !== ''),
  );
}
