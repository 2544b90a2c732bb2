/**
 * Exactly the files `baseplate plan` writes (src/cli/commands/plan.ts and
 * src/cli/output.ts): the plan's files, the diagram laid out by Graphviz, the
 * report page, and the marker that lets `plan --out` replace the folder later.
 * The web tests compare them byte for byte with a live `plan`.
 */
import type { OutputFile } from '../core/index.js';
import { reportHtml } from '../core/index.js';

/** src/cli/output.ts's marker, so an unzipped plan is a folder `plan` may replace, as its own. */
const MARKER: OutputFile = {
  path: '.baseplate-output',
  content: 'This folder is written by `baseplate plan` and replaced as a whole on every run.\n',
};

/** The plan's files with the diagram (SVG laid out from report/diagram.dot) and the report page. */
export function planFiles(files: readonly OutputFile[], svg: string): OutputFile[] {
  return [
    ...files,
    { path: 'report/diagram.svg', content: svg },
    { path: 'report/report.html', content: reportHtml(files, svg) },
    MARKER,
  ];
}
