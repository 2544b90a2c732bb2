/**
 * Findings accepted in the audited input itself: a Kubernetes annotation or an
 * ARM resource's metadata, `baseplate.dev/ignore-<rule>` with the reason as its
 * value. Each is shown as suppressed with its reason and where it was written;
 * one without a reason, or naming no rule, suppresses nothing and says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sarifLog } from '../src/core/verify/sarif.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { verifySources } from '../src/core/verify/sources.js';
import { verificationText } from '../src/core/verify/text.js';
import { refOf } from './helpers.js';

/** A Deployment with no probes: k8s/probes finds it, unless an annotation accepts it. */
function deployment(name: string, annotations: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'batch', annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image: 'contoso.azurecr.io/worker:1.0.0', ports: [{ containerPort: 80 }] }],
        },
      },
    },
  });
}

/** A cluster with local accounts on: aks/local-accounts finds it, unless its metadata accepts it. */
function cluster(metadata?: Record<string, unknown>): string {
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2026-05-01',
        name: 'aks-one',
        location: 'eastus2',
        ...(metadata ? { metadata } : {}),
        properties: { disableLocalAccounts: false },
      },
    ],
  });
}

interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string }> }> }>;
}

const probes = (d: { code: string; message: string }) => d.code === 'k8s/probes';
const REASON = 'a batch worker with no port to probe';

describe('suppressions written in the input', () => {
  it('an annotation accepts its own object’s finding, shown with its reason, and no other object’s', () => {
    const { verification } = verifySources([
      { name: 'worker.json', text: deployment('worker', { 'baseplate.dev/ignore-k8s.probes': REASON }) },
      { name: 'web.json', text: deployment('web') },
    ]);
    const standing = verification.diagnostics.filter(probes);
    assert.ok(standing.length > 0, 'the web Deployment’s finding stands');
    assert.ok(standing.every((d) => !d.message.includes('worker')));
    const accepted = verification.suppressed.filter((s) => probes(s.finding));
    assert.ok(accepted.length > 0);
    for (const s of accepted) {
      assert.match(s.finding.message, /worker/);
      assert.equal(s.reason, REASON);
      assert.equal(s.by, 'annotation');
    }
    assert.match(
      verificationText(verification),
      /reason \(annotation\): a batch worker with no port to probe/,
    );
  });

  it('SARIF marks an in-source suppression inSource, one of the configuration external', () => {
    const { verification } = verifySources(
      [
        { name: 'worker.json', text: deployment('worker', { 'baseplate.dev/ignore-k8s.probes': REASON }) },
        { name: 'main.json', text: cluster() },
      ],
      { suppressions: [{ rule: 'aks/local-accounts', reason: 'a lab cluster, torn down nightly' }] },
    );
    const log = sarifLog(RULES, verification.diagnostics, verification.suppressed) as SarifLog;
    const results = log.runs[0]!.results;
    // SARIF names each rule by its opaque ID.
    const kinds = (rule: string) =>
      results.filter((r) => r.ruleId === refOf(rule)).map((r) => r.suppressions?.[0]?.kind);
    assert.ok(kinds('k8s/probes').length > 0);
    assert.ok(kinds('k8s/probes').every((k) => k === 'inSource'));
    assert.deepEqual(kinds('aks/local-accounts'), ['external']);
  });

  it('an ARM resource’s metadata accepts its finding', () => {
    const before = verifySources([{ name: 'main.json', text: cluster() }]).verification;
    assert.ok(before.diagnostics.some((d) => d.code === 'aks/local-accounts'));
    const { verification } = verifySources([
      {
        name: 'main.json',
        text: cluster({ 'baseplate.dev/ignore-aks.local-accounts': 'a lab cluster, torn down nightly' }),
      },
    ]);
    assert.ok(!verification.diagnostics.some((d) => d.code === 'aks/local-accounts'));
    const [accepted] = verification.suppressed.filter((s) => s.finding.code === 'aks/local-accounts');
    assert.equal(accepted?.by, 'metadata');
    assert.equal(accepted?.reason, 'a lab cluster, torn down nightly');
  });

  it('one without a reason, or naming no rule, suppresses nothing and says so', () => {
    const { verification } = verifySources([
      {
        name: 'worker.json',
        text: deployment('worker', {
          'baseplate.dev/ignore-k8s.probes': 'ok',
          'baseplate.dev/ignore-k8s.probe': REASON,
        }),
      },
    ]);
    assert.ok(verification.diagnostics.some(probes), 'the finding stands');
    assert.equal(verification.suppressed.length, 0);
    const problems = verification.diagnostics.filter((d) => d.code === 'verify/suppression');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.file, /gives no reason|names no rule/.exec(p.message)?.[0]]),
      [
        ['warning', 'worker.json', 'gives no reason'],
        ['warning', 'worker.json', 'names no rule'],
      ],
    );
  });

  it('SARIF describes the problem of a suppression at its severity, a warning', () => {
    const { verification } = verifySources([
      { name: 'worker.json', text: deployment('worker', { 'baseplate.dev/ignore-k8s.probes': 'ok' }) },
    ]);
    const log = sarifLog(RULES, verification.diagnostics, verification.suppressed) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
        results: Array<{ ruleId: string; level: string }>;
      }>;
    };
    const [run] = log.runs;
    const descriptor = run!.tool.driver.rules.find((r) => r.id === 'verify/suppression');
    assert.equal(descriptor?.defaultConfiguration.level, 'warning');
    assert.deepEqual(
      run!.results.filter((r) => r.ruleId === 'verify/suppression').map((r) => r.level),
      ['warning'],
    );
  });

  it('names the rule by its ID as well', () => {
    const id = refOf('k8s/probes');
    const { verification } = verifySources([
      { name: 'worker.json', text: deployment('worker', { [`baseplate.dev/ignore-${id}`]: REASON }) },
    ]);
    assert.ok(!verification.diagnostics.some(probes));
    assert.ok(verification.suppressed.some((s) => probes(s.finding) && s.reason === REASON));
  });

  it('the rule’s name is written with . for / (an annotation name may hold no /)', () => {
    const { verification } = verifySources([
      { name: 'worker.json', text: deployment('worker', { 'baseplate.dev/ignore-k8s/probes': REASON }) },
    ]);
    assert.ok(verification.diagnostics.some(probes));
    assert.ok(verification.diagnostics.some((d) => d.code === 'verify/suppression'));
  });
});
