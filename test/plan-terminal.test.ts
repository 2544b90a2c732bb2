/** What `plan` shows on a terminal: colour and progress only there, the top findings, the cost. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Io } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';

/** The escape that starts an ANSI colour. */
const ESC = String.fromCharCode(27);

const dir = mkdtempSync(join(tmpdir(), 'baseplate-terminal-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture(terminal: boolean) {
  const seen = { out: '', err: '', steps: [] as string[] };
  const io: Io = {
    out: (text) => (seen.out += text),
    err: (text) => (seen.err += text),
    color: terminal,
    progress: terminal ? (step) => seen.steps.push(step) : undefined,
  };
  return { io, seen };
}

// One user pool of one node: a warning the summary lists.
const config = join(dir, 'baseplate.yaml');
writeFileSync(
  config,
  'spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n    cluster:\n      userPools: [{ name: npuser01, minCount: 1, maxCount: 3 }]\n',
);

describe('plan on a terminal', () => {
  it('colours the findings, shows its steps, and lists the top findings', async () => {
    const { io, seen } = capture(true);
    const code = await run(['plan', '--config', config, '--out', join(dir, 'tty')], io);
    assert.equal(code, 0, seen.err);
    // aks/user-pool-size, and the prices the built-in table lacks (prices/missing).
    assert.ok(seen.out.includes(`${ESC}[33mFindings: 0 error(s), `), seen.out);
    assert.ok(seen.out.includes(`${ESC}[33m  warning aks/user-pool-size: `));
    assert.equal(seen.steps[0], 'Planning…');
    assert.match(seen.steps[1] ?? '', /^Writing \d+ files and laying out the diagram…$/);
    assert.equal(seen.steps.at(-1), '', 'the last step is cleared');
    assert.match(seen.out, /Cost: [\d.]+–[\d.]+ USD a month/);
  });

  it('writes plain text elsewhere: no colour, no progress', async () => {
    const { io, seen } = capture(false);
    await run(['plan', '--config', config, '--out', join(dir, 'pipe')], io);
    assert.ok(!(seen.out + seen.err).includes(ESC));
    assert.match(seen.out, /^ {2}warning aks\/user-pool-size: /m);
  });
});
