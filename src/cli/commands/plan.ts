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
import { ExitCode, exitCodeFor } from '../exit-codes.js';
import type { DiagramLayouts } from '../diagram/layout.js';
import { writeOutput } from '../output.js';
import type { KeptPlan, KeptPlans, PlanInputs } from '../kept-plans.js';
import type { KeptValidations } from '../schemas/kept-validations.js';
import { schemaValidators } from '../schemas/validators.js';
import { paint, verbose } from '../io.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { reportDate } from '../report-date.js';
import type { Io } from '../io.js';
import type { OutputFormat } from '../output-format.js';
import { formatOf, PLAN_FORMATS, printData } from '../output-format.js';

export interface PlanOptions {
  readonly config?: string;
  readonly out: string;
  /** `-o`: table (default), json, yaml or sarif. */
  readonly output?: string;
  /** `--json`, the same as `-o json`. */
  readonly json?: boolean;
  /** A price table replacing the built-in one. */
  readonly prices?: string;
}

/**
 * `layouts` lay out the diagram, while the plan verifies and writes;
 * `validations` answer the schema checks it asked before; `kept` holds the
 * plans of earlier runs, whole (the installed command's, not the tests').
 */
export async function planCommand(
  options: PlanOptions,
  io: Io,
  layouts: DiagramLayouts,
  validations?: KeptValidations,
  kept?: KeptPlans,
): Promise<ExitCode> {
  const format = formatOf(options, PLAN_FORMATS, '--out DIR');
  io.progress?.('Planning…');
  const cwd = workingFolder(io);
  const source = await readConfigSource(options.config, cwd);
  verbose(io, `configuration: ${source.name}`);
  const pricesText = options.prices === undefined ? undefined : await readTextFile(options.prices, cwd);
  const prices =
    options.prices === undefined || pricesText === undefined
      ? { ok: true as const, table: PRICES }
      : parsePriceTable(options.prices, pricesText);
  if (!prices.ok) {
    report(prices.diagnostics, format, io);
    return exitCodeFor(prices.diagnostics);
  }
  // The report's date: SOURCE_DATE_EPOCH for reproducible output, else today (UTC) by the injected clock.
  const dated = reportDate((io.env ?? process.env)['SOURCE_DATE_EPOCH'], io.now?.() ?? new Date());
  if (!dated.ok) {
    io.err(`${dated.message}\nNothing was written.\n`);
    return ExitCode.usage;
  }
  const inputs: PlanInputs = {
    name: source.name,
    text: source.text,
    prices: pricesText,
    date: dated.date,
    out: options.out,
    version: PACKAGE_VERSION,
  };
  const before = kept?.read(inputs);
  if (before) {
    verbose(io, 'the same inputs as a plan kept from an earlier run: writing what it wrote, not planning');
    io.progress?.(`Writing ${before.files.length + before.tail.length} files…`);
    await writeOutput(options.out, before.files, {
      cwd,
      notice: (text) => io.err(`${text}\n`),
      later: Promise.resolve(before.tail),
    });
    io.progress?.('');
    verbose(
      io,
      `wrote ${before.files.length + before.tail.length - 1} files and the marker to ${options.out}`,
    );
    return told(before, format, io);
  }
  const outcome = plan(source, {
    prices: prices.table,
    layout: layouts.forPlan(),
    schemas: validations?.wrap(schemaValidators) ?? schemaValidators,
  });
  if (!outcome.ok) {
    report(outcome.diagnostics, format, io);
    return exitCodeFor(outcome.diagnostics);
  }
  // The report needs the diagram, laid out asynchronously: the other files are written meanwhile.
  io.progress?.(`Writing ${outcome.files.length} files and laying out the diagram…`);
  const svg = outcome.diagram ?? Promise.resolve('');
  const tail = await writeOutput(options.out, outcome.files, {
    cwd,
    notice: (text) => io.err(`${text}\n`),
    later: svg.then((drawn) => outputTail(outcome, drawn, { date: dated.date, version: PACKAGE_VERSION })),
  });
  io.progress?.('');
  // The summary lists the plan's files, as ever without the marker.
  const written = tail.filter((f) => f.path !== OUTPUT_MARKER_PATH).map((f) => f.path);
  const summary = { ...outcome.summary, files: [...outcome.summary.files, ...written] };
  verbose(io, `wrote ${outcome.files.length + written.length} files and the marker to ${options.out}`);
  const done: KeptPlan = {
    files: outcome.files,
    tail,
    summary,
    summaryText: summaryText(summary, outcome.design, options.out),
    diagnostics: outcome.diagnostics,
  };
  kept?.keep(inputs, done);
  return told(done, format, io);
}

/** What a plan says, in the format asked for, and its exit code. */
function told(done: KeptPlan, format: OutputFormat, io: Io): ExitCode {
  if (format === 'json' || format === 'yaml') {
    printData(io, format, { ok: true, summary: done.summary, diagnostics: done.diagnostics });
  } else if (format === 'sarif') {
    // What plan wrote beside findings.json: the findings of the written artifacts.
    io.out(done.files.find((f) => f.path === SARIF_PATH)?.content ?? '');
  } else {
    io.out(coloured(io, done.summaryText));
    // Each finding once, in the configuration's terms where it has them.
    for (const block of formatDiagnostics(done.diagnostics)) io.err(`${severityColoured(io, block)}\n`);
  }
  return exitCodeFor(done.diagnostics);
}

/** The file of the findings in SARIF, written beside findings.json. */
const SARIF_PATH = 'report/findings.sarif';

/** A plan refused: as data for json and yaml; otherwise each problem on stderr (no SARIF: these are no findings). */
function report(diagnostics: readonly Diagnostic[], format: OutputFormat, io: Io): void {
  if (format === 'json' || format === 'yaml') {
    printData(io, format, { ok: false, diagnostics });
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
