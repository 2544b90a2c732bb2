/**
 * Presets that agree with themselves, and `init` as a new user meets it: every
 * preset plans with no error or warning from its own defaults, a starter file
 * takes the preset it is switched to, the dev preset refuses a production
 * environment with a fix that keeps the preset, and the README's `init`
 * examples run as written.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PRESETS } from '../src/core/config/schema/index.js';
import { starterConfig, starterFormat } from '../src/core/config/starter.js';
import type { PlanSummary } from '../src/core/report/summary.js';
import { configOf, only, planErrors, planOk, planYaml, repoRoot, temporaryFolders } from './helpers.js';
import { runCli } from './support/cli.js';

const workspace = temporaryFolders('presets');

/** The errors and warnings a plan of `text` gives (config problems and findings alike). */
function problems(text: string): string[] {
  const outcome = planYaml(text);
  return outcome.diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.severity} ${d.code}: ${d.message}`);
}

/**
 * `baseplate plan --json` of `config` in `cwd`, as the CLI counts its diagnostics (schema checks
 * included): the findings and the others (on the configuration, prices the table lacks) together.
 */
async function planFindings(cwd: string, config: string): Promise<PlanSummary['findings']> {
  const run = await runCli(['plan', '--config', config, '--out', `out-${config}`, '--json'], { cwd });
  assert.equal(run.code, 0, `${config}: ${run.stderr}${run.stdout.slice(0, 2000)}`);
  const { findings, otherDiagnostics } = (JSON.parse(run.stdout) as { summary: PlanSummary }).summary;
  return {
    error: findings.error + otherDiagnostics.error,
    warning: findings.warning + otherDiagnostics.warning,
    info: findings.info + otherDiagnostics.info,
  };
}

describe('presets', () => {
  for (const preset of PRESETS) {
    it(`${preset}: its own defaults give no error and no warning`, () => {
      assert.deepEqual(problems(`preset: ${preset}`), []);
      assert.deepEqual(problems(starterConfig(preset, 'abcde')), []);
      assert.deepEqual(problems(starterConfig(preset, 'abcde', 'json')), []);
    });
  }

  it('sets the environment it depends on: baseline prod, dev dev', () => {
    assert.equal(configOf('preset: baseline').naming.environment, 'prod');
    assert.equal(configOf('preset: dev').naming.environment, 'dev');
    assert.equal(planOk('preset: dev').design.spokes[0]?.environment, 'dev');
  });

  it('a starter file switched to the other preset takes that preset whole, with no finding', () => {
    for (const [from, to] of [
      ['baseline', 'dev'],
      ['dev', 'baseline'],
    ] as const) {
      const switched = starterConfig(from, 'abcde').replace(`\npreset: ${from}\n`, `\npreset: ${to}\n`);
      assert.match(switched, new RegExp(`\\npreset: ${to}\\n`));
      assert.deepEqual(configOf(switched), configOf(starterConfig(to, 'abcde')), `${from} → ${to}`);
      assert.deepEqual(problems(switched), [], `${from} → ${to}`);
    }
  });

  it('refuses the dev preset in a production environment, at the line that makes it production', () => {
    const text = 'preset: dev\nnaming:\n  environment: prod\n';
    const error = only(planErrors(text), 'config/preset-environment');
    assert.deepEqual(error.path, ['naming', 'environment']);
    assert.equal(error.severity, 'error');
    assert.deepEqual(error.position, { line: 3, column: 16 });
    assert.match(error.message, /production environment, but preset dev/);
    assert.match(error.fix ?? '', /non-production environment .*remove the line.*preset baseline/);

    // A spoke that names its own production environment is blamed there.
    const spoke = only(
      planErrors(`preset: dev
spokes:
  - { name: '00', addressSpace: 10.240.0.0/16 }
  - { name: '01', addressSpace: 10.241.0.0/16, environment: prod, ingress: { hostNames: [b.contoso.com] } }
`),
      'config/preset-environment',
    );
    assert.deepEqual(spoke.path, ['spokes', 1, 'environment']);
    assert.equal(spoke.value, 'prod');
  });

  it('accepts the dev preset wherever no spoke is production, and baseline in any environment', () => {
    for (const text of [
      'preset: dev\nnaming: { environment: test }',
      // The top-level name is production, but every spoke names its own.
      "preset: dev\nnaming: { environment: prod }\nspokes: [{ name: '00', addressSpace: 10.240.0.0/16, environment: dev }]",
      'preset: baseline\nnaming: { environment: dev }',
      'naming: { environment: preprod }',
    ])
      assert.deepEqual(problems(text), [], text);
  });
});

describe('init', () => {
  it('writes JSON to a .json file, with the schema for editors, which plan reads as the YAML starter', async () => {
    const dir = workspace();
    const run = await runCli(['init', '--out', 'baseplate.json', '--preset', 'dev'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const text = readFileSync(join(dir, 'baseplate.json'), 'utf8');
    const json = JSON.parse(text) as { $schema: string; preset: string; naming: { suffix: string } };
    assert.equal(json.$schema, './baseplate.schema.json');
    assert.equal(json.preset, 'dev');
    const { $schema, ...config } = configOf(text);
    assert.equal($schema, './baseplate.schema.json');
    assert.deepEqual(config, configOf(starterConfig('dev', json.naming.suffix)));
    assert.deepEqual(await planFindings(dir, 'baseplate.json'), { error: 0, warning: 0, info: 1 });
    assert.deepEqual(['x.json', 'X.JSON', 'x.yaml', 'x.yml', 'x', 'json'].map(starterFormat), [
      'json',
      'json',
      'yaml',
      'yaml',
      'yaml',
      'yaml',
    ]);
  });

  it('prints a next step that runs from any folder', async () => {
    const run = await runCli(['init'], { cwd: workspace() });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Next: edit it, then run `npx -y aks-baseplate plan --config baseplate\.yaml`/);
    assert.doesNotMatch(run.stdout, /npx baseplate/);
  });

  it('refuses an existing file with exit 2, naming --force and another --out, and leaves it as it was', async () => {
    const dir = workspace();
    assert.equal((await runCli(['init'], { cwd: dir })).code, 0);
    const first = readFileSync(join(dir, 'baseplate.yaml'), 'utf8');
    const again = await runCli(['init', '--preset', 'dev'], { cwd: dir });
    assert.equal(again.code, 2);
    assert.equal(again.stdout, '');
    assert.match(
      again.stderr,
      /baseplate\.yaml exists already; pass --force to overwrite it, or --out to write another file \(e\.g\. --out baseplate\.dev\.yaml\)\./,
    );
    assert.equal(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'), first);
    // The suggested name is free and works as given.
    const beside = await runCli(['init', '--preset', 'dev', '--out', 'baseplate.dev.yaml'], { cwd: dir });
    assert.equal(beside.code, 0, beside.stderr);
    assert.deepEqual(readdirSync(dir).sort(), [
      'baseplate.dev.yaml',
      'baseplate.schema.json',
      'baseplate.yaml',
    ]);
  });

  it("runs the README's init examples as written, in one folder, and plans each file with no finding above a note", async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const block = /### 1\. Write a configuration\s+```sh\n([^`]*)```/.exec(readme)?.[1];
    assert.ok(block, 'the README shows how to write a configuration');
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    assert.ok(commands.length >= 2);
    const dir = workspace();
    const written: string[] = [];
    for (const command of commands) {
      const [program, ...args] = command.split(/\s+/);
      assert.equal(program, 'baseplate', command);
      const run = await runCli(args, { cwd: dir });
      assert.equal(run.code, 0, `${command}: ${run.stderr}`);
      const file = /^Wrote (\S+)/.exec(run.stdout)?.[1];
      assert.ok(file, run.stdout);
      written.push(file);
    }
    assert.ok(
      written.some((file) => file.endsWith('.json')),
      'one example writes JSON',
    );
    for (const file of written) {
      const findings = await planFindings(dir, file);
      assert.deepEqual([findings.error, findings.warning], [0, 0], file);
    }
  });
});
