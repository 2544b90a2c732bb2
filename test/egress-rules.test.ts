/** The firewall's egress rules: what each feature needs, and where each rule's destinations are documented. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EgressNeeds } from '../src/core/design/egress-rules.js';
import { egressRules } from '../src/core/design/egress-rules.js';
import type { Json } from './artifacts.js';
import { resolved } from './artifacts.js';
import { planOk } from './helpers.js';

/** Every feature on: every rule there is. */
const EVERYTHING: EgressNeeds = {
  region: 'eastus2',
  publicApiServer: true,
  ubuntuNodes: true,
  defender: true,
  gitRepositoryUrl: 'https://github.com/contoso/aks-baseline-gitops',
};

/** The firewall rules of the default plan, by name. */
function firewallRules(): Map<string, Json> {
  const groups = resolved(planOk('{}').files, 'Microsoft.Network/firewallPolicies/ruleCollectionGroups');
  const rules = groups.flatMap((group) =>
    ((group['properties'] as Json)['ruleCollections'] as Json[]).flatMap((c) => c['rules'] as Json[]),
  );
  return new Map(rules.map((rule) => [String(rule['name']), rule]));
}

describe('egress rules (spec: "review the required egress network traffic rules for AKS")', () => {
  it("let the Flux extension send its agents' metrics, as the AKS outbound rules list for cluster extensions", () => {
    const flux = firewallRules().get('flux-extension');
    assert.ok(flux);
    assert.deepEqual(flux['targetFqdns'], [
      'eastus2.dp.kubernetesconfiguration.azure.com',
      'mcr.microsoft.com',
      '*.data.mcr.microsoft.com',
      '*.ingestion.msftcloudes.com',
      '*.microsoftmetrics.com',
    ]);
  });

  it('each name the page and section that document their destinations, and the day it was read', () => {
    const rules = egressRules(EVERYTHING);
    assert.ok(rules.length >= 10, `${rules.length} rules`);
    for (const rule of rules) {
      if (rule.sources === 'configuration') {
        assert.equal(rule.name, 'gitops-repository', 'only the GitOps host comes from the configuration');
        continue;
      }
      assert.ok(rule.sources.length > 0, rule.name);
      for (const source of rule.sources) {
        // Learn, or the reference implementation the spec points to ("AKS baseline reference implementation").
        assert.match(
          source.url,
          /^https:\/\/(learn\.microsoft\.com\/azure\/|github\.com\/mspnp\/aks-baseline$)/,
          rule.name,
        );
        assert.ok(source.section.trim().length > 0, rule.name);
        assert.match(source.read, /^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, rule.name);
      }
    }
  });

  it('keep the sources out of the firewall policy, which has no field for them', () => {
    for (const [name, rule] of firewallRules()) assert.equal(rule['sources'], undefined, name);
  });
});
