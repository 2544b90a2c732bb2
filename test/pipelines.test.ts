/** The pipelines: GitHub's workflow parser accepts them; they deliver, roll back and deploy as the spec asks. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { OutputFile } from '../src/core/plan.js';
import type { Json } from './artifacts.js';
import { json } from './artifacts.js';
import { LANDING_ZONE, planOk } from './helpers.js';
import { validateWorkflow } from './workflow-schema.js';

const TWO_ENVIRONMENTS = `
spokes:
  - { name: "00", environment: preprod, addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", environment: prod, addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`;

function workflow(files: readonly OutputFile[], name: string): Json {
  const found = files.find((f) => f.path === `pipelines/${name}.yml`);
  assert.ok(found, name);
  return parse(found.content, { version: '1.1' }) as Json;
}

const jobs = (w: Json) => w['jobs'] as Record<string, Json>;
const steps = (job: Json | undefined) => (job?.['steps'] ?? []) as Json[];
const runs = (job: Json | undefined) =>
  steps(job)
    .map((s) => String(s['run'] ?? ''))
    .join('\n');

describe("the workflows against GitHub's workflow parser", () => {
  for (const config of ['{}', TWO_ENVIRONMENTS]) {
    it(`accepts every workflow: ${config === '{}' ? 'default' : 'two environments'}`, async () => {
      const files = planOk(config).files.filter(
        (f) => f.path.startsWith('pipelines/') && f.path.endsWith('.yml'),
      );
      assert.deepEqual(
        files.map((f) => f.path),
        ['pipelines/workload.yml', 'pipelines/rollback.yml', 'pipelines/infrastructure.yml'],
      );
      for (const file of files)
        assert.deepEqual(await validateWorkflow(file.path, file.content), [], file.path);
    });
  }

  it('catches a misspelt key and a missing runner', async () => {
    const [file] = planOk('{}').files.filter((f) => f.path === 'pipelines/rollback.yml');
    const broken = file!.content.replace('runs-on:', 'runs_on:');
    assert.ok((await validateWorkflow('rollback.yml', broken)).length > 0);
  });
});

describe('workload delivery (spec: "Workload CI/CD")', () => {
  const files = planOk(TWO_ENVIRONMENTS).files;
  const delivery = workflow(files, 'workload');
  const { build, preproduction, production } = jobs(delivery);

  it('builds and scans before anything is pushed, with the scanner pinned to a commit', () => {
    assert.match(runs(build), /docker build/);
    const scan = steps(build).find((s) => String(s['uses']).startsWith('aquasecurity/trivy-action'));
    assert.match(String(scan?.['uses']), /@[0-9a-f]{40}$/, 'a tag can be moved; a commit cannot');
    assert.equal((scan?.['with'] as Json)['exit-code'], '1');
    assert.deepEqual(preproduction?.['needs'], ['build']);
  });

  it('pushes to the preproduction registry from inside the network, then promotes in its cluster path', () => {
    assert.deepEqual(preproduction?.['runs-on'], ['self-hosted', 'baseplate']);
    assert.match(
      runs(preproduction),
      /docker push "crbu0001a000800preprod\w+\.azurecr\.io\/aspnetapp:\$TAG"/,
    );
    assert.match(runs(preproduction), /clusters\/aks-bu0001a0008-00-preprod-eus2\/layers\.yaml/);
    assert.doesNotMatch(runs(preproduction), /01-prod/);
    assert.match(
      runs(preproduction),
      /git commit --all --message "Promote aspnetapp \$TAG to preproduction"/,
    );
  });

  it('promotes to production only after preproduction and the environment approval, the same scanned image', () => {
    assert.deepEqual(production?.['needs'], ['build', 'preproduction']);
    assert.equal(production?.['environment'], 'production');
    // The registries allow no export: no import from one into another, the scanned artifact is pushed again.
    assert.doesNotMatch(runs(production), /acr import/);
    assert.ok(steps(production).some((s) => String(s['uses']).startsWith('actions/download-artifact')));
    assert.match(runs(production), /docker push "crbu0001a000801prod\w+\.azurecr\.io\/aspnetapp:\$TAG"/);
    assert.match(runs(production), /clusters\/aks-bu0001a0008-01-prod-eus2\/layers\.yaml/);
    assert.match(
      runs(production),
      /git diff --quiet && \{ echo "already promoted"; exit 0; \}/,
      'a re-run commits nothing',
    );
  });

  it('signs in to Azure with OpenID Connect and holds no Azure secret', () => {
    for (const job of [preproduction, production]) {
      assert.equal((job?.['permissions'] as Json)['id-token'], 'write');
      const login = steps(job).find((s) => String(s['uses']).startsWith('azure/login'));
      assert.deepEqual(login?.['with'], {
        'client-id': '${{ vars.AZURE_CLIENT_ID }}',
        'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
        'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
      });
    }
    for (const file of files.filter((f) => f.path.startsWith('pipelines/') && f.path.endsWith('.yml')))
      assert.doesNotMatch(file.content, /secrets\.AZURE|client-secret|creds:/, file.path);
  });

  it("writes the tag where the cluster path's workload layer holds it", () => {
    const promote = steps(production).find((s) => String(s['name']).startsWith('Promote'));
    assert.match(String(promote?.['run']), /select\(\.metadata\.name == "workload"\)/);
    const layers = files.find((f) => f.path === 'gitops/clusters/aks-bu0001a0008-01-prod-eus2/layers.yaml');
    assert.match(String(layers?.content), /name: workload[\s\S]*images:\s*\n\s*- name: aspnetapp/);
  });

  it('goes straight to production with approval when there is no preproduction cluster, and is absent without a workload', () => {
    const single = jobs(workflow(planOk('{}').files, 'workload'));
    assert.deepEqual(Object.keys(single), ['build', 'production']);
    assert.equal(single['production']?.['environment'], 'production');
    const none = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, workload: { enabled: false } }]',
    );
    assert.ok(!none.files.some((f) => f.path === 'pipelines/workload.yml'));
  });
});

describe('rollback', () => {
  const revert = jobs(workflow(planOk('{}').files, 'rollback'))['revert'];

  it('reverts the given promotion commit, passing the input as a variable (no script injection)', () => {
    const [, step] = steps(revert);
    assert.match(String(step?.['run']), /git revert --no-edit "\$COMMIT"/);
    assert.match(String(step?.['run']), /\^Promote /, 'only promotion commits');
    assert.deepEqual(step?.['env'], { COMMIT: '${{ inputs.commit }}' });
    assert.doesNotMatch(String(step?.['run']), /\$\{\{/);
  });
});

describe('infrastructure', () => {
  const pipeline = jobs(workflow(planOk('{}').files, 'infrastructure'));

  it('plans and checks, previews with what-if, and deploys only from main after approval', () => {
    assert.match(runs(pipeline['plan']), /plan --config baseplate\.yaml --out out/);
    assert.match(runs(pipeline['plan']), /verify out\/azure out\/gitops/);
    assert.deepEqual(pipeline['preview']?.['needs'], ['plan']);
    assert.match(runs(pipeline['preview']), /deploy\.sh what-if out\/azure/);
    assert.deepEqual(pipeline['deploy']?.['needs'], ['preview']);
    assert.equal(pipeline['deploy']?.['environment'], 'production');
    assert.equal(pipeline['deploy']?.['if'], "github.event_name == 'push'");
    assert.match(runs(pipeline['deploy']), /deploy\.sh create out\/azure/);
  });
});

describe('deploy.sh', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Runs the script with a stand-in `az` that logs its arguments and answers `show` with a value. */
  function run(files: readonly OutputFile[], mode: string, env: Record<string, string> = {}) {
    const root = mkdtempSync(join(tmpdir(), 'baseplate-deploy-'));
    dirs.push(root);
    for (const file of files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'az'),
      `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >> "${root}/calls"; printf '\\n' >> "${root}/calls"\n` +
        `if [[ " $* " == *" show "* ]]; then [[ -n "$NOT_DEPLOYED" ]] && exit 3; case "$*" in *firewallEgressRanges*) echo '["203.0.113.1/32", "203.0.113.2/32"]';; *) echo shown-value;; esac; fi\n` +
        `if [[ "$1 $2" == "group exists" ]]; then [[ -n "$NOT_DEPLOYED" ]] && echo false || echo true; fi\n` +
        // Budgets_Get: the budget's start, or Azure's error (404 by default: no budget yet).
        `if [[ "$1" == rest ]]; then [[ -n "$BUDGET_START" ]] && { echo "$BUDGET_START"; exit 0; }; ` +
        `echo "\${REST_ERROR:-ERROR: Not Found(ResourceNotFound)}" >&2; exit 1; fi\n`,
    );
    chmodSync(join(bin, 'az'), 0o755);
    // The month of the test, not of the machine.
    writeFileSync(join(bin, 'date'), '#!/usr/bin/env bash\necho 2026-07-01\n');
    chmodSync(join(bin, 'date'), 0o755);
    const result = spawnSync('bash', [join(root, 'pipelines/deploy.sh'), mode, join(root, 'azure')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, ...env },
    });
    const calls = (() => {
      try {
        return readFileSync(join(root, 'calls'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\0').filter(Boolean));
      } catch {
        return [];
      }
    })();
    return { status: result.status, stderr: result.stderr, calls };
  }

  it('is valid bash', () => {
    const { files } = planOk('{}');
    const script = files.find((f) => f.path === 'pipelines/deploy.sh')!;
    const dir = mkdtempSync(join(tmpdir(), 'baseplate-sh-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'deploy.sh'), script.content);
    execFileSync('bash', ['-n', join(dir, 'deploy.sh')]);
  });

  it('deploys every stage in order, feeding each the outputs it consumes', () => {
    const { files } = planOk('{}');
    const { status, calls } = run(files, 'create');
    assert.equal(status, 0);
    const deployments = calls.filter((c) => c[2] === 'create');
    const order = (json(files, 'azure/deployment-order.json')['stages'] as Json[]).map((s) =>
      String(s['deploymentName']),
    );
    assert.deepEqual(
      deployments.map((c) => c[c.indexOf('--name') + 1]),
      order,
    );
    const spoke = deployments.find((c) => c.includes('baseplate-spoke-00'))!;
    assert.ok(spoke.includes('firewallPrivateIp=shown-value'), spoke.join(' '));
    // The images go into the registry right after the stage that creates it, before bootstrap.
    const imports = calls.filter((c) => c[0] === 'acr' && c[1] === 'import');
    const images = json(files, 'gitops/images.json')['registries'] as Json[];
    assert.deepEqual(
      imports.map((c) => c[c.indexOf('--source') + 1]),
      (images[0]!['images'] as Json[]).map((i) => i['source']),
    );
    const position = (call: string[]) => calls.indexOf(call);
    assert.ok(
      position(imports[0]!) > position(deployments.find((c) => c.includes('baseplate-services-00'))!),
    );
    assert.ok(
      position(imports.at(-1)!) < position(deployments.find((c) => c.includes('baseplate-ingress-00'))!),
    );
    const cluster = deployments.find((c) => c.includes('baseplate-cluster-00'))!;
    assert.ok(
      cluster.includes('firewallEgressRanges=["203.0.113.1/32", "203.0.113.2/32"]'),
      'an array stays one argument',
    );
  });

  it('previews a new environment without failing: stages whose group or inputs do not exist yet are skipped', () => {
    const { files } = planOk('{}');
    const fresh = run(files, 'what-if', { NOT_DEPLOYED: '1' });
    assert.equal(fresh.status, 0, fresh.stderr);
    const previewed = fresh.calls.filter((c) => c[2] === 'what-if').map((c) => c[c.indexOf('--name') + 1]);
    assert.deepEqual(previewed, [
      'baseplate-bu0001a0008-prod-eus2-resource-groups',
      'baseplate-bu0001a0008-prod-eus2-defender',
    ]);
    // A deployment does not guess: a missing output stops it.
    const stopped = run(files, 'create', { NOT_DEPLOYED: '1' });
    assert.notEqual(stopped.status, 0);
    assert.ok(!stopped.calls.some((c) => c.includes('baseplate-spoke-00') && c[2] === 'create'));
  });

  it('previews with what-if, passes secure parameters only from the environment, and refuses a bad mode', () => {
    const { files } = planOk('{}');
    const preview = run(files, 'what-if');
    assert.equal(preview.status, 0);
    assert.ok(preview.calls.filter((c) => c[2] === 'what-if').length > 5);
    assert.ok(!preview.calls.some((c) => c[1] === 'import'), 'a preview imports nothing');
    const services = (calls: string[][]) => calls.find((c) => c.includes('baseplate-services-00'))!;
    assert.ok(!services(preview.calls).some((a) => a.startsWith('gatewayCertificate=')));
    const given = run(files, 'create', { BASEPLATE_GATEWAY_CERTIFICATE: 'cGZ4' });
    assert.ok(services(given.calls).includes('gatewayCertificate=cGZ4'));
    const wrong = run(files, 'destroy');
    assert.equal(wrong.status, 2);
    assert.deepEqual(wrong.calls, []);
  });

  it("keeps an existing budget's start date, starts a new one in the current month, and stops when Azure will not say", () => {
    const { files } = planOk('cost: { monthlyBudget: 500 }');
    const budget = (calls: string[][]) =>
      calls.find((c) => c[2] === 'create' && c.includes('baseplate-bu0001a0008-prod-eus2-budget'));
    const existing = run(files, 'create', { BUDGET_START: '2026-05-01T00:00:00Z' });
    assert.equal(existing.status, 0, existing.stderr);
    assert.ok(
      budget(existing.calls)?.includes('budgetStartDate=2026-05-01'),
      budget(existing.calls)?.join(' '),
    );
    const read = existing.calls.find((c) => c[0] === 'rest');
    assert.ok(
      read?.includes(
        '/subscriptions/{subscriptionId}/providers/Microsoft.Consumption/budgets/budget-bu0001a0008-prod?api-version=2024-08-01',
      ),
      read?.join(' '),
    );
    const fresh = run(files, 'create');
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.ok(budget(fresh.calls)?.includes('budgetStartDate=2026-07-01'));
    // Any other answer is not taken for "no budget": the script stops before the budget.
    const refused = run(files, 'create', {
      REST_ERROR: 'ERROR: (AuthorizationFailed) The client may not read it.',
    });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /AuthorizationFailed/);
    assert.equal(budget(refused.calls), undefined);
    // A start month in the config is in the parameters file: nothing read.
    const pinned = run(planOk('cost: { monthlyBudget: 500, startMonth: 2026-05 }').files, 'create');
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.ok(!pinned.calls.some((c) => c[0] === 'rest'));
    assert.ok(!budget(pinned.calls)?.some((a) => a.startsWith('budgetStartDate=')));
  });

  it('skips what the hub owner applies', () => {
    const { files } = planOk(LANDING_ZONE);
    const { status, calls } = run(files, 'create');
    assert.equal(status, 0);
    assert.ok(!calls.some((c) => c.some((a) => a.includes('network-team'))));
    assert.ok(
      calls.every((c) => !c.includes('--subscription') || c[c.indexOf('--subscription') + 1] !== undefined),
    );
  });
});
