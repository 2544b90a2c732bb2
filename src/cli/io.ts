import { createInterface } from 'node:readline/promises';

/** Where a command writes: the process's streams, or a buffer in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** `out` is a terminal: colour there (see colorEnabled), and deploy's live view. */
  readonly isTTY?: boolean;
  /** `err` is a terminal: colour in its messages, and progress. */
  readonly errIsTTY?: boolean;
  /**
   * Colour in what goes to `out`; `run` decides it from `isTTY` and `env` (colorEnabled)
   * and `--no-color` when the caller leaves it out.
   */
  readonly color?: boolean;
  /** Colour in what goes to `err`, decided as `color` is, from `errIsTTY`. */
  readonly errColor?: boolean;
  /** A step of a long command, shown on a terminal and overwritten by the next; elsewhere nothing. */
  progress?(step: string): void;
  /** `out` is a terminal: deploy draws a live view there, timestamped lines elsewhere. */
  readonly live?: boolean;
  /** The terminal's size, read when drawing (it may change): a live view must fit it to be redrawn in place. */
  size?(): { readonly columns: number; readonly rows: number };
  /** A question to the person at the terminal; undefined when nobody can answer (not a terminal). */
  ask?(question: string): Promise<string>;
  /** The folder relative paths start from: the process's when absent (tests run the CLI in-process elsewhere). */
  readonly cwd?: string;
  /** The environment deploy and destroy read (sign-in, secure values), and colour: the process's when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** The time: deploy's timestamps, how often progress is redrawn, the report's date; the system's when absent. */
  now?(): Date;
  /** What a command says on `err` beyond its results: `--verbose`, or `--debug` (set by `run`). */
  readonly verbosity?: 'verbose' | 'debug';
}

const terminal = (stream: NodeJS.WriteStream) => stream.isTTY === true;

/** Whether whoever read stdout has gone (`baseplate verify … -o sarif | head`). */
let stdoutClosed = false;

/**
 * When the reader of stdout closes the pipe, the rest of the output has nobody
 * to go to: it is dropped, and the command ends with its own exit code, rather
 * than with an unhandled EPIPE error and its stack (Node emits it as an 'error'
 * event on the stream: nodejs.org/api/stream.html, "Event: 'error'").
 */
export function dropOutputOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
}

export const processIo: Io = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  isTTY: terminal(process.stdout),
  errIsTTY: terminal(process.stderr),
  progress: (step) => {
    if (terminal(process.stderr)) process.stderr.write(`\r\x1b[2K${step}`);
  },
  live: terminal(process.stdout),
  size: () => ({ columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 }),
  ...(process.stdin.isTTY ? { ask } : {}),
  now: () => new Date(),
};

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

/**
 * Whether to colour a stream, as Node decides for its own output:
 * - FORCE_COLOR set to 1, 2, 3, true or '' forces colour, even off a terminal and over NO_COLOR;
 *   any other value (0, false) turns it off (https://nodejs.org/api/cli.html#force_color1-2-3,
 *   as chalk's supports-color reads it too);
 * - otherwise NO_COLOR set and not empty turns it off (https://no-color.org);
 * - otherwise TERM=dumb turns it off, as Node's tty.hasColors does;
 * - otherwise colour on a terminal only.
 */
export function colorEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY === true;
}

/** The Io with its colour decided: what the caller set, else from its terminals and environment. */
export function withColor(io: Io, enabled = true): Io {
  const env = io.env ?? process.env;
  return {
    ...io,
    color: enabled && (io.color ?? colorEnabled(io.isTTY, env)),
    errColor: enabled && (io.errColor ?? io.color ?? colorEnabled(io.errIsTTY, env)),
  };
}

const CODES = { red: 31, yellow: 33, blue: 34, green: 32, bold: 1, dim: 2 } as const;

/** Text in a colour when the stream it goes to (`out` unless said) shows colour. */
export function paint(
  io: Io,
  colour: keyof typeof CODES,
  text: string,
  stream: 'out' | 'err' = 'out',
): string {
  const shown = stream === 'out' ? io.color : io.errColor;
  return shown ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

/** A line on `err` with `--verbose` or `--debug`. */
export function verbose(io: Io, text: string): void {
  if (io.verbosity !== undefined) io.err(`${paint(io, 'dim', `verbose: ${text}`, 'err')}\n`);
}

/** A line on `err` with `--debug`. */
export function debug(io: Io, text: string): void {
  if (io.verbosity === 'debug') io.err(`${paint(io, 'dim', `debug: ${text}`, 'err')}\n`);
}

/**
 * Progress that a long loop may report on every item: redrawn at most every
 * `everyMs` of the Io's clock, and only where the Io shows progress (a terminal).
 */
export function throttledProgress(io: Io, everyMs = 100): (step: string) => void {
  const show = io.progress;
  if (!show) return () => undefined;
  const now = () => (io.now ? io.now() : new Date()).getTime();
  let last = -Infinity;
  return (step) => {
    const at = now();
    if (at - last < everyMs) return;
    last = at;
    show(step);
  };
}
