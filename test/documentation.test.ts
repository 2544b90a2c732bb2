/** What the README and `init` show a user must work as shown. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/core/config/load.js';
import { PRESETS } from '../src/core/config/schema/index.js';
import { starterConfig } from '../src/core/config/starter.js';
import { configOf, planOk, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';
import { RULES } from '../src/core/verify/rules/index.js';

/** A prod.yaml with one mistake in it at a time: the README's two, at the lines and columns it shows. */
const PROD = (naming: string, maxCount: number) => `# The production design
naming:
  ${naming}: bu0001
location: eastus2
spokes:
  - name: '00'
    addressSpace: 10.240.0.0/16
    cluster:
      apiServer:
        authorizedIpRanges: [203.0.113.0/24]
      userPools:
      - name: npuser01
        minCount: 3
        maxCount: ${maxCount}
`;

describe('documentation', () => {
  it("plans the README's example configuration", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README has a YAML example');
    const { design, diagnostics } = planOk(example);
    assert.equal(design.spokes.length, 2);
    assert.equal(design.spokes[1]?.environment, 'preprod');
    // A showcase: nothing in it to put right (notes, such as prices the table lacks, may stand).
    const raised = diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      raised.map((d) => `${d.code}: ${d.message}`),
      [],
    );
  });

  it("shows the README's error example exactly as plan prints it", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.match(
      readme,
      /error: spokes\[0\]\.cluster\.userPools\[0\]\.maxCount: must be ≥ minCount \(3\) \(got 2\)/,
    );
    const loaded = loadConfig({
      name: 'prod.yaml',
      text: 'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { userPools: [{ minCount: 3, maxCount: 2 }] } }]',
    });
    assert.ok(!loaded.ok);
    assert.match(loaded.diagnostics[0]?.message ?? '', /^must be ≥ minCount \(3\)$/);
  });

  it("prints each of the README's errors, with its fix, exactly as shown, and writes nothing", async (t) => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('stops the plan with'));
    const shown = [...section.matchAll(/```text\n([^`]*)```/g)].slice(0, 2).map((m) => m[1]!);
    assert.equal(shown.length, 2, 'the README shows the errors');
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-readme-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [config, printed] of [
      [PROD('businessUnit', 2), shown[0]!],
      [PROD('busnessUnit', 5), shown[1]!],
    ] as const) {
      writeFileSync(join(dir, 'prod.yaml'), config);
      const run = await runCli(['plan', '--config', 'prod.yaml', '--out', 'plans/prod'], { cwd: dir });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, printed);
      assert.deepEqual(readdirSync(dir), ['prod.yaml']);
    }
  });

  it('counts the rules as verify has them', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const counts = [...readme.matchAll(/\b(\d+) rules\b/g)].map((m) => Number(m[1]));
    assert.ok(counts.length >= 2, 'the README counts the rules');
    for (const count of counts) assert.equal(count, RULES.length);
  });

  it('deploys, in its Azure CLI steps, the files and resource groups the default plan writes', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const { files, design } = planOk('{}');
    // The README's private cluster step deploys the stage only a private cluster has.
    const privateCluster = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true } } }]',
    );
    const named = [...readme.matchAll(/--template-file (\S+)/g)].map((m) => `azure/${m[1]!}`);
    assert.ok(named.length >= 4);
    for (const path of named)
      assert.ok(
        [...files, ...privateCluster.files].some((f) => f.path === path),
        `${path} is not written by plan`,
      );
    const templates = files.filter((f) => /^azure\/\d\d-[^/]*(?<!\.parameters)\.json$/.test(f.path));
    assert.deepEqual(
      templates.map((f) => f.path).filter((path) => !named.includes(path)),
      [],
      'every stage of the default plan is deployed',
    );
    for (const group of readme.matchAll(/--resource-group (\S+)/g)) {
      const known = [design.hub.names?.resourceGroup, ...design.spokes.map((s) => s.names.resourceGroup)];
      assert.ok(known.includes(group[1]), `${group[1]!} is not a planned resource group`);
    }
  });

  it('lists every stage with the roles its deployer needs, as deployment-order.json does', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `([a-z-]+)(?:-NN)?`[^|]*\|[^|]*\|([^|]*)\|$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    const { deploymentOrder } = planOk(`
defender: { enabled: true }
cost: { monthlyBudget: 1000 }
spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true } } }]
`);
    const order = deploymentOrder;
    for (const stage of order.stages) {
      const row = rows.get(stage.name.replace(/-\d\d$/, ''));
      assert.ok(row !== undefined, `README lists stage ${stage.name}`);
      for (const { role } of stage.roles)
        assert.ok(row.includes(role), `README gives ${stage.name} the role ${role}`);
    }
  });

  it("with an existing hub, names every role the workload's own stages need in the hub owner's subscription", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const paragraph =
      /With an existing hub, the stages that need nothing[\s\S]*?\n\n/.exec(readme)?.[0] ?? '';
    assert.doesNotMatch(paragraph, /needs no rights/);
    const hubSubscription = '22222222-2222-2222-2222-222222222222';
    const landingZone = readFileSync(
      join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'),
      'utf8',
    );
    const variants = [
      landingZone,
      // The landing zone's own zones and workspace, and the hub's gateway in use.
      landingZone
        .replace('hub:\n', 'hub:\n  gatewayTransit: true\n')
        .replace(
          /( {4}firewallPolicyId: .*\n)/,
          `$1    privateDnsZonesResourceGroupId: /subscriptions/${hubSubscription}/resourceGroups/rg-dns\n    logAnalyticsWorkspaceId: /subscriptions/${hubSubscription}/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/log-central\n`,
        ),
    ];
    const hubGroups = ['rg-connectivity', 'rg-dns', 'rg-monitoring'];
    let checked = 0;
    for (const config of variants) {
      const { files, deploymentOrder: order } = planOk(config);
      const handoff = files.find((f) => f.path === 'azure/network-team/README.md')!.content;
      for (const stage of order.stages.filter((s) => s.appliedBy === 'baseplate')) {
        for (const { role, scope } of stage.roles) {
          const inHub =
            scope.includes(`/subscriptions/${hubSubscription}/`) ||
            hubGroups.some((group) => scope === `resource group ${group}`);
          if (!inHub) continue;
          checked += 1;
          assert.ok(paragraph.includes(role), `the README names ${role} (${stage.name} on ${scope})`);
          const shown = scope.replace(/^resource group (.+)$/, 'resource group `$1`');
          assert.ok(
            handoff
              .split('\n')
              .some((line) => line.includes(role) && line.includes(shown) && line.includes(stage.name)),
            `network-team/README.md asks for ${role} on ${scope} for ${stage.name}`,
          );
        }
      }
    }
    assert.ok(checked >= 4, 'the peering, the zones and the workspace are all checked');
  });

  for (const preset of PRESETS) {
    it(`starts the ${preset} preset from a starter file equal to its defaults`, () => {
      const starter = starterConfig(preset, 'abcde');
      const resolved = configOf(starter);
      const defaults = configOf(`preset: ${preset}\nnaming: { suffix: abcde }`);
      assert.deepEqual(resolved, defaults);
      assert.match(starter, /# Availability zones; spec:/, 'fields carry their schema description');
    });
  }
});
