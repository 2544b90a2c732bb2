/**
 * The files `baseplate plan` writes beyond the plan's own: the diagram Graphviz
 * laid out from report/diagram.dot (asynchronous, so outside `plan`), the
 * report page built on it, and the marker of an output folder. One definition
 * for the CLI, which writes them, and the configurator, which zips them: the
 * two outputs cannot drift apart.
 */
import type { OutputFile } from '../artifacts/output-file.js';
import { reportHtml } from './html.js';

const DOT = 'report/diagram.dot';

/** The Graphviz source of the diagram, if the plan drew one. */
export function diagramDot(files: readonly OutputFile[]): string | undefined {
  return files.find((f) => f.path === DOT)?.content;
}

/** report/diagram.svg (when the plan drew a diagram) and report/report.html, from the laid-out SVG. */
export function reportFiles(files: readonly OutputFile[], diagramSvg: string): OutputFile[] {
  return [
    ...(diagramDot(files) === undefined ? [] : [{ path: 'report/diagram.svg', content: diagramSvg }]),
    { path: 'report/report.html', content: reportHtml(files, diagramSvg) },
  ];
}

/** Marks a folder as Baseplate's output, which a later `plan --out` may replace as a whole. */
export const OUTPUT_MARKER: OutputFile = {
  path: '.baseplate-output',
  content: 'This folder is written by `baseplate plan` and replaced as a whole on every run.\n',
};
