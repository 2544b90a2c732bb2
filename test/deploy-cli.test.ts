/**
 * `baseplate deploy` and `destroy` as users run them, against the loopback
 * stand-in: the command line's `run(argv, io)` in this process, with its folder,
 * environment and output in the Io, the stand-in's certificate trusted as a test
 * connection trusts it and a clock that never waits. Two tests start the installed
 * command (package.json's bin) in a process of its own (NODE_EXTRA_CA_CERTS trusting
 * the stand-in), one deploy and one destroy. Exit codes, messages, preflight, what-if,
 * hand-off to the network team, and no secret in any line printed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AzureIo } from '../src/cli/azure.js';
import { shortened } from '../src/cli/azure-log.js';
import { run } from '../src/cli/main.js';
import { runProcess } from './support/cli.js';
import { OPENSSL_EC_PASSWORD, OPENSSL_EC_PFX, opensslEcPfx } from './support/openssl-pfx.js';
import { clientCache } from '../src/deploy/clients.js';
import { offerEverything } from './support/stand-in/catalog.js';
import { TENANT } from './support/stand-in/deployments.js';
import type { StandIn } from './support/stand-in/server.js';
import { startStandIn } from './support/stand-in/server.js';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './helpers.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000cc';
const dev = join(repoRoot, 'test', 'cases', 'dev', 'baseplate.yaml');
const existingHub = join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('baseplate deploy and destroy against the stand-in', () => {
  let standIn: StandIn;
  let folder: string;
  let environment: NodeJS.ProcessEnv;

  /** The command line in this process, as a user in `folder` with `env` would run it (no terminal). */
  const baseplate = async (
    args: readonly string[],
    env: NodeJS.ProcessEnv = environment,
    /** Typed at a terminal, in order; absent: nobody can answer. */
    answers?: string[],
  ): Promise<Result & { questions: string[] }> => {
    let stdout = '';
    let stderr = '';
    const questions: string[] = [];
    const io: AzureIo = {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
      cwd: folder,
      env,
      standIn: { tlsOptions: { ca: standIn.ca }, clock: standIn.clock },
      ...(answers
        ? {
            ask: (question: string) => {
              questions.push(question);
              return Promise.resolve(answers.shift() ?? '');
            },
          }
        : {}),
    };
    const code = await run(args, io);
    return { code, stdout, stderr, questions };
  };
  /** The installed command (package.json's bin) in a process of its own: the two smoke tests alone. */
  const spawned = (args: readonly string[], env: NodeJS.ProcessEnv = environment): Promise<Result> =>
    runProcess(args, { cwd: folder, env: { ...env, NODE_EXTRA_CA_CERTS: join(folder, 'ca.pem') } });
  const deployPuts = () =>
    standIn.state.requests.filter((r) => r.method === 'PUT' && /\/deployments\/baseplate-/i.test(r.path));

  before(async () => {
    standIn = await startStandIn();
    folder = mkdtempSync(join(tmpdir(), 'baseplate-deploy-'));
    writeFileSync(join(folder, 'ca.pem'), standIn.ca);
    environment = {
      PATH: process.env['PATH'],
      HOME: folder,
      BASEPLATE_ARM_ENDPOINT: standIn.url,
      AZURE_SUBSCRIPTION_ID: SUBSCRIPTION,
      NO_PROXY: '127.0.0.1,localhost',
    };
  });
  after(async () => {
    await standIn.close();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    standIn.clock.reset();
    const { state } = standIn;
    state.startOver();
    state.deletedVaults.clear();
    state.providers.clear();
    state.permissions.clear();
    state.imports.length = 0;
    state.cancels.clear();
    state.fluxPendingPolls = 1;
    offerEverything(state);
  });

  it('deploys the dev preset end to end: stages, images, self-signed certificates, Flux', async () => {
    const token = 'gho_readonly-token-for-the-test-0123456789';
    const result = await baseplate(['deploy', '--config', dev], {
      ...environment,
      BASEPLATE_GIT_CREDENTIAL: token,
      BASEPLATE_GIT_HTTPS_USER: 'flux-reader',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /warning: BASEPLATE_ARM_ENDPOINT is set: talking to https:\/\/127\.0\.0\.1:\d+, not Azure/,
    );
    const bootstrap = [...standIn.state.deployments.values()].find(
      (d) => d.name === 'baseplate-bootstrap-00',
    );
    assert.equal(bootstrap?.request.parameters['gitCredential']?.value, token);
    assert.equal(bootstrap?.request.parameters['gitHttpsUser']?.value, 'flux-reader');
    assert.ok(!(result.stdout + result.stderr).includes(token), 'the Git credential was printed');
    assert.match(result.stdout, /Deployed 10 stage\(s\): resource-groups, hub, spoke-00/);
    // Not a terminal: timestamped lines, one per change.
    assert.match(
      result.stdout,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ cluster-00: Microsoft\.ContainerService\/managedClusters aks-\S+ Succeeded/m,
    );
    assert.match(result.stdout, /Flux configuration \S+ on aks-\S+: Compliant/);
    assert.match(result.stdout, /Now, by hand:\n {2}- .*DNS/);
    assert.deepEqual(
      standIn.state.imports.map((i) => i.source),
      ['docker.io/library/traefik:v3.7.13', 'mcr.microsoft.com/dotnet/samples:aspnetapp-10.0'],
    );
    // The certificates went to Azure as secure parameters, and nowhere else.
    const services = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-services-00');
    const secrets = ['gatewayCertificate', 'ingressCertificate', 'ingressTrustedRoot'].map((name) =>
      String(services?.request.parameters[name]?.value ?? ''),
    );
    for (const secret of secrets) {
      assert.ok(secret.length > 100, 'a certificate was not passed');
      const sample = secret.replace(/-----[A-Z ]+-----|\s/g, '').slice(40, 100);
      assert.ok(
        !result.stdout.includes(sample) && !result.stderr.includes(sample),
        'certificate material was printed',
      );
    }
    assert.doesNotMatch(result.stdout + result.stderr, /PRIVATE KEY|stand-in-token|Bearer/);

    // A second run changes nothing and keeps the certificates (no new self-signed ones).
    const snapshot = JSON.stringify([...standIn.state.resources.entries()]);
    const again = await baseplate(['deploy', '--config', dev]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /the certificates in kv-\S+ are kept/);
    assert.equal(JSON.stringify([...standIn.state.resources.entries()]), snapshot);
    // Only the bootstrap stage is put again: the Git user given the first time is not now, a parameter
    // that differs. The others are unchanged: skipped, and the summary says which.
    assert.match(
      again.stdout,
      /Deployed 1 stage\(s\): bootstrap-00\.\nSkipped 9 unchanged since their last successful deployment: resource-groups, hub, spoke-00, .*, monitoring-00 \(--force deploys them again\)\./,
    );
    assert.match(
      again.stdout,
      /hub: skipped \(unchanged since baseplate-hub succeeded on \d{4}-\d\d-\d\d; --force re-applies it\)/,
    );
  });

  it('reports every preflight problem together, with its fix, and deploys nothing', async () => {
    const { state } = standIn;
    state.usages = state.usages.map((u) =>
      u.name.value === 'standardDSv2Family' ? { ...u, currentValue: 10, limit: 20 } : u,
    );
    const ds3 = state.skus.find((s) => s.name === 'Standard_DS3_v2');
    ds3?.restrictions.push({
      type: 'Zone',
      values: ['eastus2'],
      restrictionInfo: { locations: ['eastus2'], zones: ['3'] },
      reasonCode: 'NotAvailableForSubscription',
    });
    state.kubernetesVersions = [{ version: '1.35' }];
    state.takenNames.add('crbu0001a000800devd3v01');
    state.providers.set('microsoft.kubernetesconfiguration', 'NotRegistered');
    state.permissions.set(`/subscriptions/${SUBSCRIPTION}`, [
      {
        actions: ['*'],
        notActions: [
          'Microsoft.Authorization/*/Write',
          'Microsoft.Authorization/*/Delete',
          // What the wait after the bootstrap stage reads.
          'Microsoft.Network/applicationGateways/backendhealth/action',
        ],
      },
    ]);
    const result = await baseplate(['deploy', '--config', dev]);
    state.takenNames.clear();
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Preflight found \d+ problem\(s\); nothing was deployed/);
    assert.match(result.stderr, /quota \(cluster-00\): .*standardDSv2Family/);
    assert.match(result.stderr, /zones \(cluster-00\): .*Standard_DS3_v2.*3/);
    assert.match(result.stderr, /kubernetes-version \(cluster-00\): .*1\.36/);
    assert.match(
      result.stderr,
      /permissions \(services-00\): .*Microsoft\.Authorization\/roleAssignments\/write/,
    );
    assert.match(result.stderr, /fix: Grant it .*Role Based Access Control Administrator/);
    assert.match(
      result.stderr,
      /permissions \(bootstrap-00\): .*Microsoft\.Network\/applicationGateways\/backendhealth\/action/,
    );
    assert.match(result.stderr, /names \(services-00\): Registry name crbu0001a000800devd3v01 is taken/);
    // The unregistered provider was registered, not reported.
    assert.doesNotMatch(result.stderr, /providers/);
    assert.equal(state.providers.get('microsoft.kubernetesconfiguration'), 'Registered');
    assert.deepEqual(deployPuts(), []);
  });

  it('against a running cluster: refuses a creation-only change, and never lowers the Kubernetes version', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    const cluster = [...standIn.state.resources.values()].find(
      (r) => r.type === 'Microsoft.ContainerService/managedClusters',
    );
    assert.ok(cluster);
    const properties = cluster.body['properties'] as {
      currentKubernetesVersion?: string;
      networkProfile: { podCidr: string };
    };
    // Azure upgraded the cluster to 1.37 on its own.
    properties.currentKubernetesVersion = '1.37.2';
    standIn.state.kubernetesVersions.push({ version: '1.37' });
    const upgraded = await baseplate(['deploy', '--config', dev, '--stage', 'cluster-00']);
    assert.equal(upgraded.code, 0, upgraded.stderr);
    assert.match(upgraded.stdout, /runs Kubernetes 1\.37, newer than the planned 1\.36: sending 1\.37 /);
    const sent = [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-cluster-00');
    const template = sent?.request.template as unknown as {
      resources: { type: string; properties?: { kubernetesVersion?: string } }[];
    };
    assert.equal(
      template.resources.find((r) => r.type === 'Microsoft.ContainerService/managedClusters')?.properties
        ?.kubernetesVersion,
      '1.37',
    );

    // The deployment stored the cluster anew: change the running one's pod CIDR.
    const redeployed = standIn.state.resource(cluster.id);
    (redeployed?.body['properties'] as typeof properties).networkProfile.podCidr = '10.99.0.0/16';
    const refused = await baseplate(['deploy', '--config', dev]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /creation-only \(cluster-00\): .*podCidr.*10\.99\.0\.0\/16/);
  });

  it("removes the configurationAccessEndpoint association an earlier Baseplate left on the cluster, and no user's own", async () => {
    const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bu0001a0008-00-dev-eus2`;
    const cluster = `${group}/providers/Microsoft.ContainerService/managedClusters/aks-bu0001a0008-00-dev-eus2`;
    const association = `${cluster}/providers/Microsoft.Insights/dataCollectionRuleAssociations/configurationAccessEndpoint`;
    const associate = (endpoint: string) =>
      standIn.state.resources.set(association.toLowerCase(), {
        id: association,
        type: 'Microsoft.Insights/dataCollectionRuleAssociations',
        name: 'configurationAccessEndpoint',
        body: { properties: { dataCollectionEndpointId: endpoint } },
      });
    const deletes = () =>
      standIn.state.requests.filter(
        (r) => r.method === 'DELETE' && /\/dataCollectionRuleAssociations\//i.test(r.path),
      );

    // A first deploy: the cluster has no such association (404), and nothing is deleted.
    const first = await baseplate(['deploy', '--config', dev]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(deletes(), []);
    assert.doesNotMatch(first.stdout, /configurationAccessEndpoint/);

    // What the previous Baseplate deployed: the cluster associated with the stage's own endpoint,
    // its ID spelt as Azure may spell it. The preview leaves it; deploy removes it, though the
    // monitoring stage itself is unchanged and skipped.
    associate(
      `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-bu0001a0008-00-dev-eus2/providers/microsoft.insights/dataCollectionEndpoints/dce-bu0001a0008-00-dev`,
    );
    const preview = await baseplate(['deploy', '--config', dev, '--what-if']);
    assert.equal(preview.code, 0, preview.stderr);
    assert.ok(standIn.state.resource(association));
    const upgraded = await baseplate(['deploy', '--config', dev]);
    assert.equal(upgraded.code, 0, upgraded.stderr);
    assert.equal(standIn.state.resource(association), undefined);
    assert.equal(deletes().length, 1);
    assert.match(
      upgraded.stdout,
      /monitoring-00: removed the configurationAccessEndpoint association of aks-bu0001a0008-00-dev-eus2 with dce-bu0001a0008-00-dev/,
    );

    // An association with another endpoint is the user's own private link: kept.
    associate(`${group}/providers/Microsoft.Insights/dataCollectionEndpoints/dce-own-private-link`);
    const kept = await baseplate(['deploy', '--config', dev]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.ok(standIn.state.resource(association));
    assert.equal(deletes().length, 1);
    assert.doesNotMatch(kept.stdout, /configurationAccessEndpoint/);
  });

  it('reports a soft-deleted Key Vault of the same name with the way to recover it', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    assert.equal((await baseplate(['destroy', '--config', dev, '--yes'])).code, 0);
    const result = await baseplate(['deploy', '--config', dev]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /key-vault \(services-00\): Key Vault kv-\S+ was deleted and is kept \(soft delete\) until 2027-02-22/,
    );
    const fix =
      /fix: Recover it into its resource group rg-bu0001a0008-00-dev-eus2, which must exist \(after baseplate destroy: baseplate deploy --stage resource-groups first\): az keyvault recover --name (kv-\S+) --location eastus2 --subscription \S+;/.exec(
        result.stderr,
      );
    assert.ok(fix, result.stderr);

    // The fix works: the group first, then the recovery (what az keyvault recover does), then deploy.
    assert.equal((await baseplate(['deploy', '--config', dev, '--stage', 'resource-groups'])).code, 0);
    const vault = fix[1] ?? '';
    // REST: Vaults_CreateOrUpdate with createMode recover (keyvault 2024-11-01).
    await clientCache(standIn.connection())(SUBSCRIPTION).run(
      'PUT',
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bu0001a0008-00-dev-eus2/providers/Microsoft.KeyVault/vaults/${vault}`,
      '2024-11-01',
      {
        location: 'eastus2',
        properties: { tenantId: TENANT, sku: { family: 'A', name: 'standard' }, createMode: 'recover' },
      },
    );
    const recovered = await baseplate(['deploy', '--config', dev]);
    assert.equal(recovered.code, 0, recovered.stderr);
  });

  it('previews with --what-if and deploys nothing', async () => {
    const fresh = await baseplate(['deploy', '--config', dev, '--what-if']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(
      fresh.stdout,
      /hub → resource group rg-\S+ \(subscription .*\)\n {2}resource group rg-\S+ does not exist yet: everything is created/,
    );
    assert.deepEqual(deployPuts(), []);

    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    const workspace = [...standIn.state.resources.values()].find(
      (r) => r.type === 'Microsoft.OperationalInsights/workspaces',
    );
    assert.ok(workspace);
    (workspace.body['properties'] as { retentionInDays: number }).retentionInDays = 7;
    const before = deployPuts().length;
    const preview = await baseplate(['deploy', '--config', dev, '--what-if']);
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(
      preview.stdout,
      /~ modify Microsoft\.OperationalInsights\/workspaces\/\S+\n {6}modify properties\.retentionInDays: 7 → \d+/,
    );
    assert.match(preview.stdout, /\d+ unchanged/);
    // Azure's what-if shows the networks' peerings as deleted on every run: noise, not shown.
    assert.doesNotMatch(preview.stdout, /virtualNetworkPeerings/);
    assert.doesNotMatch(preview.stdout, /modify Microsoft\.Network\/virtualNetworks\//);
    assert.equal(deployPuts().length, before);

    // A secure value given now changes what is deployed; the preview says where, never what.
    const token = 'MIIKcertificate-given-for-the-preview-0123456789';
    const json = await baseplate(['deploy', '--config', dev, '--what-if', '--json'], {
      ...environment,
      BASEPLATE_GATEWAY_CERTIFICATE: token,
    });
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      whatIf: {
        stage: string;
        changes: { change: string; properties: { path: string; after?: unknown }[] }[];
      }[];
    };
    assert.equal(parsed.ok, true);
    const secret = parsed.whatIf
      .find((p) => p.stage === 'services-00')
      ?.changes.flatMap((c) => c.properties)
      .filter((p) => p.path === 'properties.value');
    assert.ok(secret && secret.length === 1, json.stdout);
    assert.equal(secret[0]?.after, '(secure value, not shown)');
    assert.ok(!json.stdout.includes(token) && !json.stderr.includes(token), 'the certificate was printed');
    assert.equal(deployPuts().length, before);
  });

  it('--what-if exits 3 when Azure refuses the preview: the policy that denied, ok: false', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    // A policy assignment denies a type the plan deploys, as "Not allowed resource types" does.
    standIn.state.denied = ['Microsoft.OperationalInsights/workspaces'];
    const before = deployPuts().length;
    const preview = await baseplate(['deploy', '--config', dev, '--what-if']);
    assert.equal(preview.code, 3, preview.stderr);
    assert.match(preview.stderr, /what-if of stage \S+ failed/);
    assert.match(
      preview.stderr,
      /InvalidTemplateDeployment: The template deployment failed because of policy violation/,
    );
    assert.match(
      preview.stderr,
      /RequestDisallowedByPolicy \(at log-\S+\): Resource 'log-\S+' was disallowed by policy\. Policy identifiers: .*Not allowed resource types/,
    );
    assert.match(
      preview.stderr,
      /Nothing was deployed; fix the cause and run `baseplate deploy --what-if` again/,
    );
    // The stages previewed before the refused one are still shown.
    assert.match(preview.stdout, /^resource-groups → /m);
    assert.equal(deployPuts().length, before);

    const json = await baseplate(['deploy', '--config', dev, '--what-if', '--json']);
    assert.equal(json.code, 3, json.stderr);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; failed: string; failures: { code: string }[] };
    assert.equal(parsed.ok, false);
    assert.match(parsed.failed, /^what-if of stage /);
    assert.ok(
      parsed.failures.some((f) => f.code === 'RequestDisallowedByPolicy'),
      json.stdout,
    );

    // A stage whose resource group does not exist yet cannot be previewed: a note, not a failure.
    standIn.state.denied = [];
    assert.equal((await baseplate(['deploy', '--config', dev, '--what-if'])).code, 0);
    standIn.state.startOver();
    const fresh = await baseplate(['deploy', '--config', dev, '--what-if', '--json']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.equal((JSON.parse(fresh.stdout) as { ok: boolean }).ok, true);
  });

  it('exits 3 naming the failed resource, and converges when run again', async () => {
    standIn.state.failures = [
      {
        type: 'Microsoft.Network/applicationGateways',
        code: 'ApplicationGatewaySubnetCannotHaveDelegations',
        message: 'The subnet cannot have delegations.',
        times: 1,
      },
    ];
    const failed = await baseplate(['deploy', '--config', dev]);
    assert.equal(failed.code, 3, failed.stderr);
    assert.match(
      failed.stderr,
      /stage ingress-00 failed:\n {2}\/subscriptions\/\S+\/applicationGateways\/agw-\S+\n {4}ApplicationGatewaySubnetCannotHaveDelegations: The subnet cannot have delegations\./,
    );
    const resumed = await baseplate(['deploy', '--config', dev]);
    assert.equal(resumed.code, 0, resumed.stderr);
  });

  it('exits 3 on a failure Azure nests, printing its innermost cause, and on a cancel, saying Canceled and what to do', async () => {
    standIn.state.failures = [
      {
        type: 'Microsoft.ContainerService/managedClusters',
        code: 'OutboundConnFailVMExtensionError',
        message: 'Unable to establish outbound connection from agents.',
        kind: 'terminal',
        times: 1,
      },
    ];
    const nested = await baseplate(['deploy', '--config', dev]);
    assert.equal(nested.code, 3, nested.stderr);
    assert.match(
      nested.stderr,
      /stage cluster-00 failed:\n {2}\/subscriptions\/\S+\/managedClusters\/aks-\S+\n {4}OutboundConnFailVMExtensionError: Unable to establish outbound connection from agents\./,
    );
    assert.doesNotMatch(nested.stderr, /ResourceDeploymentFailure/);

    standIn.state.cancels.add('baseplate-cluster-00');
    const canceled = await baseplate(['deploy', '--config', dev]);
    assert.equal(canceled.code, 3, canceled.stderr);
    assert.match(
      canceled.stderr,
      /stage cluster-00 failed:\n {2}Canceled: deployment baseplate-cluster-00 was canceled before it finished/,
    );
    assert.match(canceled.stderr, /Run `baseplate deploy` again when you want the stage deployed/);
    assert.doesNotMatch(canceled.stderr, /DeploymentFailed: \n/);
  });

  it("names a failed preflight read as that read, with Azure's message and the wait it asked for", async () => {
    // Throttled past every retry (the SDK's five): the last 429 is the answer.
    standIn.state.faults = Array.from({ length: 6 }, () => ({
      method: 'GET',
      path: /\/providers\/Microsoft\.Compute\/skus$/,
      fault: 'throttle' as const,
      retryAfter: 30,
    }));
    const result = await baseplate(['deploy', '--config', dev]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `listing VM sizes in eastus2 \\(subscription ${SUBSCRIPTION}\\) failed:\n {2}TooManyRequests: Slow down\\. \\(Azure asked to wait 30 s before trying again\\)\n`,
      ),
    );
    assert.doesNotMatch(result.stderr, /\(deployment\)/);
    assert.deepEqual(deployPuts(), []);
  });

  it('refuses while error findings remain unless --ignore-findings, which it prints loudly', async () => {
    const config = join(folder, 'finding.yaml');
    // One zone: aks/pool-zones is an error finding.
    writeFileSync(config, `${readFileSync(dev, 'utf8')}\nzones: [1]\n`);
    const planned = await baseplate(['plan', '--config', config, '--out', join(folder, 'out')]);
    if (planned.code !== 1) return assert.fail(`the fixture should have error findings: ${planned.stderr}`);
    const refused = await baseplate(['deploy', '--config', config]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /error finding\(s\): nothing was deployed.*--ignore-findings/);
    assert.deepEqual(deployPuts(), []);
    const forced = await baseplate(['deploy', '--config', config, '--ignore-findings', '--what-if']);
    assert.match(forced.stderr, /!!! --ignore-findings: going on despite \d+ error finding/);
    assert.equal(forced.code, 0, forced.stderr);
  });

  it('names the missing subscription, and refuses a stand-in that is not on loopback', async () => {
    const { AZURE_SUBSCRIPTION_ID: _, ...withoutSubscription } = environment;
    void _;
    const noSubscription = await baseplate(['deploy', '--config', dev], withoutSubscription);
    assert.equal(noSubscription.code, 2);
    assert.match(
      noSubscription.stderr,
      /no subscription to deploy to: set subscriptionId in the configuration, pass --subscription ID, or set AZURE_SUBSCRIPTION_ID/,
    );
    const remote = await baseplate(['deploy', '--config', dev], {
      ...environment,
      BASEPLATE_ARM_ENDPOINT: 'https://example.com',
    });
    assert.equal(remote.code, 2);
    assert.match(remote.stderr, /only a loopback stand-in/);
  });

  it('with an existing hub and PFX certificates: refuses to start without the files, then deploys what needs nothing from the hub owner and pauses', async () => {
    const refused = await baseplate(['deploy', '--config', existingHub]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(
      refused.stderr,
      /certificates \(services-00\): ingress\.certificates is pfx and kv-\S+ lacks gateway-public-tls, ingress-internal-tls, ingress-internal-root\.\n {4}fix: Give the certificates with --gateway-pfx FILE/,
    );
    assert.deepEqual(deployPuts(), []);

    const pfx = join(folder, 'chain.pfx');
    writeFileSync(pfx, opensslEcPfx());
    const paused = await baseplate(
      ['deploy', '--config', existingHub, '--gateway-pfx', pfx, '--ingress-pfx', pfx],
      {
        ...environment,
        BASEPLATE_PFX_PASSWORD: OPENSSL_EC_PASSWORD,
      },
    );
    assert.equal(paused.code, 1, paused.stderr);
    assert.match(
      paused.stdout,
      /Paused before services-00: it needs what the network team applies to the hub\. Hand them:\n {2}azure\/network-team\/03-network-team-hub-links\.json/,
    );
    // spoke-00 and policy-00 went ahead: they need nothing from the hub owner.
    assert.deepEqual(
      deployPuts().map((r) => r.path.replace(/^.*baseplate-/, '')),
      ['bu0001a0008-prod-eus2-resource-groups', 'spoke-00', 'policy-00'],
    );
  });

  it('sends PFX certificates as secure parameters alone, and keeps them on a run without the files', async () => {
    const pfx = join(folder, 'chain.pfx');
    writeFileSync(pfx, opensslEcPfx());
    const first = await baseplate(['deploy', '--gateway-pfx', pfx, '--ingress-pfx', pfx], {
      ...environment,
      BASEPLATE_PFX_PASSWORD: OPENSSL_EC_PASSWORD,
    });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /writing the certificates of the PFX files into kv-/);
    const services = () =>
      [...standIn.state.deployments.values()].find((d) => d.name === 'baseplate-services-00');
    const sent = ['gatewayCertificate', 'ingressCertificate', 'ingressTrustedRoot'].map((name) =>
      String(services()?.request.parameters[name]?.value ?? ''),
    );
    const material = [OPENSSL_EC_PFX.replace(/\s/g, ''), ...sent];
    for (const value of sent) assert.ok(value.length > 100, 'a certificate was not passed');
    // Nowhere else: not printed, not in any file Baseplate wrote.
    const written = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file !== 'chain.pfx' && statSync(join(folder, file)).isFile())
      .map((file) => readFileSync(join(folder, file), 'utf8'));
    for (const text of [first.stdout, first.stderr, ...written]) {
      for (const value of material) {
        const sample = value.replace(/-----[A-Z ]+-----|\s/g, '').slice(40, 100);
        assert.ok(!text.includes(sample), 'certificate material was written or printed');
      }
    }

    const again = await baseplate(['deploy']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /the certificates in kv-\S+ are kept/);
    // Nothing secret given and nothing changed: the services stage is not put again.
    assert.match(again.stdout, /services-00: skipped \(unchanged since baseplate-services-00 succeeded/);
    assert.equal(services()?.puts, 1);
  });

  it('destroys after confirmation, in reverse order, and says what Azure keeps', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    const unconfirmed = await baseplate(['destroy', '--config', dev]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /confirm with --yes/);
    assert.equal(standIn.state.resourceGroups.size, 2);

    standIn.state.requests.length = 0;
    const result = await baseplate(['destroy', '--config', dev, '--yes']);
    assert.equal(result.code, 0, result.stderr);
    const deletes = standIn.state.requests
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path.split('/').at(-1));
    // The groups, then the record of the stage that made them: the next deploy must not skip it.
    assert.deepEqual(deletes, [
      'rg-bu0001a0008-00-dev-eus2',
      'rg-bu0001a0008-hub-dev-eus2',
      'baseplate-bu0001a0008-dev-eus2-resource-groups',
    ]);
    assert.equal(standIn.state.resourceGroups.size, 0);
    assert.equal(standIn.state.deployments.size, 0);
    assert.match(result.stdout, /Key Vault kv-\S+ is soft-deleted until 2027-02-22/);
    const again = await baseplate(['destroy', '--config', dev, '--yes']);
    assert.match(again.stdout, /Nothing to delete/);
    // What Azure still keeps would stop the next deploy: said again, and purged when asked.
    assert.match(
      again.stdout,
      /Key Vault (kv-\S+) is soft-deleted until 2027-02-22: its name stays reserved; deploying again needs it recovered .* or purged \(--purge/,
    );
    const [vault] = [...standIn.state.deletedVaults.values()];
    assert.ok(vault);
    (vault.body['properties'] as { enablePurgeProtection?: boolean }).enablePurgeProtection = false;
    const unconfirmedPurge = await baseplate(['destroy', '--config', dev, '--purge']);
    assert.equal(unconfirmedPurge.code, 2);
    assert.match(unconfirmedPurge.stderr, /destroy --purge purges Key Vaults: confirm with --yes/);
    assert.equal(standIn.state.deletedVaults.size, 1);
    const purged = await baseplate(['destroy', '--config', dev, '--purge', '--yes']);
    assert.equal(purged.code, 0, purged.stderr);
    assert.match(purged.stdout, new RegExp(`Purged Key Vault ${vault.name}\\.`));
    assert.equal(standIn.state.deletedVaults.size, 0);
  });

  it('destroy --purge exits 3 when Azure refuses the purge for another reason than purge protection', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    assert.equal((await baseplate(['destroy', '--config', dev, '--yes'])).code, 0);
    const [vault] = [...standIn.state.deletedVaults.values()];
    assert.ok(vault);
    (vault.body['properties'] as { enablePurgeProtection?: boolean }).enablePurgeProtection = false;
    // Key Vault Contributor: everything but the purge.
    standIn.state.permissions.set(`/subscriptions/${SUBSCRIPTION}`, [
      { actions: ['*'], notActions: ['Microsoft.KeyVault/locations/deletedVaults/purge/action'] },
    ]);
    const refused = await baseplate(['destroy', '--config', dev, '--purge', '--yes']);
    assert.equal(refused.code, 3, refused.stdout + refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(
        `purging Key Vault ${vault.name} failed:\\n {2}AuthorizationFailed: .*deletedVaults/purge/action`,
      ),
    );
    assert.doesNotMatch(refused.stdout + refused.stderr, /cannot be purged yet/);
    assert.equal(standIn.state.deletedVaults.size, 1);
  });

  it('deletes only what it made: a group holding another resource stays, the budget goes, the Defender plan stays', async () => {
    const config = join(folder, 'governed.yaml');
    writeFileSync(
      config,
      `${readFileSync(dev, 'utf8')}\ndefender: { enabled: true }\ncost: { monthlyBudget: 500 }\n`,
    );
    assert.equal((await baseplate(['deploy', '--config', config])).code, 0);
    const budget = [...standIn.state.resources.values()].find(
      (r) => r.type === 'Microsoft.Consumption/budgets',
    );
    assert.ok(budget);
    const spoke = [...standIn.state.resourceGroups.values()].find((g) => g.name.includes('-00-'));
    assert.ok(spoke);
    const theirs = `${spoke.id}/providers/Microsoft.Storage/storageAccounts/stteamdata`;
    standIn.state.resources.set(theirs.toLowerCase(), {
      id: theirs,
      type: 'Microsoft.Storage/storageAccounts',
      name: 'stteamdata',
      body: {},
    });

    const kept = await baseplate(['destroy', '--config', config, '--yes']);
    assert.equal(kept.code, 0, kept.stderr);
    // No override banner: destroy ignores findings by design, not by --ignore-findings.
    assert.doesNotMatch(kept.stderr, /--ignore-findings/);
    assert.match(
      kept.stdout,
      /Left alone: rg-bu0001a0008-00-dev-eus2: it holds 1 resource\(s\) Baseplate did not create \(Microsoft\.Storage\/storageAccounts stteamdata\); move or delete them, or pass --delete-unplanned/,
    );
    assert.match(
      kept.stdout,
      /Left alone: Microsoft\.Security\/pricings Containers .*az security pricing create --name Containers --tier Free/,
    );
    assert.match(kept.stdout, /Deleted the budget \S+ \(subscription /);
    assert.equal(standIn.state.resource(budget.id), undefined);
    assert.ok(standIn.state.resourceGroups.has(spoke.id.toLowerCase()));
    assert.ok(standIn.state.resource(theirs));
    assert.equal(standIn.state.resourceGroups.size, 1, 'the hub group was deleted');

    // Told to, it deletes the group and all in it; purge protection keeps the vault until its date.
    const all = await baseplate(['destroy', '--config', config, '--yes', '--delete-unplanned', '--purge']);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(standIn.state.resourceGroups.size, 0);
    assert.match(
      all.stdout + all.stderr,
      /Key Vault kv-\S+ has purge protection: Azure purges it itself on 2027-02-22/,
    );
    assert.match(all.stdout, /Key Vault kv-\S+ is soft-deleted until 2027-02-22/);
  });

  it('at a terminal, asks for the name of the first group: another answer deletes nothing', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    const wrong = await baseplate(['destroy', '--config', dev], environment, ['yes']);
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.deepEqual(wrong.questions, ['Type "rg-bu0001a0008-00-dev-eus2" to delete 2 resource group(s): ']);
    assert.match(wrong.stderr, /Not confirmed; nothing was deleted/);
    assert.equal(standIn.state.resourceGroups.size, 2);
    const right = await baseplate(['destroy', '--config', dev], environment, [
      ' rg-bu0001a0008-00-dev-eus2\n',
    ]);
    assert.equal(right.code, 0, right.stderr);
    assert.equal(standIn.state.resourceGroups.size, 0);
  });

  it('leaves alone a resource group Baseplate did not create', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    const hub = [...standIn.state.resourceGroups.values()].find((g) => g.name.includes('hub'));
    assert.ok(hub);
    hub.tags = { owner: 'someone else' };
    const result = await baseplate(['destroy', '--config', dev, '--yes']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Left alone: rg-bu0001a0008-hub-dev-eus2: its tags/);
    assert.ok(standIn.state.resourceGroups.has(hub.id.toLowerCase()));
  });

  it('refuses an unknown --stage before signing in, with the stages and the likely one (exit 2)', async () => {
    standIn.state.requests.length = 0;
    const typo = await baseplate(['deploy', '--config', dev, '--stage', 'hbu']);
    assert.equal(typo.code, 2);
    assert.match(
      typo.stderr,
      /--stage hbu: no such stage; did you mean "hub"\? The stages are resource-groups, hub, spoke-00, .*bootstrap-00\./,
    );
    const unlike = await baseplate(['deploy', '--config', dev, '--stage', 'everything', '--what-if']);
    assert.equal(unlike.code, 2);
    assert.match(unlike.stderr, /--stage everything: no such stage\. The stages are resource-groups, hub, /);
    assert.deepEqual(standIn.state.requests, [], 'nothing asked of Azure');
    // Before the connection is made: an endpoint it would refuse is not reached.
    const beforeConnecting = await baseplate(['deploy', '--config', dev, '--stage', 'hbu'], {
      ...environment,
      BASEPLATE_ARM_ENDPOINT: 'https://example.com',
    });
    assert.equal(beforeConnecting.code, 2);
    assert.match(beforeConnecting.stderr, /--stage hbu: no such stage/);
    assert.doesNotMatch(beforeConnecting.stderr, /loopback|BASEPLATE_ARM_ENDPOINT is set/);
    const known = await baseplate(['deploy', '--config', dev, '--stage', 'hub', '--what-if']);
    assert.equal(known.code, 0, known.stderr);
  });

  it('shows its steps before the first stage as progress, on a terminal, each cleared before the view draws', async () => {
    const steps: string[] = [];
    let stdout = '';
    const io: AzureIo = {
      out: (text) => (stdout += text),
      err: () => undefined,
      cwd: folder,
      env: environment,
      progress: (step) => steps.push(step),
      standIn: { tlsOptions: { ca: standIn.ca }, clock: standIn.clock },
    };
    assert.equal(await run(['deploy', '--config', dev, '--stage', 'hub', '--what-if'], io), 0, stdout);
    assert.deepEqual(steps, ['Planning…', '', 'Reading the certificates…', '', 'Signing in to Azure…', '']);
  });

  it('checks the PFX files before signing in: missing, a folder, not a PFX, the wrong password (exit 2)', async () => {
    const pfx = join(folder, 'chain.pfx');
    writeFileSync(pfx, opensslEcPfx());
    writeFileSync(join(folder, 'cert.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    // An endpoint the connection refuses: a check made after connecting would say that instead.
    const unreachable = {
      ...environment,
      BASEPLATE_ARM_ENDPOINT: 'https://example.com',
      BASEPLATE_PFX_PASSWORD: OPENSSL_EC_PASSWORD,
    };
    const cases: Array<[args: string[], env: NodeJS.ProcessEnv, said: RegExp]> = [
      [
        ['--gateway-pfx', 'missing.pfx', '--ingress-pfx', pfx],
        unreachable,
        /--gateway-pfx missing\.pfx: no such file\./,
      ],
      [
        ['--gateway-pfx', pfx, '--ingress-pfx', folder],
        unreachable,
        /--ingress-pfx \S+: is a folder, not a PFX file\./,
      ],
      [['--gateway-pfx', 'cert.pem', '--ingress-pfx', pfx], unreachable, /PEM text, not a PFX/],
      [
        ['--gateway-pfx', pfx, '--ingress-pfx', pfx],
        { ...unreachable, BASEPLATE_PFX_PASSWORD: 'not-the-password' },
        /did not open with the password in BASEPLATE_PFX_PASSWORD/,
      ],
      [['--gateway-pfx', pfx], unreachable, /--gateway-pfx and --ingress-pfx go together/],
    ];
    standIn.state.requests.length = 0;
    for (const [args, env, said] of cases) {
      const result = await baseplate(['deploy', '--config', existingHub, ...args], env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, said);
      assert.doesNotMatch(result.stderr, /loopback|not signed in/, 'refused before connecting');
    }
    assert.deepEqual(standIn.state.requests, [], 'nothing asked of Azure');
  });

  it('-o json and -o yaml: the result as data on stdout, the progress on stderr', async () => {
    const json = await baseplate(['deploy', '--config', dev, '-o', 'json']);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { ok: boolean; deployed: string[]; followUps: string[] };
    assert.equal(result.ok, true);
    assert.deepEqual(result.deployed.slice(0, 3), ['resource-groups', 'hub', 'spoke-00']);
    assert.ok(result.followUps.some((f) => /DNS/.test(f)));
    assert.match(json.stderr, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ bootstrap-00: done in \d+s$/m);
    const yaml = await baseplate(['deploy', '--config', dev, '--what-if', '-o', 'yaml']);
    assert.equal(yaml.code, 0, yaml.stderr);
    const preview = parseYaml(yaml.stdout) as { ok: boolean; whatIf: { stage: string }[] };
    assert.equal(preview.ok, true);
    assert.ok(preview.whatIf.some((p) => p.stage === 'hub'));
    const destroyed = await baseplate(['destroy', '--config', dev, '--yes', '-o', 'json']);
    assert.equal(destroyed.code, 0, destroyed.stderr);
    const gone = JSON.parse(destroyed.stdout) as {
      ok: boolean;
      deleted: string[];
      softDeletedVaults: unknown[];
    };
    assert.deepEqual(gone.deleted, ['rg-bu0001a0008-00-dev-eus2', 'rg-bu0001a0008-hub-dev-eus2']);
    assert.equal(gone.softDeletedVaults.length, 1);
    assert.match(destroyed.stderr, /baseplate destroy deletes these resource groups/);
  });

  it('--debug shows each HTTP call to Azure, its headers sanitized, and never a secret', async () => {
    const token = 'gho_readonly-token-for-the-debug-0123456789';
    const result = await baseplate(['deploy', '--config', dev, '--debug'], {
      ...environment,
      BASEPLATE_GIT_CREDENTIAL: token,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^debug: → PUT https:\/\/127\.0\.0\.1:\d+\/subscriptions\/\S+\/deployments\/baseplate-\S+\?api-version=[\d-]+$/m,
    );
    assert.match(result.stderr, /^debug: ← 20\d$/m);
    assert.match(result.stderr, /^debug: {3}x-ms-request-id: stand-in$/m);
    assert.doesNotMatch(result.stderr, /^debug: (?!→ |← | {2}x-ms-)/m, 'one line per request and response');
    assert.match(
      result.stderr,
      /^verbose: Resource Manager: https:\/\/127\.0\.0\.1:\d+; subscription: 0+-0+-0+-0+-0+cc$/m,
    );
    assert.ok(!(result.stdout + result.stderr).includes(token), 'the Git credential was printed');
    assert.doesNotMatch(result.stderr, /Bearer|PRIVATE KEY|"token"/);
    // Without --debug the Azure SDK logs nothing: its logger was put back as it was.
    const quiet = await baseplate(['deploy', '--config', dev, '--what-if']);
    assert.doesNotMatch(quiet.stderr, /debug:|Request:|→/);
  });

  it("--debug's lines come from the SDK's sanitized log: a request's method and URL, a status, the request IDs", () => {
    const request = {
      url: 'https://management.azure.com/subscriptions/s/resourcegroups/rg?api-version=2025-04-01&sig=REDACTED',
      method: 'PUT',
      headers: { authorization: 'REDACTED', 'x-ms-client-request-id': 'c1' },
    };
    assert.equal(
      shortened(`azure:core-rest-pipeline:info Request: ${JSON.stringify(request, null, 2)}`),
      '→ PUT https://management.azure.com/subscriptions/s/resourcegroups/rg?api-version=2025-04-01&sig=REDACTED',
    );
    assert.equal(shortened('azure:core-rest-pipeline:info Response status code: 409'), '← 409');
    const headers = { 'x-ms-request-id': 'r1', 'x-ms-correlation-request-id': 'c1', date: 'now' };
    assert.equal(
      shortened(`azure:core-rest-pipeline:info Headers: ${JSON.stringify(headers, null, 2)}`),
      '  x-ms-request-id: r1, x-ms-correlation-request-id: c1',
    );
    assert.equal(shortened('azure:core-rest-pipeline:info Headers: {"date": "now"}'), undefined);
    assert.equal(
      shortened('azure:identity:info AzureCliCredential => getToken() => SUCCESS'),
      'azure:identity:info AzureCliCredential => getToken() => SUCCESS',
    );
  });

  it('smoke: the built CLI in its own process deploys, and says when nobody is signed in', async () => {
    // In a process of its own the system's clock runs: the stand-in asks for no wait between polls.
    standIn.state.retryAfterSeconds = 0;
    try {
      const token = 'gho_readonly-token-for-the-smoke-0123456789';
      const result = await spawned(['deploy', '--config', dev], {
        ...environment,
        BASEPLATE_GIT_CREDENTIAL: token,
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /warning: BASEPLATE_ARM_ENDPOINT is set: talking to https:\/\/127\.0\.0\.1:\d+, not Azure/,
      );
      assert.match(result.stdout, /Deployed 10 stage\(s\): resource-groups, hub, spoke-00/);
      assert.match(result.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ bootstrap-00: done in \d+s$/m);
      assert.ok(!(result.stdout + result.stderr).includes(token), 'the Git credential was printed');
      assert.doesNotMatch(result.stdout + result.stderr, /PRIVATE KEY|stand-in-token|Bearer/);
    } finally {
      standIn.state.retryAfterSeconds = 1;
    }
    // Azure itself, nobody signed in: the credential chain reads the process's environment, so a process of its own.
    const { BASEPLATE_ARM_ENDPOINT: _, ...azure } = environment;
    void _;
    const noLogin = await spawned(['deploy', '--config', dev], { ...azure, AZURE_TOKEN_CREDENTIALS: 'dev' });
    assert.equal(noLogin.code, 2, noLogin.stderr);
    assert.match(noLogin.stderr, /not signed in to Azure\. Sign in with `az login`/);
  });

  it('smoke: the built CLI in its own process asks before destroying, and destroys with --yes', async () => {
    assert.equal((await baseplate(['deploy', '--config', dev])).code, 0);
    standIn.state.retryAfterSeconds = 0;
    try {
      // No terminal to answer: --yes is required.
      const unconfirmed = await spawned(['destroy', '--config', dev]);
      assert.equal(unconfirmed.code, 2, unconfirmed.stderr);
      assert.match(unconfirmed.stderr, /confirm with --yes/);
      assert.equal(standIn.state.resourceGroups.size, 2);
      const result = await spawned(['destroy', '--config', dev, '--yes']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /Deleted 2 resource group\(s\): rg-bu0001a0008-00-dev-eus2, rg-bu0001a0008-hub-dev-eus2\./,
      );
      assert.equal(standIn.state.resourceGroups.size, 0);
    } finally {
      standIn.state.retryAfterSeconds = 1;
    }
  });
});
