import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCodeFor, ExitCode } from '../src/cli/exit-codes.js';
import type { Diagnostic } from '../src/core/diagnostics.js';

const diagnostic = (kind: Diagnostic['kind'], severity: Diagnostic['severity']): Diagnostic => ({
  code: 'x',
  kind,
  severity,
  message: 'm',
});

describe('exit codes follow the diagnostics, never their text', () => {
  it('0 with nothing, or only warnings and notes', () => {
    assert.equal(exitCodeFor([]), ExitCode.ok);
    assert.equal(exitCodeFor([diagnostic('finding', 'warning'), diagnostic('input', 'info')]), 0);
  });

  it('1 for an error finding', () => {
    assert.equal(exitCodeFor([diagnostic('finding', 'error'), diagnostic('finding', 'warning')]), 1);
  });

  it('2 for bad input, even alongside error findings', () => {
    assert.equal(exitCodeFor([diagnostic('finding', 'error'), diagnostic('input', 'error')]), 2);
  });
});
