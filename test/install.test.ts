/**
 * Baseplate as a user installs it: `npm pack` the project, install the tarball
 * into a prefix of its own (as `npm install -g` does, its dependencies resolved
 * afresh: a published package carries no lock) and run the `baseplate` it puts
 * on the PATH from a folder unrelated to the clone. The packed file list holds
 * what the command needs at run time and none of the tests. Real processes, the
 * only test that starts npm; its dependencies come from the npm cache `npm ci`
 * filled (--prefer-offline).
 */
import assert from 'node:assert/strict';
import semver from 'semver';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PACKAGE_NAME, RUN_ANYWHERE } from '../src/core/package-name.js';
import { repoRoot } from './helpers.js';
import type { PackageEntry } from './support/engines.js';
import { excluding } from './support/engines.js';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly bin: Record<string, string>;
  readonly exports: Record<string, Record<string, string>>;
  readonly engines: { readonly node: string };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `file args` to its end; a command that never ends fails the test instead of hanging it. */
function exec(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error?.killed) return reject(new Error(`${file} ${args.join(' ')} did not exit: ${stderr}`));
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Every package installed under `modules` (scoped and nested ones too), by path. */
function installedPackages(
  modules: string,
  into: Record<string, PackageEntry> = {},
): Record<string, PackageEntry> {
  if (!existsSync(modules)) return into;
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const folder = join(modules, name);
    if (name.startsWith('@')) {
      installedPackages(folder, into);
      continue;
    }
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    into[folder] = JSON.parse(readFileSync(file, 'utf8')) as PackageEntry;
    installedPackages(join(folder, 'node_modules'), into);
  }
  return into;
}

describe('installed from the packed package', () => {
  const root = mkdtempSync(join(tmpdir(), 'baseplate-install-'));
  const prefix = join(root, 'prefix');
  const elsewhere = join(root, 'elsewhere');
  // The command's cache goes to this test's temporary folder, not the user's.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: root,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // The node running the tests runs the installed command (its #! line asks the PATH for node).
    PATH: [dirname(process.execPath), join(prefix, 'bin'), process.env['PATH'] ?? ''].join(delimiter),
  };
  let files: string[] = [];
  let tarball = '';
  let installed: Ran | undefined;
  after(() => rmSync(root, { recursive: true, force: true }));

  before(async () => {
    mkdirSync(elsewhere);
    // `npm test` has built the project: packing again (the prepare script) would only repeat it.
    const packed = await exec(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
      repoRoot,
      env,
    );
    assert.equal(packed.code, 0, packed.stderr);
    const [pack] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(pack);
    files = pack.files.map((file) => file.path);
    tarball = pack.filename;
    // A registry install never runs `prepare`; npm takes a local tarball for a source that might.
    installed = await exec(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--ignore-scripts',
        join(root, pack.filename),
      ],
      elsewhere,
      env,
    );
  });

  it("is the tarball the README's install from a clone names", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`npm pack && npm install -g \\./${tarball.replaceAll('.', '\\.')}\\n`));
  });

  it('packs what the command and the library need at run time', () => {
    const needed = [
      'package.json',
      'README.md',
      'LICENSE',
      'NOTICE.md',
      'baseplate.schema.json',
      // The command, its bundle and the diagram's layout worker.
      ...Object.values(manifest.bin).map((path) => path.replace(/^\.\//, '')),
      'build/cli/cli.js',
      'build/cli/layout-worker.js',
      'build/cli/package.json',
      // The configurator `serve` hands out.
      'build/web/index.html',
      'build/web/app.js',
      'build/web/worker.js',
      'build/web/styles.css',
      // The library's entry.
      ...Object.values(manifest.exports).flatMap((entry) =>
        Object.values(entry).map((p) => p.replace(/^\.\//, '')),
      ),
    ];
    assert.deepEqual(
      needed.filter((path) => !files.includes(path)),
      [],
    );
    // The schemas plan checks its templates against, and the validators generated from them.
    for (const folder of ['schemas/arm/', 'schemas/k8s/', 'build/cli/validators/'])
      assert.ok(files.filter((path) => path.startsWith(folder)).length > 5, `${folder} is packed`);
  });

  it('packs none of the tests, fixtures, sources or build scripts', () => {
    const unwanted = files.filter(
      (path) =>
        /^(test|src|scripts|bench|docs|node_modules|\.ci|\.github)\//.test(path) ||
        /^build\/(test|scripts|bench)\//.test(path) ||
        /(^|\/)(fixtures|cases)\//.test(path) ||
        /\.test\.[cm]?js(\.map)?$/.test(path) ||
        // The rules' tables of cases are the test suite's (cases.js, their types, stays: rule-help reads it).
        /\.cases\.(js|d\.ts|js\.map)$/.test(path) ||
        (/\.[cm]?ts$/.test(path) && !/\.d\.[cm]?ts$/.test(path)),
    );
    assert.deepEqual(unwanted, []);
  });

  it('installs into a prefix of its own', () => {
    assert.equal(installed?.code, 0, installed?.stderr);
    assert.ok(existsSync(join(prefix, 'bin', 'baseplate')), 'the command is on the prefix PATH');
    assert.deepEqual(Object.keys(manifest.bin), ['baseplate']);
  });

  it('installs, on the Node that runs npm, no dependency that asks for another', () => {
    // A published package carries no lockfile: npm resolves each dependency to a version the installing
    // Node accepts where one exists (npm-pick-manifest puts engine-compatible versions first). On Node 24 it
    // may take releases that need Node 22; on Node 20 those that run on 20. Either way, no warning.
    const packages = installedPackages(join(prefix, 'lib', 'node_modules', PACKAGE_NAME, 'node_modules'));
    assert.ok(Object.keys(packages).length > 20, 'the dependencies are installed');
    assert.ok(semver.satisfies(process.versions.node, manifest.engines.node), 'a Node package.json promises');
    assert.deepEqual(excluding(process.versions.node, packages), []);
  });

  it('runs `baseplate --version` and `baseplate plan --out X` from an unrelated folder', async () => {
    const version = await exec('baseplate', ['--version'], elsewhere, env);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);

    const planned = await exec('baseplate', ['plan', '--out', 'plans/x'], elsewhere, env);
    assert.equal(planned.code, 0, planned.stderr);
    assert.match(planned.stdout, /Findings: 0 error\(s\), 0 warning\(s\)/);
    assert.match(planned.stdout, /Wrote \d+ files to plans\/x/);
    for (const file of ['report/report.html', 'report/diagram.svg', 'azure/deployment-order.json'])
      assert.ok(existsSync(join(elsewhere, 'plans', 'x', file)), file);
    assert.deepEqual(readdirSync(elsewhere), ['plans'], 'nothing else written where it ran');
  });

  it('serves its library entry from the installed files alone', async () => {
    const entry = join(prefix, 'lib', 'node_modules', PACKAGE_NAME, manifest.exports['.']!['import']!);
    const script = `const { plan } = await import(${JSON.stringify(pathToFileURL(entry).href)});
process.stdout.write(String(plan({ name: 'baseplate.yaml', text: 'preset: dev' }).ok));`;
    const run = await exec(process.execPath, ['--input-type=module', '-e', script], elsewhere, env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'true');
  });

  it('is named as every printed command names it', () => {
    assert.equal(manifest.name, PACKAGE_NAME);
    assert.equal(RUN_ANYWHERE, `npx -y ${manifest.name}`);
  });
});
