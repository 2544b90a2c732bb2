/** What `plan` shows on a terminal: colour and progress only there, each finding once, the cost. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  it('colours the findings, shows its steps, and tells each finding', async () => {
    const { io, seen } = capture(true);
    const code = await run(['plan', '--config', config, '--out', join(dir, 'tty')], io);
    assert.equal(code, 0, seen.err);
    assert.ok(seen.out.includes(`${ESC}[33mFindings: 0 error(s), 1 warning(s)`), seen.out);
    assert.ok(
      seen.err.includes(`${ESC}[33m${config}:5:37: warning: spokes[0].cluster.userPools[0].minCount: `),
      seen.err,
    );
    assert.equal(seen.steps[0], 'Planning…');
    assert.match(seen.steps[1] ?? '', /^Writing \d+ files and laying out the diagram…$/);
    assert.equal(seen.steps.at(-1), '', 'the last step is cleared');
    assert.match(seen.out, /Cost: [\d.]+–[\d.]+ USD a month/);
  });

  it('writes plain text elsewhere: no colour, no progress', async () => {
    const { io, seen } = capture(false);
    await run(['plan', '--config', config, '--out', join(dir, 'pipe')], io);
    assert.ok(!(seen.out + seen.err).includes(ESC));
    assert.ok(
      seen.err.startsWith(`${config}:5:37: warning: spokes[0].cluster.userPools[0].minCount: `),
      seen.err,
    );
  });
});

/** How often `text` occurs in `within`. */
const count = (within: string, text: string) => within.split(text).length - 1;

// An error, a warning and two notes, each of one finding.
const several = join(dir, 'several.yaml');
writeFileSync(
  several,
  [
    'spokes:',
    '  - name: "00"',
    '    addressSpace: 10.240.0.0/16',
    '    cluster:',
    '      apiServer: { authorizedIpRanges: [0.0.0.0/0] }',
    '      userPools: [{ name: npuser01, minCount: 1, maxCount: 3 }]',
    '',
  ].join('\n'),
);

describe('each finding of a plan', () => {
  const codes = ['aks/api-server-access', 'aks/user-pool-size', 'aks/cluster-admin', 'cost/budget'];

  it('is printed once, with its fix once', async () => {
    const { io, seen } = capture(false);
    assert.equal(await run(['plan', '--config', several, '--out', join(dir, 'once')], io), 1);
    const all = seen.out + seen.err;
    for (const code of codes) assert.equal(count(all, `(${code})`), 1, `${code} in:\n${all}`);
    assert.equal(count(all, 'public API server open to every address'), 1);
    assert.equal(count(all, 'fix: Remove 0.0.0.0/0 from spokes[0].cluster.apiServer.authorizedIpRanges'), 1);
    // The summary counts them as findings.json holds them, and apart the two prices the built-in table
    // lacks (notes printed below it, on stderr); it does not list them again.
    assert.match(seen.out, /^Findings: 1 error\(s\), 1 warning\(s\), 2 note\(s\); report\/findings\.json$/m);
    assert.match(seen.out, /^Configuration and prices: 0 error\(s\), 0 warning\(s\), 2 note\(s\), below$/m);
    const findings = JSON.parse(readFileSync(join(dir, 'once', 'report', 'findings.json'), 'utf8')) as {
      findings: Array<{ severity: string }>;
    };
    assert.deepEqual(
      ['error', 'warning', 'info'].map((s) => findings.findings.filter((f) => f.severity === s).length),
      [1, 1, 2],
    );
    assert.doesNotMatch(seen.out, /aks\/api-server-access/);
  });

  it('is in the JSON output once: the summary counts, the diagnostics list', async () => {
    const { io, seen } = capture(false);
    await run(['plan', '--config', several, '--out', join(dir, 'json'), '--json'], io);
    const output = JSON.parse(seen.out) as {
      summary: Record<string, unknown>;
      diagnostics: Array<{ code: string }>;
    };
    assert.deepEqual(output.summary['findings'], { error: 1, warning: 1, info: 2 });
    assert.deepEqual(output.summary['otherDiagnostics'], { error: 0, warning: 0, info: 2 });
    for (const code of codes) {
      assert.equal(output.diagnostics.filter((d) => d.code === code).length, 1, code);
      assert.equal(count(seen.out, `"${code}"`), 1, `${code} once in the JSON`);
    }
    assert.equal(seen.err, '');
  });

  it('of a problem that several resources share is one block naming each', async () => {
    const twoSpokes = join(dir, 'two-spokes.yaml');
    writeFileSync(
      twoSpokes,
      'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [a.contoso.com] } }\n  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [b.contoso.com] } }\n',
    );
    const { io, seen } = capture(false);
    await run(['plan', '--config', twoSpokes, '--out', join(dir, 'two')], io);
    assert.equal(count(seen.err, '(cost/budget)'), 1, 'one budget for the subscription');
    assert.equal(count(seen.err, 'managedClusters/aks-bu0001a0008-0'), 4, 'each cluster named by both notes');
    assert.equal(count(seen.err, '(aks/cluster-admin)'), 2, 'each cluster has its own administrators');
  });
});
