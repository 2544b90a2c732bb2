/**
 * A finding on Baseplate's own output is told in the user's terms: the
 * configuration key that produced it, the file, line and column that write it
 * (or that a default gives it), and the change to the configuration that fixes
 * it. Every rule a configuration value can trip is tripped here from a
 * configuration, and its settings are held to the configuration schema.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { schemaAt } from '../src/core/config/json-schema.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import { formatDiagnostic, formatDiagnostics, formatPath } from '../src/core/diagnostics.js';
import type { PlannedFrom } from '../src/core/verify/finding-settings.js';
import { inConfigTerms, REMEDIES, settingPath } from '../src/core/verify/finding-settings.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { LANDING_ZONE, planOk, refOf, repoRoot } from './helpers.js';

const TWO_SPOKES = `spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    ingress: { hostNames: [app.contoso.com] }
  - name: "01"
    addressSpace: 10.241.0.0/16
    ingress: { hostNames: [preprod.contoso.com] }
    cluster:
      tier: Free
`;

/** One spoke whose cluster settings follow, from line 5. */
const CLUSTER = `spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    cluster:
`;

interface Trip {
  readonly config: string;
  /** The setting the finding names. */
  readonly setting: string;
  /** The line of its key; none when a default gives it. */
  readonly line?: number;
}

/** For each rule with a remedy, a configuration whose plan trips it. */
const TRIPS: Readonly<Record<string, Trip>> = {
  'aks/api-server-access': {
    config: `${CLUSTER}      apiServer:\n        authorizedIpRanges: [0.0.0.0/0]\n`,
    setting: 'spokes[0].cluster.apiServer.authorizedIpRanges',
    line: 6,
  },
  'net/authorized-ranges-firewall': {
    config: LANDING_ZONE,
    setting: 'hub.existing.firewallPublicIps',
    line: 8,
  },
  'aks/sla-tier': { config: `${CLUSTER}      tier: Free\n`, setting: 'spokes[0].cluster.tier', line: 5 },
  'aks/system-pool-size': {
    config: `${CLUSTER}      systemPool:\n        minCount: 1\n        maxCount: 3\n`,
    setting: 'spokes[0].cluster.systemPool.minCount',
    line: 6,
  },
  'aks/user-pool-size': {
    config: `${CLUSTER}      userPools:\n        - name: npuser01\n        - name: npuser02\n          minCount: 1\n`,
    setting: 'spokes[0].cluster.userPools[1].minCount',
    line: 8,
  },
  'aks/user-pool-vm-size': {
    config: `${CLUSTER}      userPools:\n        - name: npuser01\n          vmSize: Standard_D2s_v3\n`,
    setting: 'spokes[0].cluster.userPools[0].vmSize',
    line: 7,
  },
  'aks/pool-zones': {
    config: `${CLUSTER}      systemPool:\n        zones: [1]\n`,
    setting: 'spokes[0].cluster.systemPool.zones',
    line: 6,
  },
  'acr/zone-redundancy': { config: 'zones: []\n', setting: 'zones', line: 1 },
  'appgw/zones': { config: 'location: eastus2\nzones: []\n', setting: 'zones', line: 2 },
  'aks/local-accounts': {
    config: `${CLUSTER}      disableLocalAccounts: false\n`,
    setting: 'spokes[0].cluster.disableLocalAccounts',
    line: 5,
  },
  'aks/azure-rbac': {
    config: `${CLUSTER}      entra:\n        azureRbac: false\n`,
    setting: 'spokes[0].cluster.entra.azureRbac',
    line: 6,
  },
  'aks/cluster-admin': { config: '{}', setting: 'spokes[0].cluster.entra.adminGroupObjectIds' },
  'aks/max-pods': {
    config: `${CLUSTER}      userPools:\n        - name: npuser01\n          maxPods: 10\n`,
    setting: 'spokes[0].cluster.userPools[0].maxPods',
    line: 7,
  },
  'aks/single-os': {
    config: `${CLUSTER}      userPools:\n        - name: npuser01\n        - name: npuser02\n          osSku: Ubuntu\n`,
    setting: 'spokes[0].cluster.userPools',
    line: 5,
  },
  'acr/geo-replication': {
    config: `spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n    registry:\n      geoReplication: { enabled: false }\n`,
    setting: 'spokes[0].registry.geoReplication.enabled',
    line: 5,
  },
  'firewall/threat-intel': {
    config: 'hub:\n  firewall:\n    threatIntelMode: Alert\n',
    setting: 'hub.firewall.threatIntelMode',
    line: 3,
  },
  'firewall/idps': {
    config: 'hub:\n  firewall:\n    tier: Premium\n    intrusionDetection: Alert\n',
    setting: 'hub.firewall.intrusionDetection',
    line: 4,
  },
  'firewall/policy-analytics': {
    config: 'hub:\n  firewall:\n    policyAnalytics: false\n',
    setting: 'hub.firewall.policyAnalytics',
    line: 3,
  },
  'aks/node-os-upgrades': {
    config: 'upgrades:\n  strategy: immutable\n',
    setting: 'upgrades.strategy',
    line: 2,
  },
  'upgrades/maintenance-frequency': {
    config:
      'upgrades:\n  nodeOsWindow:\n    frequency: Weekly\n    intervalWeeks: 2\n    dayOfWeek: Tuesday\n',
    setting: 'upgrades.nodeOsWindow.intervalWeeks',
    line: 4,
  },
  'upgrades/supported-version': {
    config: `${CLUSTER}      kubernetesVersion: "1.30"\n`,
    setting: 'spokes[0].cluster.kubernetesVersion',
    line: 5,
  },
  'monitoring/control-plane-logs': {
    config: 'monitoring:\n  controlPlaneLogs: [kube-apiserver]\n',
    setting: 'monitoring.controlPlaneLogs',
    line: 2,
  },
  'monitoring/troubleshooting-logs': {
    config:
      'monitoring:\n  controlPlaneLogs:\n    [kube-audit-admin, cluster-autoscaler, kube-controller-manager, guard, kube-scheduler]\n',
    setting: 'monitoring.controlPlaneLogs',
    line: 2,
  },
  'monitoring/network-observability': {
    config: 'monitoring:\n  networkObservability: false\n',
    setting: 'monitoring.networkObservability',
    line: 2,
  },
  'monitoring/advanced-network-observability': {
    config: 'monitoring:\n  advancedNetworkObservability: true\n',
    setting: 'monitoring.advancedNetworkObservability',
    line: 2,
  },
  'policy/registry-deny': {
    config: 'policy:\n  customPolicyEffect: Audit\n',
    setting: 'policy.customPolicyEffect',
    line: 2,
  },
  'policy/kubernetes-guardrails': {
    config: 'policy:\n  customPolicyEffect: Audit\n',
    setting: 'policy.customPolicyEffect',
    line: 2,
  },
  'aks/defender': { config: 'defender:\n  enabled: false\n', setting: 'defender.enabled', line: 2 },
  'aks/run-command': {
    config: `${CLUSTER}      apiServer:\n        runCommand: true\n`,
    setting: 'spokes[0].cluster.apiServer.runCommand',
    line: 6,
  },
  'aks/storage-drivers': {
    config: `${CLUSTER}      storageDrivers: true\n`,
    setting: 'spokes[0].cluster.storageDrivers',
    line: 5,
  },
  'appgw/unique-host-names': {
    config: `spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n    ingress: { hostNames: [app.contoso.com] }\n  - name: "01"\n    addressSpace: 10.241.0.0/16\n    ingress:\n      hostNames: [app.contoso.com]\n`,
    setting: 'spokes[1].ingress.hostNames',
    line: 8,
  },
  'cost/budget': { config: '{}', setting: 'cost.monthlyBudget' },
};

/** What the rules say in the templates' terms, which a fix in the configuration's never does. */
const TEMPLATE_TERMS =
  /\bproperties\.|apiServerAccessProfile|autoUpgradeProfile|aadProfile|agentPoolProfiles|networkProfile|policySettings|aksManaged/;

/** Every finding of a plan, the suppressed ones too. */
function findingsOf(text: string): Diagnostic[] {
  const planned = planOk(text);
  return [
    ...planned.diagnostics.filter((d) => d.kind === 'finding'),
    ...planned.verification.suppressed.map((s) => s.finding),
  ];
}

describe('the setting behind a finding', () => {
  it('names the spoke, the key and the line and column that produced it', () => {
    const { diagnostics } = planOk(TWO_SPOKES);
    const sla = diagnostics.filter((d) => d.code === 'aks/sla-tier');
    assert.equal(sla.length, 1, 'only the second spoke runs on the Free tier');
    assert.deepEqual(sla[0]!.setting, {
      file: 'baseplate.yaml',
      path: ['spokes', 1, 'cluster', 'tier'],
      position: { line: 9, column: 7 },
    });
    assert.equal(
      sla[0]!.fix,
      'Set spokes[1].cluster.tier: Standard (the default; Premium for mission-critical workloads).',
    );
  });

  it('is told from the configuration: the file, line and key first, then the change, then the resource', () => {
    const sla = planOk(TWO_SPOKES).diagnostics.find((d) => d.code === 'aks/sla-tier')!;
    const lines = formatDiagnostic(sla).split('\n');
    assert.match(
      lines[0]!,
      /^baseplate\.yaml:9:7: warning: spokes\[1\]\.cluster\.tier: tier: Free; expected: /,
    );
    assert.match(lines[0]!, / \(aks\/sla-tier\)$/);
    assert.equal(lines[1], `  fix: ${sla.fix}`);
    assert.match(
      lines[2]!,
      /^ {2}resource: \/subscriptions\/.*\/managedClusters\/aks-bu0001a0008-01-prod-eus2$/,
    );
    assert.match(lines[3]!, /^ {2}in: azure\/resources\.json \$\.resources\[\d+\]\.sku\.tier$/);
    assert.equal(lines.length, 4);
  });

  it('says when a default gives the value, the file not writing it', () => {
    const budget = planOk(TWO_SPOKES).diagnostics.find((d) => d.code === 'cost/budget')!;
    assert.deepEqual(budget.setting, { file: 'baseplate.yaml', path: ['cost', 'monthlyBudget'] });
    assert.match(
      formatDiagnostic(budget),
      /^baseplate\.yaml: info: cost\.monthlyBudget \(not in the file: a default gives it\): no budget among the inputs; /,
    );
  });

  it('is in findings.json as in the plan’s diagnostics, with the fix in the configuration’s terms', () => {
    const { files } = planOk(TWO_SPOKES);
    const report = JSON.parse(files.find((f) => f.path === 'report/findings.json')!.content) as {
      findings: Array<{ code: string; setting?: unknown; fix?: string }>;
    };
    const sla = report.findings.find((f) => f.code === 'aks/sla-tier');
    assert.deepEqual(sla?.setting, {
      file: 'baseplate.yaml',
      path: ['spokes', 1, 'cluster', 'tier'],
      position: { line: 9, column: 7 },
    });
    assert.match(sla?.fix ?? '', /^Set spokes\[1\]\.cluster\.tier: Standard/);
  });

  it('is a property of the SARIF result', () => {
    const { files } = planOk(TWO_SPOKES);
    const log = JSON.parse(files.find((f) => f.path === 'report/findings.sarif')!.content) as {
      runs: Array<{ results: Array<{ ruleId: string; properties?: { setting?: string } }> }>;
    };
    const sla = log.runs[0]!.results.filter((r) => r.ruleId === refOf('aks/sla-tier'));
    assert.deepEqual(
      sla.map((r) => r.properties?.setting),
      ['baseplate.yaml:9:7 spokes[1].cluster.tier'],
    );
  });

  it('names the node pool the finding is about', () => {
    const text = `${CLUSTER}      systemPool:\n        zones: [1]\n      userPools:\n        - name: npuser01\n        - name: npuser02\n          zones: [2]\n`;
    const found = findingsOf(text).filter((d) => d.code === 'aks/pool-zones');
    assert.deepEqual(
      found.map((d) => [formatPath(d.setting!.path), d.setting!.position?.line]),
      [
        ['spokes[0].cluster.systemPool.zones', 6],
        ['spokes[0].cluster.userPools[1].zones', 10],
      ],
    );
  });
});

describe('every rule a configuration value trips', () => {
  for (const [code, trip] of Object.entries(TRIPS)) {
    it(`${code}: names ${trip.setting} and the change to it`, () => {
      const found = findingsOf(trip.config).filter((d) => d.code === code);
      assert.ok(found.length > 0, `the configuration does not trip ${code}`);
      const named = found.find((d) => d.setting && formatPath(d.setting.path) === trip.setting);
      assert.ok(named, `${code} names ${found.map((d) => formatPath(d.setting?.path ?? [])).join(', ')}`);
      assert.equal(named.setting!.file, 'baseplate.yaml');
      assert.equal(named.setting!.position?.line, trip.line);
      const rule = RULES.find((r) => r.id === code)!;
      for (const d of found) {
        assert.ok(d.setting, `every finding of ${code} names its setting`);
        assert.notEqual(d.fix, rule.fix, 'the fix is the configuration’s, not the template’s');
        assert.ok(d.fix?.includes(formatPath(d.setting.path.slice(0, 2))), `${d.fix} names the setting`);
        assert.doesNotMatch(d.fix ?? '', TEMPLATE_TERMS);
        assert.doesNotMatch(d.fix ?? '', /\{(setting|spoke)\}/, 'every placeholder is filled');
      }
    });
  }

  it('has a configuration that trips it for each remedy, and a remedy for each such rule', () => {
    assert.deepEqual(Object.keys(TRIPS).sort(), Object.keys(REMEDIES).sort());
  });

  it('leaves no finding of the plans here and of test/cases without its setting', () => {
    const root = join(repoRoot, 'test', 'cases');
    const cases = readdirSync(root)
      .map((name) => join(root, name, 'baseplate.yaml'))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'));
    const configs = [...new Set([...Object.values(TRIPS).map((t) => t.config), ...cases])];
    const bare = configs.flatMap((text) =>
      findingsOf(text)
        .filter((d) => !d.setting)
        .map((d) => `${d.code} (${d.message})`),
    );
    assert.deepEqual(bare, []);
  });
});

describe('the remedies', () => {
  /** A remedy's setting for spoke 0 and each kind of pool. */
  const concrete = (setting: string) =>
    setting.includes('{pool}')
      ? [
          settingPath(setting, { spoke: 0, pool: ['systemPool'] }),
          settingPath(setting, { spoke: 0, pool: ['userPools', 0] }),
        ]
      : [settingPath(setting, { spoke: 0 })];

  it('name rules that exist, and configuration keys the schema has', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const [code, remedy] of Object.entries(REMEDIES)) {
      assert.ok(ids.has(code), `${code} is a rule`);
      for (const setting of remedy.settings)
        for (const path of concrete(setting)) {
          assert.ok(path, `${code}: ${setting} resolves`);
          assert.ok(schemaAt(path).length > 0, `${code}: ${formatPath(path)} is a configuration key`);
        }
    }
  });

  it('would catch a key the schema does not have', () => {
    assert.equal(schemaAt(['spokes', 0, 'cluster', 'tierr']).length, 0);
    assert.equal(schemaAt(['hub', 'firewall', 'threatIntel']).length, 0);
  });

  it('resolve a spoke and a pool only when the finding names them', () => {
    assert.deepEqual(settingPath('spokes[].cluster.{pool}.zones', { spoke: 2, pool: ['userPools', 1] }), [
      'spokes',
      2,
      'cluster',
      'userPools',
      1,
      'zones',
    ]);
    assert.equal(settingPath('spokes[].cluster.tier', {}), undefined);
    assert.equal(settingPath('spokes[].cluster.{pool}.zones', { spoke: 0 }), undefined);
    assert.deepEqual(settingPath('hub.firewall.tier', {}), ['hub', 'firewall', 'tier']);
  });
});

describe('a finding with no remedy', () => {
  const planned = planOk('{}');
  const from: PlannedFrom = {
    file: 'baseplate.yaml',
    config: planned.config,
    design: planned.design,
    locate: () => undefined,
    writes: () => false,
  };
  const finding: Diagnostic = {
    code: 'k8s/probes',
    severity: 'warning',
    kind: 'finding',
    message: 'Deployment/web: no readinessProbe; expected: Containers have probes',
    file: 'app.yaml',
    jsonPath: '$.spec',
    fix: 'Add readinessProbe and livenessProbe to every container.',
  };

  it('is left as the rule tells it, in the written file’s terms', () => {
    assert.equal(inConfigTerms(finding, from), finding);
    assert.equal(
      formatDiagnostic(finding),
      'app.yaml: warning: Deployment/web: no readinessProbe; expected: Containers have probes\n  at: $.spec\n  fix: Add readinessProbe and livenessProbe to every container.',
    );
  });

  it('nor is one about a spoke’s setting whose resource names no spoke of the plan', () => {
    const foreign = {
      ...finding,
      code: 'aks/sla-tier',
      message: '/subscriptions/x/managedClusters/theirs: sku.tier: Free',
    };
    assert.equal(inConfigTerms(foreign, from), foreign);
  });

  it('nor is an input problem', () => {
    const input: Diagnostic = { ...finding, kind: 'input', code: 'cost/budget' };
    assert.equal(inConfigTerms(input, from), input);
  });
});

describe('findings that say the same of one setting', () => {
  it('are told once, naming each resource', () => {
    const found = planOk(
      `zones: []\n${TWO_SPOKES.replace('    cluster:\n      tier: Free\n', '')}`,
    ).diagnostics;
    const zones = found.filter((d) => d.code === 'aks/pool-zones');
    assert.equal(zones.length, 4, 'two pools in each of two clusters');
    const blocks = formatDiagnostics(zones);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.match(/^ {2}resource: /gm)?.length, 4);
    assert.equal(blocks[0]!.match(/^ {2}fix: /gm)?.length, 1);
  });

  it('are told apart when their settings differ', () => {
    const found = planOk(
      `spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n    ingress: { hostNames: [a.contoso.com] }\n    cluster: { tier: Free }\n  - name: "01"\n    addressSpace: 10.241.0.0/16\n    ingress: { hostNames: [b.contoso.com] }\n    cluster: { tier: Free }\n`,
    ).diagnostics.filter((d) => d.code === 'aks/sla-tier');
    assert.equal(formatDiagnostics(found).length, 2);
  });
});
