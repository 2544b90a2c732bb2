/** `baseplate verify`: any templates, resource lists and YAML; malformed input; JSON and SARIF output. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import type { FindingsReport } from '../src/core/formats/findings.js';
import Ajv04Module from 'ajv-draft-04';
import { artifactLocation } from '../src/core/verify/sarif.js';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../src/core/index.js';
import { refOf, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
type Json = Record<string, unknown>;

/** `baseplate ...args` run in `cwd`, in-process. */
const baseplate = (cwd: string, ...args: string[]) => runCli(args, { cwd });

let dir = '';
let out = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baseplate-verify-'));
  out = join(dir, 'out');
  const planned = await baseplate(dir, 'plan', '--out', out);
  assert.equal(planned.code, 0, planned.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const template = () => JSON.parse(readFileSync(join(out, 'azure', '07-cluster-00.json'), 'utf8')) as Json;
const clusterOf = (t: Json) =>
  (t['resources'] as Json[]).find((r) => r['type'] === 'Microsoft.ContainerService/managedClusters')!;

describe('baseplate verify', () => {
  it("passes the plan's own templates, resource list and repository", async () => {
    const run = await baseplate(dir, 'verify', join(out, 'azure'), join(out, 'gitops'));
    assert.equal(run.code, 0, run.stdout);
    // Only the notes that ask for a budget and an admin group (the default plan sets neither).
    assert.doesNotMatch(run.stdout, /: (error|warning): /);
    assert.match(run.stdout, /unknown 0/);
    assert.deepEqual(
      [...new Set(run.stdout.match(/expected: .*/g))],
      [
        'expected: A budget watches the cost of the subscription holding each cluster',
        'expected: Someone administers the cluster',
      ],
    );
  });

  it('fails a hand-changed template with exit code 1, naming the file, the resource and the fix', async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAccounts'] = false;
    const file = join(dir, 'cluster.json');
    writeFileSync(file, JSON.stringify(changed));
    const run = await baseplate(dir, 'verify', file);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /cluster\.json: error: .*aks-bu0001a0008-00-prod-eus2: local accounts are enabled; expected: Local accounts are disabled/,
    );
    assert.match(run.stdout, /fix: Set disableLocalAccounts to true\./);
  });

  it('reads the symbolic-name resources of compiled Bicep and nested deployments', async () => {
    const changed = template();
    const cluster = clusterOf(changed);
    (cluster['properties'] as Json)['disableLocalAccounts'] = false;
    const bicep = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      resources: {
        outer: {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2025-04-01',
          name: 'nested',
          properties: {
            mode: 'Incremental',
            template: { $schema: changed['$schema'], resources: { aks: cluster } },
          },
        },
      },
    };
    const file = join(dir, 'main.json');
    writeFileSync(file, JSON.stringify(bicep));
    const run = await baseplate(dir, 'verify', file, '--format', 'json');
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as FindingsReport;
    assert.ok(report.findings.some((f) => f.code === 'aks/local-accounts' && f.severity === 'error'));
  });

  it('reads `az aks show` output', async () => {
    const shown = {
      id: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
      name: 'aks',
      type: 'Microsoft.ContainerService/managedClusters',
      sku: { name: 'Base', tier: 'Free' },
      properties: { disableLocalAccounts: true, networkProfile: { networkPolicy: 'none' } },
    };
    const file = join(dir, 'show.json');
    writeFileSync(file, JSON.stringify(shown));
    const run = await baseplate(dir, 'verify', file);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /managedClusters\/aks: networkPolicy: none; expected: Network policy is enabled/,
    );
    assert.match(run.stdout, /uptime SLA/);
  });

  it('names a malformed file and its position, exits 2, and still checks the other inputs', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "resources": [\n    { "type": ]\n}');
    const yaml = join(dir, 'broken.yaml');
    writeFileSync(yaml, 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n');
    const service = join(dir, 'service.yaml');
    writeFileSync(
      service,
      'apiVersion: v1\nkind: Service\nmetadata: { name: public }\nspec: { type: LoadBalancer, ports: [{ port: 80 }] }\n',
    );
    const run = await baseplate(dir, 'verify', broken, yaml, service);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /broken\.json:3:\d+: error: is not valid JSON/);
    assert.match(run.stdout, /broken\.yaml:\d+:\d+: error: is not valid YAML/);
    assert.match(
      run.stdout,
      /service\.yaml:1:1: error: Service public: a public load balancer; expected: LoadBalancer services are internal/,
    );
  });

  it('validates templates and manifests against the official schemas, as findings', async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAcounts'] = true;
    const file = join(dir, 'misspelt.json');
    writeFileSync(file, JSON.stringify(changed));
    const manifest = join(dir, 'deployment.yaml');
    writeFileSync(
      manifest,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: two\n  selector: { matchLabels: { app: web } }\n  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: web:1 }] } }\n',
    );
    const run = await baseplate(dir, 'verify', file, manifest, '--format', 'json');
    assert.equal(run.code, 1);
    const { findings } = JSON.parse(run.stdout) as FindingsReport;
    const schema = findings.filter((f) => f.code.startsWith('schema/'));
    assert.ok(
      schema.some((f) => f.code === 'schema/arm' && /unknown property "disableLocalAcounts"/.test(f.message)),
      JSON.stringify(schema),
    );
    assert.ok(
      schema.some((f) => f.code === 'schema/kubernetes' && /replicas/.test(f.message)),
      JSON.stringify(schema),
    );
  });

  it('judges no value a template writes as an expression or builds by a property loop by what only deployment settles', async () => {
    const cluster = template();
    const properties = clusterOf(cluster)['properties'] as Json;
    const pools = properties['agentPoolProfiles'] as Json[];
    delete properties['agentPoolProfiles'];
    properties['copy'] = [{ name: 'agentPoolProfiles', count: pools.length, input: pools[0] }];
    const looped = join(dir, 'looped-pools.json');
    writeFileSync(looped, JSON.stringify(cluster));
    const actionGroup = (groupShortName: string) => ({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { short: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Insights/actionGroups',
          apiVersion: '2023-01-01',
          name: 'ag',
          location: 'Global',
          properties: { groupShortName, enabled: true },
        },
      ],
    });
    const group = join(dir, 'action-group.json');
    writeFileSync(group, JSON.stringify(actionGroup("[parameters('short')]")));
    const schemaErrors = (stdout: string) =>
      (JSON.parse(stdout) as FindingsReport).findings
        .filter((f) => f.code === 'schema/arm')
        .map((f) => `${f.file === group ? 'group' : 'cluster'}: ${f.message}`);
    const passing = await baseplate(dir, 'verify', group, looped, '--format', 'json');
    assert.deepEqual(schemaErrors(passing.stdout), []);
    writeFileSync(group, JSON.stringify(actionGroup('abcdefghijklm')));
    const failing = await baseplate(dir, 'verify', group, '--format', 'json');
    assert.equal(failing.code, 1);
    assert.deepEqual(schemaErrors(failing.stdout), [
      'group: resources[0] Microsoft.Insights/actionGroups: /properties/groupShortName must NOT have more than 12 characters',
    ]);
  });

  it('reads a kind or an API version no schema is bundled for as a note that it is not checked: schemas are evidence, not verdicts', async () => {
    const file = join(dir, 'foreign.yaml');
    writeFileSync(
      file,
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n---\n' +
        'apiVersion: ../../../etc/v1\nkind: Thing\nmetadata: { name: t }\n',
    );
    const template = join(dir, 'future.json');
    writeFileSync(
      template,
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2099-01-01',
            name: 'st',
            location: 'eastus2',
            tags: { workload: 'w', environment: 'prod' },
            properties: {},
          },
        ],
      }),
    );
    const run = await baseplate(dir, 'verify', file, template, '--format', 'json');
    assert.equal(run.code, 0, run.stdout);
    const findings = (JSON.parse(run.stdout) as FindingsReport).findings;
    assert.deepEqual(
      findings
        .filter((f) => f.code === 'schema/not-checked')
        .map((f) => [f.severity, f.message.split(':')[0], f.file]),
      [
        ['info', 'Widget w', file],
        ['info', 'Thing t', file],
        ['info', 'resources[0] Microsoft.Storage/storageAccounts', template],
      ],
    );
    assert.ok(findings.every((f) => !f.code.startsWith('schema/') || f.severity === 'info'));
  });

  it('names Bicep files and Helm chart templates it does not read, and reads Kubernetes JSON manifests', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(join(folder, 'chart', 'templates'), { recursive: true });
    writeFileSync(join(folder, 'main.bicep'), 'param location string = resourceGroup().location\n');
    writeFileSync(join(folder, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    writeFileSync(
      join(folder, 'chart', 'templates', 'service.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  type: {{ .Values.type }}\n',
    );
    writeFileSync(
      join(folder, 'service.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'public' },
            spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
          },
        ],
      }),
    );
    const run = await baseplate(dir, 'verify', 'mixed', '--format', 'json');
    assert.equal(run.code, 1, run.stdout);
    const findings = (JSON.parse(run.stdout) as FindingsReport).findings;
    const notRead = findings.filter((f) => f.code === 'verify/not-read');
    assert.deepEqual(
      notRead.map((f) => [f.severity, f.file, f.message]),
      [
        [
          'warning',
          'mixed/chart/templates/service.yaml',
          'is a Helm chart template, not YAML until Helm renders it: it was not checked',
        ],
        ['warning', 'mixed/main.bicep', 'is Bicep, which verify does not compile: it was not checked'],
      ],
    );
    assert.match(notRead[1]!.fix ?? '', /az bicep build --file mixed\/main\.bicep/);
    // The JSON List's Service is judged as its YAML would be.
    assert.ok(
      findings.some(
        (f) => f.file === 'mixed/service.json' && /Service public: a public load balancer/.test(f.message),
      ),
    );
    assert.ok(!findings.some((f) => f.file?.includes('templates/') && f.code !== 'verify/not-read'));

    // A folder of Bicep alone: said plainly, nothing else to report.
    const bicep = join(dir, 'bicep-only');
    mkdirSync(bicep);
    writeFileSync(join(bicep, 'main.bicep'), 'param name string\n');
    const alone = await baseplate(dir, 'verify', 'bicep-only');
    assert.equal(alone.code, 0);
    assert.match(
      alone.stdout,
      /bicep-only\/main\.bicep: warning: is Bicep, which verify does not compile: it was not checked/,
    );
  });

  it('names every file it cannot read and reads the others: a link to nothing, a link loop, a pipe, a device', async () => {
    const folder = join(dir, 'hostile');
    mkdirSync(join(folder, 'inner'), { recursive: true });
    writeFileSync(
      join(folder, 'service.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata: { name: public }\nspec: { type: LoadBalancer, ports: [{ port: 80 }] }\n',
    );
    symlinkSync(join(folder, 'missing.json'), join(folder, 'dangling.json'));
    symlinkSync(folder, join(folder, 'inner', 'loop'));
    execFileSync('mkfifo', [join(folder, 'pipe.json')]);
    const run = await baseplate(dir, 'verify', 'hostile', '/dev/zero', '--format', 'json');
    // Bad input (exit 2), each named; the Service is still judged.
    assert.equal(run.code, 2, run.stdout);
    const findings = (JSON.parse(run.stdout) as FindingsReport).findings;
    const inputs = findings
      .filter((f) => f.code.startsWith('verify/'))
      .map((f) => `${f.file ?? ''}: ${f.message}`)
      .sort();
    assert.deepEqual(inputs, [
      '/dev/zero: is a device, which verify does not read',
      'hostile/dangling.json: is a link to nothing',
      'hostile/inner/loop: is a folder read already, reached again through a link: not read twice',
      'hostile/pipe.json: is a named pipe, which verify does not read',
    ]);
    assert.ok(
      findings.some((f) => f.file === 'hostile/service.yaml' && /public load balancer/.test(f.message)),
    );
  });

  it('refuses values nested thousands deep, in JSON or YAML, as a problem of that file, never a crash', async () => {
    writeFileSync(join(dir, 'deep.json'), `${'['.repeat(5000)}${']'.repeat(5000)}`);
    writeFileSync(
      join(dir, 'deep.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    );
    writeFileSync(
      join(dir, 'shallow.json'),
      JSON.stringify({ resources: [{ type: 'x', name: 'y', properties: { a: [[[1]]] } }] }),
    );
    const run = await baseplate(dir, 'verify', 'deep.json', 'deep.yaml', 'shallow.json', '--format', 'json');
    assert.equal(run.code, 2, run.stderr);
    const findings = (JSON.parse(run.stdout) as FindingsReport).findings;
    const inputs = findings.filter((f) => f.code === 'verify/input');
    assert.deepEqual(
      inputs.map((f) => f.file),
      ['deep.json', 'deep.yaml'],
    );
    assert.equal(inputs[0]!.message, 'nests values more than 256 levels deep, which verify does not read');
    // Found before the YAML parser, which recurses per level, sees it; and where.
    assert.equal(inputs[1]!.message, inputs[0]!.message);
    assert.deepEqual(inputs[1]!.position, { line: 4, column: 262 });
  });

  it("applies a configuration's suppressions, each with its reason", async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAccounts'] = false;
    const file = join(dir, 'accepted.json');
    writeFileSync(file, JSON.stringify(changed));
    const config = join(dir, 'suppress.yaml');
    writeFileSync(
      config,
      'verify:\n  suppress:\n    - rule: aks/local-accounts\n      reason: break-glass access while Entra ID is migrated\n',
    );
    const run = await baseplate(dir, 'verify', file, '--config', config);
    assert.equal(run.code, 0, run.stdout);
    assert.match(
      run.stdout,
      /Suppressed \(1\)\n {2}aks\/local-accounts: .*\n {4}reason \(configuration, verify\.suppress\): break-glass access while Entra ID is migrated/,
    );
  });

  it('refuses a path that does not exist', async () => {
    const run = await baseplate(dir, 'verify', join(dir, 'missing.json'));
    assert.equal(run.code, 2);
    assert.match(run.stdout, /missing\.json: error: does not exist/);
    const relative = await baseplate(dir, 'verify', 'missing.json', '--format', 'json');
    assert.equal(relative.code, 2);
    const [finding] = (JSON.parse(relative.stdout) as FindingsReport).findings;
    assert.deepEqual([finding?.file, finding?.message], ['missing.json', 'does not exist']);
  });

  it('reads relative paths, files and folders, from its working folder, naming each as typed', async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAccounts'] = false;
    mkdirSync(join(dir, 'team', 'azure'), { recursive: true });
    writeFileSync(join(dir, 'team', 'azure', 'cluster.json'), JSON.stringify(changed));
    writeFileSync(
      join(dir, 'team', 'suppress.yaml'),
      'verify:\n  suppress:\n    - rule: aks/local-accounts\n      reason: read from team/\n',
    );
    assert.notEqual(process.cwd(), dir);
    const run = await baseplate(dir, 'verify', 'team/azure');
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /team\/azure\/cluster\.json: error: .*local accounts are enabled/);
    const suppressed = await baseplate(dir, 'verify', 'team/azure', '--config', 'team/suppress.yaml');
    assert.equal(suppressed.code, 0, suppressed.stdout + suppressed.stderr);
    assert.match(
      suppressed.stdout,
      /Suppressed \(1\)\n {2}aks\/local-accounts: .*\n {4}reason \(configuration, verify\.suppress\): read from team\//,
    );
    const badConfig = await baseplate(dir, 'verify', 'team/azure', '--config', 'team/nowhere.yaml');
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /team\/nowhere\.yaml: no such file/);
  });
});

describe('verify prints foreign text safely', () => {
  it('writes control characters and bidirectional overrides it quotes from the input as \\u escapes', async () => {
    const folder = join(dir, 'hostile');
    mkdirSync(folder, { recursive: true });
    // Not JSON: the parser's message quotes its first bytes, an escape sequence that recolours and retitles a terminal.
    writeFileSync(join(folder, 'escape.json'), '\u001b[31mRED\u001b]0;title\u0007 {');
    // A resource name with a line break that would forge a finding, and a right-to-left override.
    writeFileSync(
      join(folder, 'name.json'),
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.ContainerRegistry/registries',
            apiVersion: '2025-04-01',
            name: 'cr\nerror: forged\u202eevil',
            location: 'eastus2',
            sku: { name: 'Basic' },
            properties: {},
          },
        ],
      }),
    );
    const run = await baseplate(folder, 'verify', 'escape.json', 'name.json');
    const printed = run.stdout + run.stderr;
    assert.equal(/(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(printed), false, printed);
    assert.match(printed, /Unexpected token '\\u001b'/);
    assert.match(printed, /cr\\u000aerror: forged\\u202eevil/);
    assert.doesNotMatch(printed, /^error: forged/m);
  });
});

describe('verify -o, progress and --verbose', () => {
  it('prints table (--format text), json, yaml or sarif: -o and --format are one option', async () => {
    const azure = join(out, 'azure');
    const table = await baseplate(dir, 'verify', azure);
    for (const [a, b] of [
      [
        ['-o', 'table'],
        ['--format', 'text'],
      ],
      [
        ['-o', 'json'],
        ['--format', 'json'],
      ],
      [
        ['-o', 'sarif'],
        ['--format', 'sarif'],
      ],
    ] as const) {
      const [first, second] = [
        await baseplate(dir, 'verify', azure, ...a),
        await baseplate(dir, 'verify', azure, ...b),
      ];
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, second.stdout, `${a.join(' ')} is ${b.join(' ')}`);
    }
    assert.equal(
      (await baseplate(dir, 'verify', azure, '-o', 'table')).stdout,
      table.stdout,
      'table is the default',
    );
    const json = await baseplate(dir, 'verify', azure, '-o', 'json');
    const yaml = await baseplate(dir, 'verify', azure, '-o', 'yaml');
    assert.equal(yaml.code, 0, yaml.stderr);
    assert.deepEqual(parseYaml(yaml.stdout), JSON.parse(json.stdout));
    const both = await baseplate(dir, 'verify', azure, '-o', 'yaml', '--format', 'json');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--output yaml and --format json ask for different formats/);
  });

  it('shows its progress on a terminal alone, redrawn at most every 100 ms of its clock', async () => {
    const folder = join(out, 'gitops');
    const piped = await baseplate(dir, 'verify', folder);
    assert.deepEqual(piped.steps, []);
    // A clock that never moves: the first file read is shown, no other.
    const still = new Date(0);
    const frozen = await runCli(['verify', folder], { cwd: dir, terminal: true, now: () => still });
    assert.equal(frozen.code, 0, frozen.stderr);
    const reading = frozen.steps.filter((step) => step.startsWith('Reading'));
    assert.equal(reading.length, 1);
    assert.match(reading[0]!, /^Reading 1 file\(s\)… .*gitops\/\S+$/);
    const count = /Checking (\d+) file\(s\)/.exec(frozen.steps.at(-2) ?? '')?.[1];
    assert.ok(Number(count) > 5, `the files counted: ${frozen.steps.join(' | ')}`);
    assert.equal(frozen.steps.at(-2), `Checking ${count} file(s) against ${RULES.length} rules…`);
    assert.equal(frozen.steps.at(-1), '', 'cleared at the end');
    // A clock 100 ms further on each reading: every file is shown.
    let ms = 0;
    const moving = await runCli(['verify', folder], {
      cwd: dir,
      terminal: true,
      now: () => new Date((ms += 100)),
    });
    assert.equal(moving.steps.filter((step) => step.startsWith('Reading')).length, Number(count));
    assert.equal(moving.stdout, piped.stdout, 'the same findings');
  });

  it('--verbose names each file it reads, on stderr', async () => {
    const run = await baseplate(dir, 'verify', join(out, 'azure'), '--verbose');
    assert.match(run.stderr, /^verbose: reading .*azure\/01-hub\.json$/m);
    assert.match(run.stderr, /^verbose: read \d+ file\(s\); 0 could not be read$/m);
    assert.doesNotMatch((await baseplate(dir, 'verify', join(out, 'azure'))).stderr, /verbose/);
  });
});

describe('SARIF', () => {
  let validate: ValidateFunction;
  before(() => {
    // The schema's language pattern has a stray "]" that only the unicode flag refuses.
    const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Json;
    validate = ajv.compile(schema);
  });

  it('is valid SARIF 2.1.0, with the rules and a result per finding at its file', async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAccounts'] = false;
    const file = join(dir, 'cluster-sarif.json');
    writeFileSync(file, JSON.stringify(changed));
    const run = await baseplate(dir, 'verify', file, '--format', 'sarif');
    const log = JSON.parse(run.stdout) as Json;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const [runEntry] = log['runs'] as Json[];
    const rules = ((runEntry!['tool'] as Json)['driver'] as Json)['rules'] as Json[];
    assert.ok(rules.length >= 39);
    const results = runEntry!['results'] as Json[];
    const result = results.find((r) => r['ruleId'] === refOf('aks/local-accounts'))!;
    assert.equal(result['level'], 'error');
    assert.equal(rules[Number(result['ruleIndex'])]!['name'], 'aks/local-accounts');
    assert.match(JSON.stringify(result['locations']), /cluster-sarif\.json/);
    // The schema check can fail: a level SARIF does not know is refused.
    result['level'] = 'fatal';
    assert.equal(validate(log), false);
  });

  it('gives every result a relative, percent-encoded location, a rule descriptor and a fingerprint', async () => {
    const changed = template();
    (clusterOf(changed)['properties'] as Json)['disableLocalAcounts'] = true;
    writeFileSync(join(dir, 'my cluster.json'), JSON.stringify(changed));
    writeFileSync(join(dir, 'broken input.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n');
    // A namespace whose workload has no default-deny policy: a finding about the namespace as a whole.
    writeFileSync(
      join(dir, 'open namespace.yaml'),
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata: { name: shop }',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web, namespace: shop }',
        'spec: { replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: "web:1" }] } } }',
      ].join('\n'),
    );
    const sarif = () =>
      baseplate(
        dir,
        'verify',
        'my cluster.json',
        'broken input.yaml',
        'open namespace.yaml',
        '--format',
        'sarif',
      );
    const run = await sarif();
    const log = JSON.parse(run.stdout) as Json;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const [runEntry] = log['runs'] as Json[];
    const rules = ((runEntry!['tool'] as Json)['driver'] as Json)['rules'] as Json[];
    const results = runEntry!['results'] as Json[];
    for (const code of ['schema/arm', 'verify/input', refOf('k8s/default-deny')])
      assert.ok(
        results.some((r) => r['ruleId'] === code),
        code,
      );
    for (const result of results) {
      assert.equal(rules[Number(result['ruleIndex'])]?.['id'], result['ruleId']);
      const location = JSON.stringify(result['locations'] ?? 'none');
      assert.match(
        location,
        /"uri":"(my%20cluster\.json|broken%20input\.yaml|open%20namespace\.yaml)"/,
        `${String(result['ruleId'])}: ${location}`,
      );
      assert.match(location, /"uriBaseId":"%SRCROOT%"/);
      assert.match(String((result['partialFingerprints'] as Json)['baseplateFinding/v1']), /^[0-9a-f]{8}$/);
    }
    const prints = results.map((r) => JSON.stringify(r['partialFingerprints']));
    assert.equal(new Set(prints).size, prints.length, 'fingerprints tell the findings apart');
    const rerun = await sarif();
    const again = JSON.parse(rerun.stdout) as Json;
    assert.deepEqual(
      ((again['runs'] as Json[])[0]!['results'] as Json[]).map((r) =>
        JSON.stringify(r['partialFingerprints']),
      ),
      prints,
      'and are the same from one run to the next',
    );
  });

  it('writes absolute paths as file URIs, on POSIX and Windows', () => {
    assert.deepEqual(artifactLocation('/home/me/my infra/aks#1.json'), {
      uri: 'file:///home/me/my%20infra/aks%231.json',
    });
    assert.deepEqual(artifactLocation('C:\\infra\\aks.json'), { uri: 'file:///C:/infra/aks.json' });
    assert.deepEqual(artifactLocation('./azure/07-cluster-00.json'), {
      uri: 'azure/07-cluster-00.json',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('is what plan writes beside findings.json, and valid too', () => {
    const log = JSON.parse(readFileSync(join(out, 'report', 'findings.sarif'), 'utf8')) as Json;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const report = JSON.parse(readFileSync(join(out, 'report', 'findings.json'), 'utf8')) as Json;
    assert.deepEqual(
      (report['findings'] as Json[]).map((f) => `${String(f['code'])} ${String(f['severity'])}`),
      // The notes of the built-in baseline: no budget, no admin group.
      ['cost/budget info', 'aks/cluster-admin info'],
    );
    assert.ok(
      (report['rules'] as Json[]).every(
        (r) => r['failed'] === 0 || r['id'] === 'cost/budget' || r['id'] === 'aks/cluster-admin',
      ),
    );
  });
});

describe('baseplate verify into a pipe its reader closes (a smoke test in a real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-pipe-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('drops the rest of its output and ends with its own exit code, no EPIPE stack', async () => {
    const planned = await runCli(['plan', '--out', 'out'], { cwd: dir });
    assert.equal(planned.code, 0, planned.stderr);
    const bin = join(repoRoot, 'build', 'cli', 'main.js');
    // `baseplate verify out -o sarif | head -c 100`: the reader takes a little, then goes.
    const child = spawn(process.execPath, [bin, 'verify', 'out', '-o', 'sarif'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled 'error' event/);
    const whole = await runCli(['verify', 'out', '-o', 'sarif'], { cwd: dir });
    assert.ok(whole.stdout.length > 100_000, 'more output than a pipe holds');
    assert.equal(code, whole.code);
  });
});
