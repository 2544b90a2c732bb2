/** `baseplate plan`: load, derive, write the artifacts and the report, print a summary. */
import type { Diagnostic } from '../../core/index.js';
import {
  formatDiagnostic,
  formatDiagnostics,
  OUTPUT_MARKER_PATH,
  outputTail,
  parsePriceTable,
  plan,
  PRICES,
  summaryText,
} from '../../core/index.js';
import { readConfigSource, readTextFile, workingFolder } from '../config-file.js';
import type { ExitCode } from '../exit-codes.js';
import { exitCodeFor } from '../exit-codes.js';
import type { DiagramLayouts } from '../diagram/layout.js';
import { writeOutput } from '../output.js';
import type { KeptValidations } from '../schemas/kept-validations.js';
import { schemaValidators } from '../schemas/validators.js';
import { paint } from '../io.js';
import type { Io } from '../io.js';

export interface PlanOptions {
  readonly config?: string;
  readonly out: string;
  readonly json?: boolean;
  /** A price table replacing the built-in one. */
  readonly prices?: string;
}

/**
 * `layouts` lay out the diagram, while the plan verifies and writes;
 * `validations` answer the schema checks it asked before.
 */
export async function planCommand(
  options: PlanOptions,
  io: Io,
  layouts: DiagramLayouts,
  validations?: KeptValidations,
): Promise<ExitCode> {
  io.progress?.('Planning…');
  const cwd = workingFolder(io);
  const source = await readConfigSource(options.config, cwd);
  const prices =
    options.prices === undefined
      ? { ok: true as const, table: PRICES }
      : parsePriceTable(options.prices, await readTextFile(options.prices, cwd));
  if (!prices.ok) {
    report(prices.diagnostics, options, io);
    return exitCodeFor(prices.diagnostics);
  }
  // The graph is drawn from the configuration alone (the prices change no box).
  const outcome = plan(source, {
    prices: prices.table,
    layout: layouts.forPlan(source.text),
    schemas: validations?.wrap(schemaValidators) ?? schemaValidators,
  });
  if (!outcome.ok) {
    report(outcome.diagnostics, options, io);
    return exitCodeFor(outcome.diagnostics);
  }
  // The report needs the diagram, laid out asynchronously: the other files are written meanwhile.
  io.progress?.(`Writing ${outcome.files.length} files and laying out the diagram…`);
  const svg = outcome.diagram ?? Promise.resolve('');
  const tail = await writeOutput(options.out, outcome.files, {
    cwd,
    notice: (text) => io.err(`${text}\n`),
    later: svg.then((drawn) => outputTail(outcome, drawn)),
  });
  io.progress?.('');
  // The summary lists the plan's files, as ever without the marker.
  const written = tail.filter((f) => f.path !== OUTPUT_MARKER_PATH).map((f) => f.path);
  const summary = { ...outcome.summary, files: [...outcome.summary.files, ...written] };
  if (options.json) {
    io.out(`${JSON.stringify({ ok: true, summary, diagnostics: outcome.diagnostics }, null, 2)}\n`);
  } else {
    io.out(coloured(io, summaryText(summary, outcome.design, options.out)));
    // Each finding once, in the configuration's terms where it has them.
    for (const block of formatDiagnostics(outcome.diagnostics)) io.err(`${severityColoured(io, block)}\n`);
  }
  return exitCodeFor(outcome.diagnostics);
}

function report(diagnostics: readonly Diagnostic[], options: PlanOptions, io: Io): void {
  if (options.json) {
    io.out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
    return;
  }
  for (const diagnostic of diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  io.err(`\n${diagnostics.length} problem(s); nothing was written.\n`);
}

/** The summary with its findings line in the colour of its worst severity. */
function coloured(io: Io, text: string): string {
  if (!io.color) return text;
  return text
    .split('\n')
    .map((line) => {
      if (!/^Findings: /.test(line)) return line;
      const errors = /^Findings: [1-9]/.test(line);
      const warnings = /, [1-9]\d* warning/.test(line);
      return paint(io, errors ? 'red' : warnings ? 'yellow' : 'green', line);
    })
    .join('\n');
}

/** A diagnostic's first line in its severity's colour (errors red, warnings yellow). */
function severityColoured(io: Io, block: string): string {
  const [head = '', ...rest] = block.split('\n');
  const severity = /: (error|warning): /.exec(head)?.[1];
  if (!io.color || severity === undefined) return block;
  return [paint(io, severity === 'error' ? 'red' : 'yellow', head), ...rest].join('\n');
}
