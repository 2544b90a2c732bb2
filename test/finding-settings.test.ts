/**
 * A finding on Baseplate's own output names the configuration setting that
 * decides it (from the coverage table), with the line where the file writes it,
 * or that a default gives it; per-spoke settings name the spoke the finding is about.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../src/core/diagnostics.js';
import { settingPath } from '../src/core/coverage/settings.js';
import { planOk, refOf } from './helpers.js';

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

describe('the setting behind a finding', () => {
  it('names the spoke, the key and the line that produced it', () => {
    const { diagnostics } = planOk(TWO_SPOKES);
    const sla = diagnostics.filter((d) => d.code === 'aks/sla-tier');
    assert.equal(sla.length, 1, 'only the second spoke runs on the Free tier');
    assert.deepEqual(sla[0]!.setting, {
      file: 'baseplate.yaml',
      path: ['spokes', 1, 'cluster', 'tier'],
      position: { line: 9, column: 7 },
    });
    assert.match(formatDiagnostic(sla[0]!), /\n {2}setting: baseplate\.yaml:9:7 spokes\[1\]\.cluster\.tier$/);
  });

  it('says when a default gives the value, the file not writing it', () => {
    const { diagnostics } = planOk(TWO_SPOKES);
    const budget = diagnostics.find((d) => d.code === 'cost/budget');
    assert.deepEqual(budget?.setting, { file: 'baseplate.yaml', path: ['cost', 'monthlyBudget'] });
    assert.match(
      formatDiagnostic(budget!),
      /setting: cost\.monthlyBudget \(a default: the configuration does not set it\)$/m,
    );
  });

  it('is in findings.json as in the plan’s diagnostics', () => {
    const { files } = planOk(TWO_SPOKES);
    const report = JSON.parse(files.find((f) => f.path === 'report/findings.json')!.content) as {
      findings: Array<{ code: string; setting?: unknown }>;
    };
    assert.deepEqual(report.findings.find((f) => f.code === 'aks/sla-tier')?.setting, {
      file: 'baseplate.yaml',
      path: ['spokes', 1, 'cluster', 'tier'],
      position: { line: 9, column: 7 },
    });
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

  it('reads the coverage table’s per-spoke and nested settings', () => {
    assert.deepEqual(settingPath('spokes[].cluster.tier', 2), ['spokes', 2, 'cluster', 'tier']);
    assert.equal(settingPath('spokes[].cluster.tier', undefined), undefined);
    assert.deepEqual(settingPath('spokes[].cluster.userPools[].minCount', 0), [
      'spokes',
      0,
      'cluster',
      'userPools',
    ]);
    assert.deepEqual(settingPath('otherNetworks[].addressSpace', 0), ['otherNetworks']);
    assert.deepEqual(settingPath('hub.firewall.tier', 0), ['hub', 'firewall', 'tier']);
  });
});
