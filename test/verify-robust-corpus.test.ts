/**
 * The foreign-style corpus (issue 26, points 1 and 7): Kubernetes manifests of
 * API groups Baseplate bundles no schema for, a Flux repository, and hostile
 * files, all written for this test from the patterns the issue lists
 * (test/fixtures/foreign/). `verify` runs on each part and on all of it, in
 * every format: it never crashes, each hostile file is a problem of its own
 * while the others are still judged, and the error-level findings are the
 * ones labelled here by hand, each with why it is right. The share of correct
 * error findings is printed as the measure.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FindingsReport } from '../src/core/formats/findings.js';
import { kustomizePatches } from '../src/core/verify/kustomize-patches.js';
import { repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

let dir = '';

/** Made at run time: what a repository cannot hold, or should not (2 MB). */
const GENERATED = {
  'hostile/pipe.json': 'is a named pipe, which verify does not read',
  'hostile/dangling.yaml': 'is a link to nothing',
  'hostile/loop': 'is a folder read already, reached again through a link: not read twice',
  'hostile/zero.json': 'is a device, which verify does not read',
  'hostile/deep.json': 'nests values more than 256 levels deep, which verify does not read',
  'hostile/brackets-2mb.yaml': 'nests values more than 256 levels deep, which verify does not read',
};

/** Each hostile file of the corpus, and the start of the problem it is. */
const HOSTILE: Readonly<Record<string, string>> = {
  ...GENERATED,
  'hostile/brackets.yaml': 'nests values more than 256 levels deep',
  'hostile/brackets.json': 'is not valid JSON',
  'hostile/alias-bomb.yaml': 'uses aliases that expand to more than',
  'hostile/missing-anchor.yaml': 'is not valid YAML: Unresolved alias',
  'hostile/duplicate-keys.yaml': 'is not valid YAML: Map keys must be unique',
};

/**
 * Every error-level finding expected on the whole corpus, as `file | code |
 * start of message`, each judged right by hand. The hostile files' problems
 * (above) are expected too.
 */
const EXPECTED_ERRORS: readonly string[] = [
  // A Service of type LoadBalancer with no internal annotation gets a public address.
  'kubernetes/storefront.yaml | k8s/internal-load-balancer | Service storefront/storefront-public: a public load balancer',
  // Written as-is, the subnet has no route table: its internet traffic takes Azure's default route.
  'hostile/resources-with-odd-values.json | net/subnet-egress | vnet-spoke/snet-ingress: no route table',
  // Each value below is of a shape the Kubernetes API refuses, as its OpenAPI schema says.
  'hostile/shapes.yaml | schema/kubernetes | NetworkPolicy peers-as-a-map: data/spec/ingress must be array',
  'hostile/shapes.yaml | schema/kubernetes | NetworkPolicy null-peers: data/spec/egress/0/to/0 must be object',
  'hostile/shapes.yaml | schema/kubernetes | NetworkPolicy null-peers: data/spec/egress/0/to/1 must be object',
  'hostile/shapes.yaml | schema/kubernetes | NetworkPolicy null-peers: data/spec/egress/0/to/2/podSelector must be object',
  'hostile/shapes.yaml | schema/kubernetes | NetworkPolicy null-peers: data/spec/podSelector must be object',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/replicas must be integer',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/metadata/labels/version must be string',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/containers/0 must be object',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/containers/1 must be object',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/containers/2/ports must be array',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/containers/2/resources must be object',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/containers/2/securityContext must be object',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/tolerations must be array',
  'hostile/shapes.yaml | schema/kubernetes | Deployment odd: data/spec/template/spec/volumes must be array',
  'hostile/shapes.yaml | schema/kubernetes | PodDisruptionBudget odd: data/spec/selector must be object',
  // Every hostile file but the folder reached again through a link: read once already, that is a warning.
  ...Object.entries(HOSTILE)
    .filter(([file]) => file !== 'hostile/loop')
    .map(([file, message]) => `${file} | verify/input | ${message}`),
];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'baseplate-corpus-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'foreign'), dir, { recursive: true });
  const hostile = join(dir, 'hostile');
  execFileSync('mkfifo', [join(hostile, 'pipe.json')]);
  symlinkSync(join(hostile, 'nowhere.yaml'), join(hostile, 'dangling.yaml'));
  symlinkSync(hostile, join(hostile, 'loop'));
  symlinkSync('/dev/zero', join(hostile, 'zero.json'));
  writeFileSync(join(hostile, 'deep.json'), `${'['.repeat(5000)}${']'.repeat(5000)}`);
  writeFileSync(join(hostile, 'brackets-2mb.yaml'), '['.repeat(2 * 1024 * 1024));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const PARTS = [['kubernetes'], ['flux'], ['hostile'], ['kubernetes', 'flux', 'hostile']] as const;

describe('the foreign-style corpus', () => {
  for (const part of PARTS)
    it(`verify ${part.join(' ')}: exit 0, 1 or 2, and every format parses`, async () => {
      const text = await runCli(['verify', ...part], { cwd: dir });
      assert.ok([0, 1, 2].includes(text.code), `exit ${text.code}: ${text.stderr}`);
      assert.equal(text.stderr, '');
      assert.match(
        text.stdout,
        /^Rules: \d+ \(\d+ not applicable\); checks passed \d+, failed \d+, unknown \d+; findings suppressed \d+$/m,
      );
      const json = await runCli(['verify', ...part, '--format', 'json'], { cwd: dir });
      assert.equal(json.code, text.code);
      const report = JSON.parse(json.stdout) as FindingsReport;
      assert.ok(
        report.findings.every((f) => f.code !== 'verify/rule-failed'),
        json.stdout,
      );
      const sarif = await runCli(['verify', ...part, '--format', 'sarif'], { cwd: dir });
      assert.equal(sarif.code, text.code);
      const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: unknown[] }> };
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0]?.results.length, report.findings.length + report.suppressed.length);
    });

  it('names each hostile file as a problem of its own, and still judges the others', async () => {
    const run = await runCli(['verify', 'hostile', '--format', 'json'], { cwd: dir });
    assert.equal(run.code, 2);
    const { findings } = JSON.parse(run.stdout) as FindingsReport;
    for (const [file, message] of Object.entries(HOSTILE)) {
      const about = findings.filter((f) => f.file === file);
      assert.equal(about.length, 1, `${file}: ${JSON.stringify(about)}`);
      assert.ok(about[0]!.message.startsWith(message), about[0]!.message);
    }
    // Valid YAML with an anchor used 150 times is read like any other.
    assert.deepEqual(
      findings.filter((f) => f.file === 'hostile/many-aliases.yaml' && f.severity !== 'info'),
      [],
    );
    // The files with values of odd shapes are judged, by the schemas and by the rules.
    const judged = (file: string) => findings.filter((f) => f.file === file && !f.code.startsWith('schema/'));
    assert.ok(judged('hostile/shapes.yaml').some((f) => f.code === 'k8s/default-deny'));
    assert.ok(judged('hostile/resources-with-odd-values.json').some((f) => f.code === 'net/subnet-egress'));
    // Policies the API server refuses leave what they allow unknown, never judged.
    assert.ok(
      findings.some(
        (f) =>
          f.code === 'netpol/dns' &&
          f.severity === 'info' &&
          /peers-as-a-map: spec.ingress is not a list/.test(f.message),
      ),
    );
  });

  it('gives the error-level findings labelled by hand, and no other', async () => {
    const run = await runCli(['verify', ...PARTS[3], '--format', 'json'], { cwd: dir });
    const errors = (JSON.parse(run.stdout) as FindingsReport).findings
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.file ?? ''} | ${f.code} | ${f.message}`);
    const expected = (finding: string) => EXPECTED_ERRORS.some((e) => finding.startsWith(e));
    const correct = errors.filter(expected);
    process.stdout.write(
      `# corpus: ${correct.length} of ${errors.length} error-level findings correct (${((100 * correct.length) / Math.max(1, errors.length)).toFixed(0)} %)\n`,
    );
    assert.deepEqual(
      errors.filter((f) => !expected(f)),
      [],
      'error-level findings nobody labelled',
    );
    assert.deepEqual(
      EXPECTED_ERRORS.filter((e) => !errors.some((f) => f.startsWith(e))),
      [],
      'labelled findings not given',
    );
  });
});

describe('kustomize patches', () => {
  it('are named as such in a Flux repository, not judged alone as objects', async () => {
    const run = await runCli(['verify', 'flux', '--format', 'json'], { cwd: dir });
    const about = (JSON.parse(run.stdout) as FindingsReport).findings.filter(
      (f) => f.file === 'flux/apps/staging/replicas.yaml',
    );
    assert.deepEqual(
      about.map((f) => [f.severity, f.code, f.message]),
      [
        [
          'info',
          'verify/not-read',
          'is a patch that flux/apps/staging/kustomization.yaml applies: part of an object, not judged alone',
        ],
      ],
    );
  });

  it('are the files of patches, patchesStrategicMerge and patchesJson6902, relative to their kustomization', () => {
    const kustomization = [
      'patches: [{ path: a.yaml }, { patch: "inline" }, null]',
      'patchesStrategicMerge: [../base/b.yaml, "apiVersion: v1\\nkind: X\\n"]',
      'patchesJson6902: [{ target: { kind: X }, path: ./c.yaml }]',
    ].join('\n');
    const files = ['o/kustomization.yaml', 'o/a.yaml', 'base/b.yaml', 'o/c.yaml', 'o/d.yaml', 'a.yaml'];
    const sources = files.map((name) => ({
      name,
      text: name.endsWith('kustomization.yaml') ? kustomization : 'x: 1',
    }));
    assert.deepEqual([...kustomizePatches(sources).keys()], ['o/a.yaml', 'base/b.yaml', 'o/c.yaml']);
  });
});
