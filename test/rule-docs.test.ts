/**
 * Every rule a documented unit: a stable, opaque ID (`ref`) and a pillar in
 * its module, its page in docs/rules/ and its SARIF help, both made from the
 * rule (src/core/verify/rule-help.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Rule } from '../src/core/verify/rule.js';
import { ruleDocFiles, ruleHelp } from '../src/core/verify/rule-help.js';
import { COMMON_MESSAGES } from '../src/core/verify/rule.js';
import { RETIRED } from '../src/core/verify/rules/index.js';
import { RULES } from '../src/core/verify/rules/index.js';
import { sarifLog } from '../src/core/verify/sarif.js';
import type { Json } from './artifacts.js';
import { ruleCaseTables } from '../scripts/rule-case-tables.js';
import { planOk, refOf, repoRoot } from './helpers.js';
import { runCli } from './support/cli.js';

const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * The IDs given so far, as given: an ID never changes and is never given to
 * another rule. Add a row when a rule gets its ID; never change or remove one.
 */
const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['BP1001', 'net/nsg-internet-inbound'],
  ['BP1002', 'net/node-route-to-firewall'],
  ['BP1003', 'net/subnet-egress'],
  ['BP1004', 'net/gateway-ports'],
  ['BP1005', 'net/hub-spoke'],
  ['BP1006', 'net/authorized-ranges-firewall'],
  ['BP1007', 'net/appgw-subnet-route'],
  ['BP1008', 'net/private-endpoint-network-policies'],
  ['BP1009', 'aks/system-pool-taint'],
  ['BP1010', 'aks/system-pool-size'],
  ['BP1011', 'aks/user-pool-size'],
  ['BP1012', 'aks/user-pool-vm-size'],
  ['BP1013', 'aks/pool-zones'],
  ['BP1014', 'aks/user-pool-autoscaler'],
  ['BP1015', 'aks/node-public-ip'],
  ['BP1016', 'aks/local-accounts'],
  ['BP1017', 'aks/entra-id'],
  ['BP1018', 'aks/azure-rbac'],
  ['BP1019', 'aks/managed-identity'],
  ['BP1020', 'aks/network-policy'],
  ['BP1021', 'aks/cni-overlay'],
  ['BP1022', 'aks/egress-through-firewall'],
  ['BP1023', 'aks/api-server-access'],
  ['BP1024', 'aks/workload-identity'],
  ['BP1025', 'aks/secrets-store-csi'],
  ['BP1026', 'aks/azure-policy'],
  ['BP1027', 'aks/container-insights'],
  ['BP1028', 'aks/sla-tier'],
  ['BP1029', 'aks/node-os-upgrades'],
  ['BP1030', 'aks/max-pods'],
  ['BP1031', 'aks/linux-os'],
  ['BP1032', 'aks/pod-ranges'],
  ['BP1033', 'aks/single-os'],
  ['BP1034', 'aks/windows-pools'],
  ['BP1035', 'acr/private'],
  ['BP1036', 'acr/admin-user'],
  ['BP1037', 'acr/geo-replication'],
  ['BP1038', 'kv/rbac-and-purge-protection'],
  ['BP1039', 'kv/private'],
  ['BP1040', 'acr/anonymous-pull'],
  ['BP1041', 'acr/zone-redundancy'],
  ['BP1042', 'identity/kubelet-acr-pull'],
  ['BP1043', 'appgw/waf-prevention'],
  ['BP1044', 'appgw/tls-policy'],
  ['BP1045', 'appgw/https-only'],
  ['BP1046', 'appgw/unique-host-names'],
  ['BP1047', 'appgw/zones'],
  ['BP1048', 'firewall/threat-intel'],
  ['BP1049', 'firewall/dns-proxy'],
  ['BP1050', 'net/public-ips'],
  ['BP1051', 'net/private-endpoints'],
  ['BP1052', 'monitoring/firewall-logs'],
  ['BP1053', 'monitoring/gateway-logs'],
  ['BP1054', 'monitoring/key-vault-logs'],
  ['BP1055', 'monitoring/registry-logs'],
  ['BP1056', 'upgrades/maintenance-window'],
  ['BP1057', 'upgrades/maintenance-frequency'],
  ['BP1058', 'upgrades/new-versions'],
  ['BP1059', 'upgrades/supported-version'],
  ['BP1060', 'aks/image-cleaner'],
  ['BP1061', 'cost/cost-analysis'],
  ['BP1062', 'cost/tags'],
  ['BP1063', 'policy/pod-security'],
  ['BP1064', 'arm/preview-api'],
  ['BP1065', 'cost/budget'],
  ['BP1066', 'monitoring/agent-configuration'],
  ['BP1067', 'monitoring/control-plane-logs'],
  ['BP1068', 'monitoring/kube-audit-twice'],
  ['BP1069', 'monitoring/troubleshooting-logs'],
  ['BP1070', 'monitoring/network-observability'],
  ['BP1071', 'monitoring/advanced-network-observability'],
  ['BP1072', 'policy/no-direct-gatekeeper'],
  ['BP1073', 'policy/environment-parity'],
  ['BP1074', 'k8s/probes'],
  ['BP1075', 'k8s/resources'],
  ['BP1076', 'k8s/image-tag'],
  ['BP1077', 'k8s/replicas'],
  ['BP1078', 'k8s/spread'],
  ['BP1079', 'k8s/restricted-security-context'],
  ['BP1080', 'k8s/user-pools'],
  ['BP1081', 'k8s/pdb-allows-drain'],
  ['BP1082', 'k8s/internal-load-balancer'],
  ['BP1083', 'k8s/https-ingress'],
  ['BP1084', 'k8s/no-secrets-in-manifests'],
  ['BP1085', 'k8s/default-deny'],
  ['BP1086', 'k8s/hpa-bounds'],
  ['BP1087', 'k8s/hpa-owns-replicas'],
  ['BP1088', 'k8s/namespace-quota'],
  ['BP1089', 'k8s/no-pull-secrets'],
  ['BP1090', 'k8s/backup'],
  ['BP1091', 'netpol/dns'],
  ['BP1092', 'netpol/local-dns'],
  ['BP1093', 'netpol/ingress-path'],
  ['BP1094', 'netpol/workload-isolation'],
  ['BP1095', 'appgw/waf-sku'],
  ['BP1096', 'appgw/bot-protection'],
  ['BP1097', 'k8s/ingress-local-traffic'],
  ['BP1098', 'aks/kubernetes-rbac'],
  ['BP1099', 'aks/user-pool'],
  ['BP1100', 'firewall/no-any-fqdn'],
  ['BP1101', 'net/routed-spoke-peered'],
  ['BP1102', 'k8s/host-namespaces'],
  ['BP1103', 'k8s/host-path'],
  ['BP1104', 'k8s/added-capabilities'],
  ['BP1105', 'k8s/seccomp-unconfined'],
  ['BP1106', 'k8s/env-secrets'],
  ['BP1107', 'k8s/approved-registries'],
  ['BP1110', 'policy/cluster-guardrails'],
  ['BP1111', 'policy/kubernetes-guardrails'],
  ['BP1112', 'policy/registry-deny'],
  ['BP1113', 'policy/exempt-namespaces-audited'],
  ['BP1144', 'policy/custom-kubernetes-definitions'],
  ['BP1120', 'monitoring/recommended-alerts'],
  ['BP1121', 'monitoring/recording-rules'],
  ['BP1122', 'monitoring/annotation-scraping'],
  ['BP1145', 'monitoring/network-policy-metrics'],
  ['BP1140', 'net/private-subnets'],
  ['BP1141', 'net/nsg-lateral-management'],
  ['BP1142', 'firewall/idps'],
  ['BP1143', 'firewall/policy-analytics'],
  ['BP1130', 'monitoring/workspace-local-auth'],
  ['BP1131', 'monitoring/monitoring-plane-logs'],
  ['BP1132', 'monitoring/node-syslog'],
  ['BP1133', 'aks/defender'],
  ['BP1134', 'aks/run-command'],
  ['BP1135', 'aks/storage-drivers'],
  ['BP1136', 'aks/cluster-user-role'],
  ['BP1137', 'aks/cluster-admin'],
];

const PILLARS = [
  'Reliability',
  'Security',
  'Cost Optimization',
  'Operational Excellence',
  'Performance Efficiency',
];

describe('rule IDs', () => {
  it('gives every rule an ID of the form BP and four digits, and a pillar', () => {
    for (const rule of RULES) {
      assert.match(rule.ref, /^BP[0-9]{4}$/, rule.id);
      assert.ok(PILLARS.includes(rule.pillar), `${rule.id}: ${rule.pillar}`);
    }
  });

  it('never gives one ID twice, retired rules included', () => {
    const refs = [...RULES.map((r) => r.ref), ...RETIRED.map((r) => r.ref)];
    assert.equal(new Set(refs).size, refs.length);
  });

  it('never changes an ID once given, nor gives it to another rule', () => {
    const now = new Map([...RULES, ...RETIRED].map((r) => [r.id, r.ref]));
    for (const [ref, name] of GIVEN) assert.equal(now.get(name), ref, `${name} was given ${ref}`);
    assert.equal(new Set(GIVEN.map(([ref]) => ref)).size, GIVEN.length);
    // Every rule's ID is pinned here: a new rule adds its row.
    assert.deepEqual(
      [...now.keys()].filter((name) => !GIVEN.some(([, given]) => given === name)),
      [],
    );
  });
});

describe('docs/rules/', () => {
  it('is what npm run rule-docs writes from the rules: a page per rule and the index', async () => {
    const folder = join(repoRoot, 'docs', 'rules');
    const expected = ruleDocFiles(
      RULES,
      (await ruleCaseTables()).map((t) => t.cases),
    );
    assert.deepEqual(
      readdirSync(folder).sort(),
      Object.keys(expected).sort(),
      'docs/rules/ is stale: run npm run rule-docs',
    );
    for (const [name, content] of Object.entries(expected))
      assert.equal(
        readFileSync(join(folder, name), 'utf8'),
        content,
        `docs/rules/${name} is stale: run npm run rule-docs`,
      );
  });

  it('changes when a rule changes', () => {
    const [first] = RULES as [Rule];
    const changed = { ...first, fix: `${first.fix} And more.` };
    const page = `${refOf(first.id)}.md`;
    assert.notEqual(ruleDocFiles([changed])[page], ruleDocFiles([first])[page]);
  });

  it('says for each rule its ID, name, severity, pillar, area, spec section and quote, why, fix and how to suppress', () => {
    const rule = RULES.find((r) => r.id === 'aks/local-accounts')!;
    const page = ruleDocFiles(RULES)[`${refOf(rule.id)}.md`]!;
    for (const part of [
      `# ${refOf(rule.id)}: ${rule.title}`,
      '| Name | `aks/local-accounts` |',
      `| Severity | ${rule.severity} |`,
      `| Pillar | ${RULES.find((r) => r.id === rule.id)!.pillar} |`,
      `| Area | ${rule.area} |`,
      rule.spec.section,
      `> ${rule.spec.quote}`,
      rule.why,
      rule.fix,
      '- rule: aks/local-accounts',
    ])
      assert.ok(page.includes(part), part);
  });

  it("lists a rule's messages and its table of cases", async () => {
    const rule = RULES.find((r) => r.id === 'aks/user-pool')!;
    const tables = (await ruleCaseTables()).map((t) => t.cases);
    const page = ruleDocFiles(RULES, tables)[`${rule.ref}.md`]!;
    for (const part of [
      '## Messages',
      '| `noUserPool` | pools: {modes} |',
      '## Cases',
      "| pass | the baseline's system and user pools |  |",
      '| fail | system pools only, in a whole deployment | `noUserPool` |',
      '| not applicable | a preproduction cluster |  |',
      '| unknown | two pools, one naming no mode | `modeUnnamed` |',
      'src/core/verify/rules/aks/user-pool.cases.ts',
    ])
      assert.ok(page.includes(part), part);
    // SARIF's help is the same text, without the cases (the CLI does not carry them).
    assert.ok(ruleHelp(rule).markdown.includes('| `noUserPool` | pools: {modes} |'));
    assert.ok(!ruleHelp(rule).markdown.includes('## Cases'));
  });

  it('shows the text of a rule as it is, its markup characters escaped', () => {
    const rule = RULES.find((r) => r.id === 'monitoring/agent-configuration')!;
    assert.match(rule.fix, /<region>/);
    assert.match(ruleHelp(rule).markdown, /\\<region\\>/);
    assert.match(ruleHelp(rule).text, /<region>/);
  });
});

describe('SARIF rule descriptors', () => {
  const { files } = planOk('{}');
  const log = JSON.parse(files.find((f) => f.path === 'report/findings.sarif')!.content) as Json;
  const [run] = log['runs'] as Json[];
  const descriptors = ((run!['tool'] as Json)['driver'] as Json)['rules'] as Json[];
  const results = run!['results'] as Json[];

  /** A template's placeholders as SARIF numbers them, in order. */
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\{\w+\}/g, () => `{${n++}}`);
  };

  it('name each rule by its opaque ID and its readable name, with its help, messages, area and pillar', () => {
    for (const rule of RULES) {
      const descriptor = descriptors.find((d) => d['id'] === rule.ref);
      assert.ok(descriptor, rule.id);
      const help = ruleHelp(rule);
      assert.deepEqual(descriptor, {
        id: rule.ref,
        name: rule.id,
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.why },
        help: { text: help.text, markdown: help.markdown },
        messageStrings: Object.fromEntries(
          Object.entries({ ...rule.messages, ...COMMON_MESSAGES }).map(([id, text]) => [
            id,
            { text: numbered(text) },
          ]),
        ),
        defaultConfiguration: { level: { error: 'error', warning: 'warning', info: 'note' }[rule.severity] },
        properties: { tags: [rule.area, rule.pillar] },
      });
    }
  });

  it('give results the ID of their descriptor, suppressed ones too', () => {
    assert.ok(results.length > 0);
    for (const result of results)
      assert.equal(
        descriptors[Number(result['ruleIndex'])]?.['id'],
        result['ruleId'],
        JSON.stringify(result),
      );
    // A finding accepted in the configuration keeps the ID of its rule.
    const finding = {
      code: 'aks/user-pool-size',
      severity: 'warning',
      kind: 'finding',
      message: 'npbatch: 1 node',
    } as const;
    const sarif = sarifLog(
      RULES,
      [],
      [{ finding, reason: 'the batch pool scales to zero between runs', by: 'configuration' }],
    ) as {
      runs: Array<{ results: Json[] }>;
    };
    assert.equal(sarif.runs[0]!.results[0]!['ruleId'], refOf('aks/user-pool-size'));
  });

  it('are valid SARIF 2.1.0, formats included; a relative helpUri would not be', () => {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'schemas', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Json;
    // The schema's language pattern has a stray "]" that only the unicode flag refuses.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate: ValidateFunction = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const withUri = structuredClone(log) as Json;
    const first = (((withUri['runs'] as Json[])[0]!['tool'] as Json)['driver'] as Json)['rules'] as Json[];
    first[0]!['helpUri'] = 'docs/rules/BP1001.md';
    assert.equal(validate(withUri), false, 'SARIF asks for an absolute URI');
  });

  it("carry a rule's messages as SARIF message strings, and each result the message it says", () => {
    const rule = RULES.find((r) => r.id === 'aks/user-pool')!;
    const descriptor = descriptors.find((d) => d['id'] === rule.ref)!;
    assert.deepEqual((descriptor['messageStrings'] as Json)['noUserPool'], { text: 'pools: {0}' });
    assert.deepEqual((descriptor['messageStrings'] as Json)['unresolved'], { text: 'depends on {0}' });
    const finding = {
      code: 'aks/user-pool',
      severity: 'error',
      kind: 'finding',
      message: 'aks: pools: System, System; expected: The cluster has a user node pool for its workloads',
      said: { id: 'noUserPool', args: ['System, System'] },
    } as const;
    const sarif = sarifLog(RULES, [finding]) as { runs: Array<{ results: Json[] }> };
    assert.deepEqual(sarif.runs[0]!.results[0]!['properties'], {
      messageId: 'noUserPool',
      messageArguments: ['System, System'],
    });
  });

  it('point helpUri at the published page when told where docs/rules/ is', () => {
    const rule = RULES.find((r) => r.id === 'aks/user-pool')!;
    const sarif = sarifLog([rule], [], [], { ruleDocsUrl: 'https://example.org/baseplate/docs/rules' }) as {
      runs: Array<{ tool: { driver: { rules: Json[] } } }>;
    };
    assert.equal(
      sarif.runs[0]!.tool.driver.rules[0]!['helpUri'],
      `https://example.org/baseplate/docs/rules/${rule.ref}.md`,
    );
    const without = sarifLog([rule], []) as typeof sarif;
    assert.equal(without.runs[0]!.tool.driver.rules[0]!['helpUri'], undefined);
  });

  it('verify --rule-docs-url takes an absolute http(s) URL, and refuses any other with exit 2', async () => {
    const verify = (url: string) =>
      runCli(
        [
          'verify',
          'test/fixtures/templates/aks-quickstart.json',
          '--format',
          'sarif',
          '--rule-docs-url',
          url,
        ],
        {
          cwd: repoRoot,
        },
      );
    const bad = await verify('docs/rules/');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--rule-docs-url: "docs\/rules\/" is not an absolute http\(s\) URL/);
    assert.equal(bad.stdout, '');
    const good = await verify('https://example.org/rules/');
    assert.equal(good.code, 1, good.stderr);
    const log = JSON.parse(good.stdout) as { runs: Array<{ tool: { driver: { rules: Json[] } } }> };
    const rule = RULES.find((r) => r.id === 'aks/user-pool')!;
    assert.equal(
      log.runs[0]!.tool.driver.rules.find((d) => d['name'] === rule.id)!['helpUri'],
      `https://example.org/rules/${rule.ref}.md`,
    );
  });
});
