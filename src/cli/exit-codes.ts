/**
 * Exit codes, the contract of every command (README.md, "Exit codes"): they follow from the
 * kind and severity of the diagnostics, never from message text.
 */
import type { Diagnostic } from '../core/index.js';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';
import { sourceMappedStack } from './stack-trace.js';

export const ExitCode = {
  /** Done, no error findings. */
  ok: 0,
  /** The design has findings at error level. */
  findings: 1,
  /** Bad input or usage: nothing was written. */
  usage: 2,
  /** An Azure operation failed. */
  azure: 3,
  /** A bug in Baseplate (EX_SOFTWARE of sysexits.h): never a finding, so scripts can tell the two apart. */
  internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(diagnostics: readonly Diagnostic[]): ExitCode {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => d.kind === 'input')) return ExitCode.usage;
  if (errors.length > 0) return ExitCode.findings;
  return ExitCode.ok;
}

/** A problem with how the command was called: reported, then exit code 2. */
export class UsageError extends Error {}

/** Where a user reads how to report a bug: the README the package installs with it. */
export const BUG_REPORTS = `"Reporting a bug" in ${join(PACKAGE_ROOT, 'README.md')}`;

/** What an internal error prints: it is Baseplate's fault, the trace is what a fix needs, and where it goes. */
export function internalErrorText(error: unknown): string {
  const trace = error instanceof Error ? sourceMappedStack(error.stack ?? error.message) : String(error);
  return (
    `baseplate: internal error (exit code ${ExitCode.internal}), a bug in Baseplate; please report it ` +
    `(how and where: ${BUG_REPORTS}) with the command you ran and this trace:\n${trace}\n`
  );
}
