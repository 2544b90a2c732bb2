/** End to end: the built `baseplate` executable, as a user runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from './helpers.js';

const executable = join(repoRoot, 'build', 'src', 'cli', 'main.js');

function baseplate(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [executable, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const workspaces: string[] = [];
after(() => workspaces.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-cli-'));
  workspaces.push(dir);
  return dir;
}

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

describe('baseplate plan', () => {
  it('plans the built-in baseline when there is no configuration, and says what it wrote', () => {
    const dir = workspace();
    const run = baseplate(dir, 'plan');
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
  });

  it('writes byte-identical files on every run', () => {
    const dir = workspace();
    assert.equal(baseplate(dir, 'plan', '--out', 'a').code, 0);
    assert.equal(baseplate(dir, 'plan', '--out', 'b').code, 0);
    assert.deepEqual(snapshot(join(dir, 'a')), snapshot(join(dir, 'b')));
  });

  it('reads ./baseplate.yaml when present', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.yaml'), 'preset: dev\n');
    const run = baseplate(dir, 'plan');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /of baseplate\.yaml \(preset dev\)/);
  });

  it('refuses bad input with exit code 2, the position and the fix, and writes nothing', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'bad.yaml'), 'naming:\n  busnessUnit: x\n');
    const run = baseplate(dir, 'plan', '--config', 'bad.yaml');
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /bad\.yaml:2:3: error: naming\.busnessUnit: unknown key "busnessUnit"; did you mean "businessUnit"\?/,
    );
    assert.match(run.stderr, /fix: Rename it to "businessUnit"\./);
    assert.match(run.stderr, /nothing was written/);
    assert.deepEqual(readdirSync(dir), ['bad.yaml']);
  });

  it('leaves the previous output untouched when the new input is bad', () => {
    const dir = workspace();
    assert.equal(baseplate(dir, 'plan').code, 0);
    const before = snapshot(join(dir, 'out'));
    writeFileSync(join(dir, 'bad.yaml'), 'spokes: [{ name: "00", addressSpace: 10.240.0.0/28 }]\n');
    assert.equal(baseplate(dir, 'plan', '--config', 'bad.yaml').code, 2);
    assert.deepEqual(snapshot(join(dir, 'out')), before);
    assert.deepEqual(readdirSync(dir).sort(), ['bad.yaml', 'out']);
  });

  it('replaces the previous output as a whole', () => {
    const dir = workspace();
    assert.equal(baseplate(dir, 'plan').code, 0);
    writeFileSync(join(dir, 'out', 'stale.txt'), 'from an older run');
    assert.equal(baseplate(dir, 'plan').code, 0);
    assert.ok(!existsSync(join(dir, 'out', 'stale.txt')));
  });

  it('never replaces a folder it did not write, nor the working folder (exit 2)', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    for (const out of ['.', '..', dir]) {
      const run = baseplate(dir, 'plan', '--out', out);
      assert.equal(run.code, 2, out);
      assert.match(run.stderr, /working folder/);
    }
    const file = baseplate(dir, 'plan', '--out', 'notes.txt');
    assert.equal(file.code, 2);
    assert.match(file.stderr, /is a file/);
    assert.equal(baseplate(dir, 'plan', '--out', 'mine').code, 0);
    assert.ok(existsSync(join(dir, 'mine', '.baseplate-output')), "the output is marked as Baseplate's");
    assert.equal(baseplate(dir, 'plan', '--out', 'mine').code, 0, 'its own output is replaced');
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
  });

  it('refuses a folder holding files it did not write (exit 2)', () => {
    const dir = workspace();
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'keep.txt'), 'keep');
    const run = baseplate(dir, 'plan', '--out', 'theirs');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /holds files that Baseplate did not write/);
    assert.deepEqual(readdirSync(theirs), ['keep.txt']);
  });

  it('reports an output folder it cannot create as bad input (exit 2)', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'afile'), '');
    const run = baseplate(dir, 'plan', '--out', 'afile/out');
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stderr, /internal error/);
  });

  it('says so when the configuration file does not exist (exit 2)', () => {
    const run = baseplate(workspace(), 'plan', '--config', 'missing.yaml');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.yaml: no such file\. Create one with `baseplate init`\./);
  });

  it('prints the summary and diagnostics as JSON with --json', () => {
    const dir = workspace();
    const run = baseplate(dir, 'plan', '--json');
    assert.equal(run.code, 0);
    const output = JSON.parse(run.stdout) as { ok: boolean; summary: { clusters: Array<{ name: string }> } };
    assert.equal(output.ok, true);
    assert.equal(output.summary.clusters[0]?.name, 'aks-bu0001a0008-00-prod-eus2');
    writeFileSync(join(dir, 'bad.yaml'), 'zones: [4]\n');
    const bad = baseplate(dir, 'plan', '--json', '--config', 'bad.yaml');
    assert.equal(bad.code, 2);
    const refused = JSON.parse(bad.stdout) as { ok: boolean; diagnostics: Array<{ path: unknown[] }> };
    assert.equal(refused.ok, false);
    assert.deepEqual(refused.diagnostics[0]?.path, ['zones', 0]);
  });
});

describe('baseplate init', () => {
  it('writes a starter configuration and its schema, which plan accepts', () => {
    const dir = workspace();
    const run = baseplate(dir, 'init', '--preset', 'dev');
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      readFileSync(join(dir, 'baseplate.yaml'), 'utf8'),
      /^# yaml-language-server: \$schema=baseplate\.schema\.json/,
    );
    assert.ok(JSON.parse(readFileSync(join(dir, 'baseplate.schema.json'), 'utf8')));
    const plan = baseplate(dir, 'plan');
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /preset dev/);
  });

  it('draws a different global-name suffix each time', () => {
    const suffix = (dir: string) =>
      /suffix: (\w+)/.exec(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'))?.[1];
    const [a, b] = [workspace(), workspace()];
    baseplate(a, 'init');
    baseplate(b, 'init');
    assert.notEqual(suffix(a), suffix(b));
  });

  it('refuses to overwrite without --force (exit 2)', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.yaml'), 'mine\n');
    const run = baseplate(dir, 'init');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /exists already; pass --force/);
    assert.equal(readFileSync(join(dir, 'baseplate.yaml'), 'utf8'), 'mine\n');
    assert.equal(baseplate(dir, 'init', '--force').code, 0);
  });

  it('keeps an existing schema file unless --force, and reports an unwritable path (exit 2)', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.schema.json'), '{"mine": true}');
    assert.equal(baseplate(dir, 'init').code, 0);
    assert.equal(readFileSync(join(dir, 'baseplate.schema.json'), 'utf8'), '{"mine": true}');
    const missing = baseplate(dir, 'init', '--out', 'no/such/folder.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot be written/);
  });

  it('refuses an unknown preset (exit 2)', () => {
    const run = baseplate(workspace(), 'init', '--preset', 'prod');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Allowed choices are baseline, dev/);
  });
});

describe('usage', () => {
  it('shows help for the program and every command with exit code 0', () => {
    for (const args of [['--help'], ['plan', '--help'], ['init', '--help'], ['help', 'plan']]) {
      const run = baseplate(workspace(), ...args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /Usage: baseplate/);
    }
  });

  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(baseplate(workspace(), '--version').stdout.trim(), version);
  });

  it('exits with 2 on an unknown command, an unknown option or no command', () => {
    assert.equal(baseplate(workspace(), 'deploy-everything').code, 2);
    assert.equal(baseplate(workspace(), 'plan', '--bogus').code, 2);
    assert.equal(baseplate(workspace()).code, 2);
  });
});
