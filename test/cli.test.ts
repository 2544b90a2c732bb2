/**
 * The `baseplate` command line as a user runs it: in-process through `run()`,
 * in a folder of the test's own; and the installed command in a process of its
 * own once per command (the smoke tests at the end).
 */
import assert from 'node:assert/strict';
import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';

import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { cacheFolder } from '../src/cli/cache-folder.js';
import { colorEnabled, withColor } from '../src/cli/io.js';
import type { PlanSummary } from '../src/core/report/summary.js';
import { repoRoot, temporaryFolders } from './helpers.js';
import { executable, runCli, runProcess, START_MS } from './support/cli.js';

const workspace = temporaryFolders('cli');

/** `baseplate ...args` run in `cwd`, in-process. */
const baseplate = (cwd: string, ...args: string[]) => runCli(args, { cwd });

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry): [string, string] => {
        const path = join(entry.parentPath, entry.name);
        return [path.slice(folder.length), readFileSync(path, 'utf8')];
      })
      .sort((a, b) => a[0].localeCompare(b[0])),
  );
}

/** The escape that starts an ANSI colour. */
const ESC = String.fromCharCode(27);

const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('baseplate plan', () => {
  it('plans the built-in baseline when there is no configuration, and says what it wrote', async () => {
    const dir = workspace();
    const run = await baseplate(dir, 'plan');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Baseplate plan of \(built-in default\) \(preset baseline\)/);
    assert.match(run.stdout, /snet-nodes\s+10\.240\.0\.0\/22/);
    assert.match(run.stdout, /Wrote \d+ files to out/);
    for (const file of [
      'baseplate.resolved.json',
      'report/ip-plan.json',
      'report/ip-plan.md',
      'report/design.json',
      'azure/01-hub.json',
      'azure/deployment-order.json',
      'azure/resources.json',
    ]) {
      assert.ok(existsSync(join(dir, 'out', file)), file);
    }
    assert.deepEqual(readdirSync(dir), ['out'], 'nothing beside the output: no staging folder left');
  });

  it('writes byte-identical files on every run', async () => {
    const dir = workspace();
    assert.equal((await baseplate(dir, 'plan', '--out', 'a')).code, 0);
    assert.equal((await baseplate(dir, 'plan', '--out', 'b')).code, 0);
    assert.deepEqual(snapshot(join(dir, 'a')), snapshot(join(dir, 'b')));
  });

  it('reads ./baseplate.yaml when present', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.yaml'), 'preset: dev\n');
    const run = await baseplate(dir, 'plan');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /of baseplate\.yaml \(preset dev\)/);
  });

  it('starts every relative path from its working folder, and names each as typed', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'team'));
    writeFileSync(join(dir, 'team', 'prod.yaml'), 'preset: dev\n');
    writeFileSync(join(dir, 'team', 'bad.yaml'), 'naming:\n  busnessUnit: x\n');
    // ./baseplate.yaml is looked for in the working folder, not in the process's.
    writeFileSync(join(dir, 'baseplate.yaml'), 'zones: [1, 2]\n');
    assert.notEqual(process.cwd(), dir);
    const run = await baseplate(dir, 'plan', '--config', 'team/prod.yaml', '--out', 'plans/prod');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /of team\/prod\.yaml \(preset dev\)/);
    assert.match(run.stdout, /Wrote \d+ files to plans\/prod/);
    assert.ok(existsSync(join(dir, 'plans', 'prod', 'azure', 'deployment-order.json')));
    const byDefault = await baseplate(dir, 'plan', '--json');
    assert.equal(byDefault.code, 0, byDefault.stderr);
    const { summary } = JSON.parse(byDefault.stdout) as { summary: PlanSummary };
    assert.deepEqual([summary.source, summary.zones], ['baseplate.yaml', [1, 2]]);
    assert.equal(existsSync(join(dir, 'out', '.baseplate-output')), true);
    const bad = await baseplate(dir, 'plan', '--config', 'team/bad.yaml');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^team\/bad\.yaml:2:3: error: naming\.busnessUnit: /m);
    const missing = await baseplate(join(dir, 'team'), 'plan', '--config', 'baseplate.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^baseplate: baseplate\.yaml: no such file\./m);
  });

  it('refuses bad input with exit code 2, the position and the fix, and writes nothing', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'bad.yaml'), 'naming:\n  busnessUnit: x\n');
    const run = await baseplate(dir, 'plan', '--config', 'bad.yaml');
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /bad\.yaml:2:3: error: naming\.busnessUnit: unknown key "busnessUnit"; did you mean "businessUnit"\?/,
    );
    assert.match(run.stderr, /fix: Rename it to "businessUnit"\./);
    assert.match(run.stderr, /nothing was written/);
    assert.equal(run.stdout, '');
    assert.deepEqual(readdirSync(dir), ['bad.yaml']);
  });

  it('leaves the previous output untouched when the new input is bad', async () => {
    const dir = workspace();
    assert.equal((await baseplate(dir, 'plan')).code, 0);
    const before = snapshot(join(dir, 'out'));
    writeFileSync(join(dir, 'bad.yaml'), 'spokes: [{ name: "00", addressSpace: 10.240.0.0/28 }]\n');
    assert.equal((await baseplate(dir, 'plan', '--config', 'bad.yaml')).code, 2);
    assert.deepEqual(snapshot(join(dir, 'out')), before);
    assert.deepEqual(readdirSync(dir).sort(), ['bad.yaml', 'out']);
  });

  it('replaces the previous output as a whole: files it no longer writes are gone', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'two.yaml'),
      "spokes:\n  - { name: '00', addressSpace: 10.240.0.0/16, ingress: { hostNames: [a.contoso.com] } }\n  - { name: '01', addressSpace: 10.241.0.0/16, ingress: { hostNames: [b.contoso.com] } }\n",
    );
    assert.equal((await baseplate(dir, 'plan', '--config', 'two.yaml')).code, 0);
    assert.ok(readdirSync(join(dir, 'out', 'azure')).some((file) => file.includes('spoke-01')));
    assert.equal((await baseplate(dir, 'plan')).code, 0);
    assert.ok(!readdirSync(join(dir, 'out', 'azure')).some((file) => file.includes('spoke-01')));
    assert.deepEqual(
      readdirSync(dir).sort(),
      ['out', 'two.yaml'],
      'neither the new files nor the old are left beside it',
    );
  });

  it('never replaces a folder it did not write, nor the working folder (exit 2)', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    for (const out of ['.', '..', dir, './', `${dir}/sub/..`]) {
      const run = await baseplate(dir, 'plan', '--out', out);
      assert.equal(run.code, 2, out);
      assert.match(run.stderr, /working folder/);
      assert.ok(run.stderr.includes(`--out ${out}: is the working folder or holds it`), 'as typed');
    }
    const file = await baseplate(dir, 'plan', '--out', 'notes.txt');
    assert.equal(file.code, 2);
    assert.match(file.stderr, /--out notes\.txt: is a file/);
    assert.equal((await baseplate(dir, 'plan', '--out', 'mine')).code, 0);
    assert.ok(existsSync(join(dir, 'mine', '.baseplate-output')), "the output is marked as Baseplate's");
    assert.equal((await baseplate(dir, 'plan', '--out', 'mine')).code, 0, 'its own output is replaced');
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
    assert.deepEqual(readdirSync(dir).sort(), ['mine', 'notes.txt']);
  });

  it("refuses the folder it runs in, or one holding it: the command's, not the process's", async () => {
    const dir = workspace();
    const inner = join(dir, 'inner');
    mkdirSync(inner);
    const run = await baseplate(inner, 'plan', '--out', dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /is the working folder or holds it/);
    const elsewhere = await baseplate(dir, 'plan', '--out', 'inner');
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
  });

  it('refuses a folder holding files it did not write (exit 2)', async () => {
    const dir = workspace();
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'keep.txt'), 'keep');
    const run = await baseplate(dir, 'plan', '--out', 'theirs');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out theirs: holds files that Baseplate did not write/);
    assert.deepEqual(readdirSync(theirs), ['keep.txt']);
  });

  it('reports an output folder it cannot create as bad input (exit 2)', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'afile'), '');
    const run = await baseplate(dir, 'plan', '--out', 'afile/out');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out afile\/out: afile is a file; choose another folder\./);
    assert.doesNotMatch(run.stderr, /internal error/);
  });

  it('says so when the configuration file does not exist (exit 2)', async () => {
    const run = await baseplate(workspace(), 'plan', '--config', 'missing.yaml');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.yaml: no such file\. Create one with `baseplate init`\./);
  });

  it('prints the summary and diagnostics as JSON with --json', async () => {
    const dir = workspace();
    const run = await baseplate(dir, 'plan', '--json');
    assert.equal(run.code, 0);
    const output = JSON.parse(run.stdout) as { ok: boolean; summary: PlanSummary };
    assert.equal(output.ok, true);
    assert.equal(output.summary.clusters[0]?.name, 'aks-bu0001a0008-00-prod-eus2');
    // An existing hub's range, not the default of the hub Baseplate does not deploy.
    const existing = await baseplate(
      dir,
      'plan',
      '--json',
      '--config',
      join(repoRoot, 'test/cases/existing-hub/baseplate.yaml'),
    );
    const hub = (JSON.parse(existing.stdout) as { summary: PlanSummary }).summary.hub;
    assert.deepEqual([hub.addressSpace, hub.existing], ['10.100.0.0/22', true]);
    writeFileSync(join(dir, 'bad.yaml'), 'zones: [4]\n');
    const bad = await baseplate(dir, 'plan', '--json', '--config', 'bad.yaml');
    assert.equal(bad.code, 2);
    const refused = JSON.parse(bad.stdout) as { ok: boolean; diagnostics: Array<{ path: unknown[] }> };
    assert.equal(refused.ok, false);
    assert.deepEqual(refused.diagnostics[0]?.path, ['zones', 0]);
  });

  it('shows colour and progress on a terminal only', async () => {
    const run = await baseplate(workspace(), 'plan');
    assert.equal(run.code, 0);
    assert.ok(!(run.stdout + run.stderr).includes(ESC));
    assert.deepEqual(run.steps, []);
    const terminal = await runCli(['plan'], { cwd: workspace(), terminal: true });
    assert.equal(terminal.code, 0, terminal.stderr);
    assert.ok(terminal.stdout.includes(`${ESC}[32mFindings: 0 error(s), 0 warning(s)`), terminal.stdout);
    const plain = terminal.stdout
      .split(ESC)
      .map((part, i) => (i === 0 ? part : part.replace(/^\[\d+m/, '')))
      .join('');
    assert.equal(plain, run.stdout, 'the same text otherwise');
    const written = Number(/Wrote (\d+) files/.exec(run.stdout)?.[1]);
    assert.deepEqual(terminal.steps.slice(0, 2), [
      'Planning…',
      // All but the diagram, which is laid out while they are written.
      `Writing ${written - 2} files and laying out the diagram…`,
    ]);
    assert.equal(terminal.steps.at(-1), '', 'the last step is cleared');
  });
});

describe('baseplate init', () => {
  it('writes a starter configuration and its schema, which plan accepts', async () => {
    const dir = workspace();
    const run = await baseplate(dir, 'init', '--preset', 'dev');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote baseplate\.yaml \(preset dev\) and baseplate\.schema\.json\./);
    assert.match(
      readFileSync(join(dir, 'baseplate.yaml'), 'utf8'),
      /^# yaml-language-server: \$schema=baseplate\.schema\.json/,
    );
    assert.ok(JSON.parse(readFileSync(join(dir, 'baseplate.schema.json'), 'utf8')));
    const plan = await baseplate(dir, 'plan');
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /preset dev/);
  });

  it('writes --out relative to its working folder, the schema beside it', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'team'));
    const run = await baseplate(dir, 'init', '--out', 'team/prod.yaml');
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /Wrote team\/prod\.yaml \(preset baseline\) and team\/baseplate\.schema\.json\./,
    );
    assert.match(run.stdout, /baseplate plan --config team\/prod\.yaml/);
    assert.deepEqual(readdirSync(join(dir, 'team')).sort(), ['baseplate.schema.json', 'prod.yaml']);
    const again = await baseplate(dir, 'init', '--out', 'team/prod.yaml');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /team\/prod\.yaml exists already/);
  });

  it('draws a different global-name suffix each time', async () => {
    const suffix = (dir: string) =>
      /suffix: (\w+)/.exec(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'))?.[1];
    const [a, b] = [workspace(), workspace()];
    assert.equal((await baseplate(a, 'init')).code, 0);
    assert.equal((await baseplate(b, 'init')).code, 0);
    assert.ok(suffix(a));
    assert.notEqual(suffix(a), suffix(b));
  });

  it('refuses to overwrite without --force (exit 2)', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.yaml'), 'mine\n');
    const run = await baseplate(dir, 'init');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /exists already; pass --force/);
    assert.equal(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'), 'mine\n');
    assert.equal((await baseplate(dir, 'init', '--force')).code, 0);
    assert.notEqual(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'), 'mine\n');
  });

  it('keeps an existing schema file unless --force, and reports an unwritable path (exit 2)', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.schema.json'), '{"mine": true}');
    const kept = await baseplate(dir, 'init');
    assert.equal(kept.code, 0);
    assert.match(kept.stdout, /kept the existing baseplate\.schema\.json \(--force refreshes it\)/);
    assert.equal(readFileSync(join(dir, 'baseplate.schema.json'), 'utf8'), '{"mine": true}');
    assert.equal((await baseplate(dir, 'init', '--force')).code, 0);
    assert.notEqual(readFileSync(join(dir, 'baseplate.schema.json'), 'utf8'), '{"mine": true}');
    const missing = await baseplate(dir, 'init', '--out', 'no/such/folder.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no\/such\/folder\.yaml: cannot be written/);
  });

  it('refuses an unknown preset (exit 2)', async () => {
    const run = await baseplate(workspace(), 'init', '--preset', 'prod');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Allowed choices are baseline, dev/);
  });
});

describe('usage', () => {
  it('shows help for the program and every command with exit code 0', async () => {
    for (const args of [
      ['--help'],
      ['plan', '--help'],
      ['init', '--help'],
      ['verify', '--help'],
      ['serve', '--help'],
      ['help', 'plan'],
    ]) {
      const run = await baseplate(workspace(), ...args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /Usage: baseplate/);
    }
    // Commander answers `help <command>` with the process's exit code so far: another run's must not leak in.
    const before = process.exitCode;
    process.exitCode = 2;
    try {
      assert.equal((await baseplate(workspace(), 'help', 'plan')).code, 0);
    } finally {
      process.exitCode = before;
    }
  });

  it('verify --help says what it reads, each outcome, how to suppress and each exit code', async () => {
    const { stdout } = await baseplate(workspace(), 'verify', '--help');
    for (const said of [
      /ARM templates/,
      /Kubernetes manifests \(YAML or JSON/,
      /\.bicep/,
      /Helm chart/,
      /^ {2}pass {2,}/m,
      /^ {2}fail {2,}/m,
      /^ {2}unknown {2,}/m,
      /^ {2}suppressed {2,}/m,
      /not applicable/,
      /baseplate\.dev\/ignore-<rule>/,
      /verify\.suppress/,
      /Exit codes: 0 [^;]+; 1 [^;]+; 2 [^;]+;\s+70 /,
    ])
      assert.match(stdout, said);
  });

  it('prints the package version', async () => {
    const run = await baseplate(workspace(), '--version');
    assert.equal(run.code, 0);
    assert.equal(run.stdout.trim(), version);
  });

  it('exits with 2 on an unknown command, an unknown option or no command', async () => {
    const unknown = await baseplate(workspace(), 'deploy-everything');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'deploy-everything'/);
    const option = await baseplate(workspace(), 'plan', '--bogus');
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option '--bogus'/);
    const none = await baseplate(workspace());
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: baseplate/);
  });
});

describe('-o/--output, as az spells it', () => {
  it('is taken, with --json beside it, by every command that prints results, and each --help shows examples', async () => {
    const dir = workspace();
    for (const command of ['plan', 'verify', 'deploy', 'destroy', 'prices', 'init', 'serve']) {
      const { stdout } = await baseplate(dir, command, '--help');
      const prints = !['init', 'serve'].includes(command);
      assert.equal(/^ {2}-o, --output <format>/m.test(stdout), prints, `${command} -o`);
      assert.equal(/^ {2}--json /m.test(stdout), prints, `${command} --json`);
      assert.match(stdout, /\nExamples:\n {2}\$ baseplate /, `${command} --help has examples`);
    }
    const verified = await baseplate(
      dir,
      'verify',
      join(repoRoot, 'test', 'fixtures', 'templates', 'aks-quickstart.json'),
      '--json',
    );
    assert.equal(
      verified.stdout,
      (
        await baseplate(
          dir,
          'verify',
          join(repoRoot, 'test', 'fixtures', 'templates', 'aks-quickstart.json'),
          '-o',
          'json',
        )
      ).stdout,
    );
    assert.ok(Array.isArray((JSON.parse(verified.stdout) as { rules: unknown[] }).rules));
  });

  it('prints plan as table (the default), json, yaml or sarif; --json is -o json', async () => {
    const dir = workspace();
    const table = await baseplate(dir, 'plan');
    assert.equal((await baseplate(dir, 'plan', '-o', 'table')).stdout, table.stdout);
    const json = await baseplate(dir, 'plan', '-o', 'json');
    assert.equal(json.code, 0, json.stderr);
    assert.equal((await baseplate(dir, 'plan', '--json')).stdout, json.stdout);
    assert.equal((await baseplate(dir, 'plan', '--output', 'json', '--json')).stdout, json.stdout);
    const yaml = await baseplate(dir, 'plan', '-o', 'yaml');
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.deepEqual(parseYaml(yaml.stdout), JSON.parse(json.stdout));
    assert.match(yaml.stdout, /^ok: true\nsummary:\n/, 'in the order JSON has');
    const sarif = await baseplate(dir, 'plan', '-o', 'sarif');
    assert.equal(sarif.code, 0, sarif.stderr);
    assert.equal(sarif.stdout, readFileSync(join(dir, 'out', 'report', 'findings.sarif'), 'utf8'));
    assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
  });

  it('prints a refused plan as data too, and its problems on stderr otherwise', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'bad.yaml'), 'zones: [4]\n');
    const yaml = await baseplate(dir, 'plan', '-o', 'yaml', '--config', 'bad.yaml');
    assert.equal(yaml.code, 2);
    const refused = parseYaml(yaml.stdout) as { ok: boolean; diagnostics: Array<{ path: unknown[] }> };
    assert.equal(refused.ok, false);
    assert.deepEqual(refused.diagnostics[0]?.path, ['zones', 0]);
    const sarif = await baseplate(dir, 'plan', '-o', 'sarif', '--config', 'bad.yaml');
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stdout, '', 'no SARIF: a configuration error is no finding');
    assert.match(sarif.stderr, /bad\.yaml:1:\d+: error: zones/);
  });

  it('refuses a format the command does not print, a folder given to -o, and two that disagree (exit 2, nothing written)', async () => {
    const dir = workspace();
    const folder = await baseplate(dir, 'plan', '-o', 'plans/prod');
    assert.equal(folder.code, 2);
    assert.match(
      folder.stderr,
      /--output plans\/prod: this command prints table, json, yaml, sarif\. -o\/--output is the output format, as in az; the output folder is --out DIR\./,
    );
    const both = await baseplate(dir, 'plan', '--json', '-o', 'yaml');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--output yaml and --json ask for different formats; give one of them/);
    const xml = await baseplate(dir, 'verify', 'nothing.json', '--format', 'xml');
    assert.equal(xml.code, 2);
    assert.match(xml.stderr, /--format xml: this command prints table, json, yaml, sarif\./);
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
    const sarif = await baseplate(dir, 'deploy', '-o', 'sarif');
    assert.equal(sarif.code, 2);
    assert.match(sarif.stderr, /--output sarif: this command prints table, json, yaml\./);
    const serve = await baseplate(dir, 'serve', '-o', 'json');
    assert.equal(serve.code, 2, 'serve prints no results: no -o');
    assert.match(serve.stderr, /unknown option '-o'/);
  });
});

describe('colour', () => {
  it('is decided as Node decides it: FORCE_COLOR, then NO_COLOR, then TERM=dumb, then the terminal', () => {
    const cases: Array<[isTTY: boolean, env: NodeJS.ProcessEnv, expected: boolean]> = [
      [true, {}, true],
      [false, {}, false],
      [true, { NO_COLOR: '1' }, false],
      [true, { NO_COLOR: '0' }, false],
      [true, { NO_COLOR: '' }, true],
      [true, { TERM: 'dumb' }, false],
      [true, { TERM: 'xterm-256color' }, true],
      [false, { FORCE_COLOR: '1' }, true],
      [false, { FORCE_COLOR: '' }, true],
      [false, { FORCE_COLOR: 'true' }, true],
      [false, { FORCE_COLOR: '3' }, true],
      [true, { FORCE_COLOR: '0' }, false],
      [true, { FORCE_COLOR: 'false' }, false],
      [true, { FORCE_COLOR: 'yes' }, false],
      [true, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
      [true, { FORCE_COLOR: '1', TERM: 'dumb' }, true],
    ];
    for (const [isTTY, env, expected] of cases)
      assert.equal(
        colorEnabled(isTTY, env),
        expected,
        `${isTTY ? 'terminal' : 'pipe'} ${JSON.stringify(env)}`,
      );
  });

  it('is decided for stdout and stderr apart, and --no-color or a colour the caller set wins', () => {
    const io = { out: () => undefined, err: () => undefined, env: {} };
    const both = withColor({ ...io, isTTY: true, errIsTTY: false });
    assert.deepEqual([both.color, both.errColor], [true, false]);
    const off = withColor({ ...io, isTTY: true, errIsTTY: true, env: { FORCE_COLOR: '1' } }, false);
    assert.deepEqual([off.color, off.errColor], [false, false]);
    const set = withColor({ ...io, isTTY: false, color: true });
    assert.deepEqual([set.color, set.errColor], [true, true]);
  });

  it('shows on a terminal unless NO_COLOR or --no-color, and off one with FORCE_COLOR', async () => {
    const coloured = (stdout: string) => stdout.includes(`${ESC}[32mFindings: 0 error(s)`);
    const plan = (args: string[], options: Parameters<typeof runCli>[1]) =>
      runCli(['plan', ...args], { cwd: workspace(), ...options });
    assert.ok(coloured((await plan([], { terminal: true, env: {} })).stdout));
    assert.ok(!coloured((await plan([], { terminal: true, env: { NO_COLOR: '1' } })).stdout));
    assert.ok(!coloured((await plan(['--no-color'], { terminal: true, env: {} })).stdout));
    const forced = await plan([], { env: { FORCE_COLOR: '1' } });
    assert.ok(coloured(forced.stdout));
    assert.deepEqual(forced.steps, [], 'FORCE_COLOR colours; it shows no progress off a terminal');
  });
});

describe('--verbose and --debug', () => {
  it('--verbose says on stderr what the command read and wrote; without it, nothing of that', async () => {
    const dir = workspace();
    const quiet = await baseplate(dir, 'plan', '-o', 'json');
    assert.doesNotMatch(quiet.stderr, /verbose:/);
    const loud = await baseplate(dir, 'plan', '-o', 'json', '--verbose');
    assert.equal(loud.code, 0, loud.stderr);
    assert.match(loud.stderr, /^verbose: configuration: \(built-in default\)$/m);
    assert.match(loud.stderr, /^verbose: wrote \d+ files and the marker to out$/m);
    assert.equal(loud.stdout, quiet.stdout, 'stdout unchanged');
    const before = await baseplate(dir, '--verbose', 'plan', '-o', 'json');
    assert.match(before.stderr, /^verbose: configuration:/m, 'before the command too');
  });

  it('--debug adds the stack trace of a refusal, in source terms', async () => {
    const dir = workspace();
    const plain = await baseplate(dir, 'plan', '--config', 'missing.yaml');
    assert.equal(plain.code, 2);
    assert.doesNotMatch(plain.stderr, /debug:|\bat /);
    const debug = await baseplate(dir, 'plan', '--config', 'missing.yaml', '--debug');
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /^baseplate: missing\.yaml: no such file/m);
    assert.match(
      debug.stderr,
      /^debug: Error: missing\.yaml: no such file[^]*\n {4}at .*config-file\.(ts|js):\d+/m,
    );
    const planned = await baseplate(dir, 'plan', '-o', 'json', '--debug');
    assert.equal(planned.code, 0, planned.stderr);
    assert.match(planned.stderr, /^verbose: configuration: /m, '--debug says what --verbose says');
  });
});

describe('--help', () => {
  const COMMANDS = ['init', 'plan', 'verify', 'deploy', 'destroy', 'serve'];

  /** The long and short flags of the options a help text lists, its global options included. */
  const flags = (help: string) =>
    new Set([...help.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => [m[1], m[2]]));

  it('ends each command with examples that run as written: every option they use is one the command has', async () => {
    for (const command of COMMANDS) {
      const { code, stdout } = await baseplate(workspace(), command, '--help');
      assert.equal(code, 0, command);
      const examples = stdout.split('\nExamples:\n')[1];
      assert.ok(examples, `${command} --help has examples`);
      const lines = examples.trimEnd().split('\n');
      assert.ok(lines.length >= 2, `${command}: at least two examples`);
      const known = flags(stdout);
      for (const line of lines) {
        const example = /^ {2}\$ (baseplate [^#]+?)\s+# \S/.exec(line)?.[1];
        assert.ok(example, `${command}: "${line}" is "$ baseplate ... # what it does"`);
        const words = example.split(' ').filter((w) => w !== '>' && !w.endsWith('.sarif'));
        assert.equal(words[1], command, example);
        for (const word of words.filter((w) => w.startsWith('-')))
          assert.ok(known.has(word), `${command}: ${word} in "${example}" is not an option of ${command}`);
      }
      assert.match(stdout, /^Global Options:\n(?:.*\n)* {2}--verbose[^]* {2}--debug[^]* {2}--no-color/m);
    }
  });

  it('says what --verbose and --debug add, and how colour is decided', async () => {
    const { stdout } = await baseplate(workspace(), '--help');
    assert.match(stdout, /--verbose adds, on stderr: /);
    assert.match(stdout, /--debug adds to that each HTTP call to Azure/);
    assert.match(stdout, /NO_COLOR turns it off, FORCE_COLOR on/);
    assert.match(stdout, /\nExamples:\n {2}\$ baseplate init/);
  });
});

/**
 * The installed command in a process of its own, once per command: what the
 * in-process tests cannot show (the process's exit code, its signals, its streams).
 */
describe('the installed command', () => {
  it('prints its help and its version, exit code 0', async () => {
    const dir = workspace();
    const help = await runProcess(['--help'], { cwd: dir });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage: baseplate/);
    const shown = await runProcess(['--version'], { cwd: dir });
    assert.equal(shown.stdout.trim(), version);
    const wrong = await runProcess(['plan', '--bogus'], { cwd: dir });
    assert.equal(wrong.code, 2);
  });

  it('plans into ./out, and again, the same, from what the first plan kept', async () => {
    const dir = workspace();
    const temporary = join(dir, 'tmp');
    mkdirSync(temporary);
    const env = { ...process.env, TMPDIR: temporary };
    const run = await runProcess(['plan'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote \d+ files to out/);
    assert.ok(!run.stdout.includes(ESC), 'no colour into a pipe');
    assert.ok(existsSync(join(dir, 'out', 'report', 'diagram.svg')));
    assert.ok(existsSync(join(dir, 'out', 'azure', 'deployment-order.json')));
    const cache = cacheFolder({}, temporary)!;
    const kept = readdirSync(cache);
    assert.ok(
      kept.some((name) => /^cli\.js\..*\.plan\..*\.cache$/.test(name)),
      `compiled code: ${kept.join(', ')}`,
    );
    assert.ok(
      kept.some((name) => /^layout-[0-9a-f]{64}\.svg$/.test(name)),
      'the diagram',
    );
    const again = await runProcess(['plan', '--out', 'again'], { cwd: dir, env });
    assert.equal(again.code, 0, again.stderr);
    const files = readdirSync(join(dir, 'out'), { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    assert.ok(files.length > 40);
    for (const file of files) {
      const path = relative(join(dir, 'out'), join(file.parentPath, file.name));
      assert.equal(
        readFileSync(join(dir, 'again', path), 'utf8'),
        readFileSync(join(dir, 'out', path), 'utf8'),
        path,
      );
    }
    // Refused before any layout is asked of the diagram worker, which must not keep the process alive.
    writeFileSync(join(dir, 'baseplate.yaml'), 'spokes: 7\n');
    const refused = await runProcess(['plan', '--out', 'refused'], { cwd: dir });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /baseplate\.yaml:1:9: error: spokes/);
    assert.ok(!existsSync(join(dir, 'refused')));
  });

  it('verifies, exit code 1 on error findings', async () => {
    const dir = workspace();
    const service = join(dir, 'service.yaml');
    writeFileSync(
      service,
      'apiVersion: v1\nkind: Service\nmetadata: { name: public }\nspec: { type: LoadBalancer, ports: [{ port: 80 }] }\n',
    );
    const run = await runProcess(['verify', 'service.yaml'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /service\.yaml:1:1: error: Service public: a public load balancer/);
  });

  it('serves until SIGTERM, then exits with 0', async () => {
    const child = spawn(process.execPath, [executable, 'serve', '--port', '0'], {
      cwd: workspace(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await address(child);
      const status = await new Promise<number | undefined>((resolve, reject) =>
        get(url, (response) => {
          response.resume();
          resolve(response.statusCode);
        }).on('error', reject),
      );
      assert.equal(status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });

  it('exits with 70 on an internal error, asking for a report', async () => {
    // A bug stands in as a module preloaded into the process: every access() throws a TypeError.
    const fault =
      'import fs from "node:fs/promises"; import { syncBuiltinESMExports } from "node:module";' +
      'fs.access = () => { throw new TypeError("simulated bug"); }; syncBuiltinESMExports();';
    const dir = workspace();
    const run = await runProcess(['init'], {
      cwd: dir,
      nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(fault)}`],
    });
    assert.equal(run.code, 70, run.stderr);
    assert.match(
      run.stderr,
      /^baseplate: internal error \(exit code 70\), a bug in Baseplate; please report it/,
    );
    assert.match(run.stderr, /TypeError: simulated bug/);
    // The installed command is a bundle; its trace is mapped back to the sources through the maps beside it.
    assert.match(run.stderr, /\n {4}at \S+ \(src\/cli\/commands\/init\.ts:\d+:\d+\)\n/);
    assert.doesNotMatch(run.stderr, /build\/cli\//);
    assert.equal(run.stdout, '');
    assert.deepEqual(readdirSync(dir), []);
  });
});

/** The address `baseplate serve` prints, once it prints it; rejects if the process ends first. */
function address(child: ChildProcessByStdio<null, Readable, Readable>): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A hang guard only: a server that starts within it passes whatever the machine's speed.
    const timer = setTimeout(
      () => reject(new Error(`no address within ${START_MS} ms: ${stderr}`)),
      START_MS,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}
