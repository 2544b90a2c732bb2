import { createInterface } from 'node:readline/promises';

/** Where a command writes: the process's streams, or a buffer in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour in what goes to `out`: only on a terminal, and never with NO_COLOR set. */
  readonly color?: boolean;
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
  /** The environment deploy and destroy read (sign-in, secure values): the process's when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** The clock: what dates the report (tests inject a fixed one); the system's when absent. */
  now?(): Date;
}

const terminal = (stream: NodeJS.WriteStream) => stream.isTTY === true;

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: terminal(process.stdout) && !process.env['NO_COLOR'],
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

const CODES = { red: 31, yellow: 33, blue: 34, green: 32, bold: 1 } as const;

/** Text in a colour when the Io shows colour. */
export function paint(io: Io, colour: keyof typeof CODES, text: string): string {
  return io.color ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}
