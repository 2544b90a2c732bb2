/**
 * The command line for tests. `runCli` runs `run()` in this process with an Io
 * that buffers what it writes (not a terminal unless asked: no colour, no live
 * view, no progress) and starts from the test's folder; `startCli`/`serveCli` do the same
 * for a command that runs until stopped. Only the smoke tests start the
 * installed command in a process of its own (`runProcess`).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServeIo } from '../../src/cli/commands/serve.js';
import { run } from '../../src/cli/main.js';
import { repoRoot } from '../helpers.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** The working folder relative paths start from; the process's when absent. */
  readonly cwd?: string;
  /**
   * The environment the command reads; when absent, the process's without what
   * decides colour (FORCE_COLOR, NO_COLOR, TERM), so that a test sees the same
   * wherever it runs.
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * As on a terminal (stdout and stderr): colour unless `env` says otherwise, a live
   * view of the given size (80×24 with `true`), and the progress steps, recorded in
   * the result's `steps`.
   */
  readonly terminal?: boolean | { readonly columns: number; readonly rows: number };
  /** The clock (deploy's timestamps, how often progress is redrawn, the report's date); the system's when absent. */
  readonly now?: () => Date;
  /** The answers typed to the command's questions, in order; none: nobody can answer (not a terminal). */
  readonly answers?: readonly string[];
}

export interface CliRun extends CliResult {
  /** The progress steps shown, on a terminal only. */
  readonly steps: readonly string[];
  /** The questions asked, when `answers` were given. */
  readonly questions: readonly string[];
}

/** A command started in-process: what it has written so far, and its end. */
export interface Started {
  stdout(): string;
  stderr(): string;
  /** Calls `listener` with everything written to stdout so far on each write; returns its removal. */
  watch(listener: (stdout: string) => void): () => void;
  /** Settles when the command ends. */
  readonly done: Promise<CliRun>;
  /** Stops a command that runs until stopped (serve), then waits for its end. */
  stop(): Promise<CliRun>;
}

/** The CLI's entry point, or a stand-in for it (to test these helpers). */
export type Runner = (argv: readonly string[], io: ServeIo) => Promise<number>;

/** Starts `baseplate ...args` in this process. */
export function startCli(args: readonly string[], options: CliOptions = {}, runner: Runner = run): Started {
  let stdout = '';
  let stderr = '';
  const steps: string[] = [];
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  const listeners = new Set<(stdout: string) => void>();
  const controller = new AbortController();
  const terminal = options.terminal === true ? { columns: 80, rows: 24 } : options.terminal || undefined;
  const io: ServeIo = {
    out: (text) => {
      stdout += text;
      for (const listener of listeners) listener(stdout);
    },
    err: (text) => (stderr += text),
    ...(terminal
      ? {
          isTTY: true,
          errIsTTY: true,
          live: true,
          progress: (step: string) => steps.push(step),
          size: () => terminal,
        }
      : {}),
    ...(options.answers
      ? {
          ask: (question: string) => {
            questions.push(question);
            return Promise.resolve(answers.shift() ?? '');
          },
        }
      : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    env: options.env ?? withoutColourSettings(process.env),
    ...(options.now ? { now: options.now } : {}),
    signal: controller.signal,
  };
  const done = runner(args, io).then((code) => ({ code, stdout, stderr, steps, questions }));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    done,
    stop() {
      controller.abort();
      return done;
    },
  };
}

/** `env` without the variables that decide colour. */
function withoutColourSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, TERM: _term, ...rest } = env;
  return rest;
}

/** `baseplate ...args` run in this process to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** How long a server may take to print its address before a test gives up on it. */
export const START_MS = 15_000;

export interface Serving {
  readonly url: string;
  /** Stops the server; resolves with what the command wrote and its exit code. */
  stop(): Promise<CliRun>;
}

/**
 * Resolves once `started` prints the address it listens on; rejects if it ends
 * first, or stops it and rejects if it prints none within `timeoutMs`.
 */
export function listening(started: Started, timeoutMs = START_MS): Promise<Serving> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // Called only from callbacks, never before `unwatch` is set below.
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unwatch();
      then();
    };
    const timer = setTimeout(
      () =>
        settle(() => {
          const output = started.stdout() + started.stderr();
          reject(new Error(`no address printed within ${timeoutMs} ms; output: ${output}`));
          void started.stop();
        }),
      timeoutMs,
    );
    started.done.then(
      (result) =>
        settle(() => reject(new Error(`serve ended with exit code ${result.code}: ${result.stderr}`))),
      (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
    const found = (stdout: string) => {
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) settle(() => resolve({ url, stop: () => started.stop() }));
    };
    const unwatch = started.watch(found);
    found(started.stdout());
  });
}

/** `baseplate serve --port 0 ...args` in this process, once it listens. */
export function serveCli(cwd: string, ...args: string[]): Promise<Serving> {
  return listening(startCli(['serve', '--port', '0', ...args], { cwd }));
}

/** The installed command, as package.json's `bin` names it. */
export const executable = join(
  repoRoot,
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: { baseplate: string } }).bin
    .baseplate,
);

export interface ProcessOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Node's own options, before the command (e.g. `--import` of a module that injects a fault). */
  readonly nodeArgs?: readonly string[];
}

let temporary: string | undefined;

/** The smoke tests' temporary folder: what the command keeps there (its cache) stays out of the user's. */
function smokeTemporary(): string {
  if (temporary === undefined) {
    const made = mkdtempSync(join(tmpdir(), 'baseplate-smoke-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    temporary = made;
  }
  return temporary;
}

/** `baseplate ...args` in a process of its own, as a user runs it: for the smoke tests only. */
export function runProcess(args: readonly string[], options: ProcessOptions): Promise<CliResult> {
  const env = options.env ?? process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), executable, ...args],
      // The time-out only ends a command that would never exit (a test then fails instead of hanging).
      {
        cwd: options.cwd,
        env: { ...env, TMPDIR: env['TMPDIR'] === process.env['TMPDIR'] ? smokeTemporary() : env['TMPDIR'] },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error?.killed) return reject(new Error(`baseplate ${args.join(' ')} did not exit: ${stderr}`));
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
