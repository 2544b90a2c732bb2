/**
 * GitHub Actions workflows for the GitOps repository (spec "Cluster CI/CD",
 * "Workload CI/CD": GitHub Actions, OpenID Connect federated credentials and no
 * stored secrets, at least one preproduction environment, approvals before
 * production, rollback by reverting).
 */
import { PACKAGE_NAME } from '../../package-name.js';
import { secureVariable } from './deploy-script.js';

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly run?: string;
  readonly env?: Readonly<Record<string, string>>;
}

interface Job {
  readonly name: string;
  readonly 'runs-on': string | readonly string[];
  readonly needs?: readonly string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Readonly<Record<string, 'read' | 'write'>>;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
}

export interface Workflow {
  readonly name: string;
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions: Readonly<Record<string, 'read' | 'write'>>;
  readonly concurrency: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly env?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

/** A cluster the workload is delivered to. */
export interface DeliveryTarget {
  readonly cluster: string;
  /** The cluster's folder in the repository. */
  readonly path: string;
  readonly registry: string;
  readonly loginServer: string;
}

/** GitHub's and Azure's own actions by major version; third-party ones by commit. */
const ACTIONS = {
  checkout: 'actions/checkout@v4',
  upload: 'actions/upload-artifact@v4',
  download: 'actions/download-artifact@v4',
  node: 'actions/setup-node@v4',
  azureLogin: 'azure/login@v2',
  // A full commit: the project's tags were force-pushed to malicious code in March 2026 (CVE-2026-33634). v0.35.0.
  trivy: 'aquasecurity/trivy-action@57a97c7e7821a5776cebc9bb87c984fa69cba8f1',
} as const;

/** Sign-in with the workflow's OIDC token: the identity's IDs are variables, not secrets. */
const AZURE_LOGIN: Step = {
  name: 'Sign in to Azure (OpenID Connect, no secret)',
  uses: ACTIONS.azureLogin,
  with: {
    'client-id': '${{ vars.AZURE_CLIENT_ID }}',
    'tenant-id': '${{ vars.AZURE_TENANT_ID }}',
    'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}',
  },
};

const COMMIT_AS_BOT = [
  'git config user.name "github-actions[bot]"',
  'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
];

const IMAGE = 'aspnetapp';
/** The workload's repository in every registry. */
export const WORKLOAD_REPOSITORY = IMAGE;

function promote(target: DeliveryTarget): Step {
  return {
    name: `Promote in ${target.path}`,
    // Path assignment keeps the file's other documents.
    run: `yq -i '(select(.metadata.name == "workload") | .spec.images[0]) |= (.newName = "${target.loginServer}/${IMAGE}" | .newTag = strenv(TAG))' ${target.path}/layers.yaml`,
    env: { TAG: '${{ needs.build.outputs.tag }}' },
  };
}

function commit(environment: string): Step {
  return {
    name: 'Commit the promotion (revert it to roll back)',
    // A re-run finds the tag already promoted: nothing to commit.
    run: [
      ...COMMIT_AS_BOT,
      'git diff --quiet && { echo "already promoted"; exit 0; }',
      `git commit --all --message "Promote ${IMAGE} $TAG to ${environment}"`,
      'git push',
    ].join('\n'),
    env: { TAG: '${{ needs.build.outputs.tag }}' },
  };
}

/**
 * Each environment pushes the scanned image into its registries. They accept no
 * public traffic, so from a runner inside the network; and they allow no export,
 * so one registry cannot import from another.
 */
function delivery(environment: string, targets: readonly DeliveryTarget[], needs: readonly string[]): Job {
  const tag = '${{ needs.build.outputs.tag }}';
  return {
    name: `Deliver to ${environment}`,
    'runs-on': ['self-hosted', 'baseplate'],
    needs,
    environment,
    permissions: { contents: 'write', 'id-token': 'write' },
    steps: [
      // The latest main: an earlier environment's promotion commit is on it.
      { uses: ACTIONS.checkout, with: { ref: 'main' } },
      { uses: ACTIONS.download, with: { name: 'image' } },
      { name: 'Load the scanned image', run: 'docker load --input image.tar.gz' },
      AZURE_LOGIN,
      ...targets.map((target): Step => ({
        name: `Push to ${target.registry}`,
        run: [
          `az acr login --name ${target.registry}`,
          `docker tag "${IMAGE}:$TAG" "${target.loginServer}/${IMAGE}:$TAG"`,
          `docker push "${target.loginServer}/${IMAGE}:$TAG"`,
        ].join('\n'),
        env: { TAG: tag },
      })),
      ...targets.map(promote),
      commit(environment),
    ],
  };
}

/** Build, scan, push, promote through preproduction to production. */
export function workloadWorkflow(
  preproduction: readonly DeliveryTarget[],
  production: readonly DeliveryTarget[],
): Workflow {
  const stages: Array<[string, readonly DeliveryTarget[]]> = [
    ['preproduction', preproduction],
    ['production', production],
  ];
  const present = stages.filter(([, targets]) => targets.length > 0);
  const jobs: Record<string, Job> = {
    build: {
      name: 'Build and scan',
      'runs-on': 'ubuntu-latest',
      outputs: { tag: '${{ steps.tag.outputs.tag }}' },
      steps: [
        { uses: ACTIONS.checkout },
        {
          id: 'tag',
          name: 'Tag by commit',
          run: 'echo "tag=$(git rev-parse --short=12 HEAD)" >> "$GITHUB_OUTPUT"',
        },
        { name: 'Build', run: `docker build --tag "${IMAGE}:\${{ steps.tag.outputs.tag }}" app` },
        {
          name: 'Scan: fail on fixable critical or high vulnerabilities',
          uses: ACTIONS.trivy,
          with: {
            'image-ref': `${IMAGE}:\${{ steps.tag.outputs.tag }}`,
            'exit-code': '1',
            severity: 'CRITICAL,HIGH',
            'ignore-unfixed': true,
          },
        },
        { name: 'Save', run: `docker save "${IMAGE}:\${{ steps.tag.outputs.tag }}" | gzip > image.tar.gz` },
        { uses: ACTIONS.upload, with: { name: 'image', path: 'image.tar.gz', 'retention-days': 7 } },
      ],
    },
  };
  present.forEach(([environment, targets], i) => {
    const previous = present[i - 1];
    jobs[environment] = delivery(environment, targets, ['build', ...(previous ? [previous[0]] : [])]);
  });
  return {
    name: 'workload',
    on: { push: { branches: ['main'], paths: ['app/**'] }, workflow_dispatch: {} },
    permissions: { contents: 'read' },
    concurrency: { group: 'workload-delivery', 'cancel-in-progress': false },
    jobs,
  };
}

/** Roll back a promotion: revert its commit, and Flux applies the previous state. */
export function rollbackWorkflow(): Workflow {
  return {
    name: 'rollback',
    on: {
      workflow_dispatch: {
        inputs: {
          commit: { description: 'The promotion commit to revert', required: true, type: 'string' },
        },
      },
    },
    permissions: { contents: 'read' },
    concurrency: { group: 'workload-delivery', 'cancel-in-progress': false },
    jobs: {
      revert: {
        name: 'Revert the promotion',
        'runs-on': 'ubuntu-latest',
        permissions: { contents: 'write' },
        steps: [
          { uses: ACTIONS.checkout, with: { ref: 'main', 'fetch-depth': 0 } },
          {
            name: 'Revert',
            // The input reaches the script as a variable, never pasted into it.
            run: [
              'git log -1 --format=%s "$COMMIT" | grep -q "^Promote " || { echo "$COMMIT is not a promotion commit" >&2; exit 1; }',
              ...COMMIT_AS_BOT,
              'git revert --no-edit "$COMMIT"',
              'git push',
            ].join('\n'),
            env: { COMMIT: '${{ inputs.commit }}' },
          },
        ],
      },
    },
  };
}

/**
 * Plan and check the configuration, preview the change, deploy after approval.
 * `secureParameters`: the stages' secure parameters, each read from a repository
 * secret of the same name (certificates, Flux's read-only Git token).
 */
export function infrastructureWorkflow(secureParameters: readonly string[]): Workflow {
  const download: Step = { uses: ACTIONS.download, with: { name: 'plan', path: 'out' } };
  return {
    name: 'infrastructure',
    on: {
      pull_request: { paths: ['baseplate.yaml'] },
      push: { branches: ['main'], paths: ['baseplate.yaml'] },
    },
    permissions: { contents: 'read' },
    concurrency: { group: 'infrastructure', 'cancel-in-progress': false },
    env: { BASEPLATE: `\${{ vars.BASEPLATE_PACKAGE || '${PACKAGE_NAME}' }}` },
    jobs: {
      plan: {
        name: 'Plan and check',
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: ACTIONS.checkout },
          { uses: ACTIONS.node, with: { 'node-version': 24 } },
          {
            name: 'Plan: fails on error findings',
            run: 'npx --yes "$BASEPLATE" plan --config baseplate.yaml --out out',
          },
          {
            name: 'Verify the templates and the repository as they will be applied',
            run: 'npx --yes "$BASEPLATE" verify out/azure out/gitops',
          },
          { uses: ACTIONS.upload, with: { name: 'plan', path: 'out', 'retention-days': 30 } },
        ],
      },
      preview: {
        name: 'What-if',
        'runs-on': 'ubuntu-latest',
        needs: ['plan'],
        environment: 'preview',
        permissions: { contents: 'read', 'id-token': 'write' },
        steps: [
          download,
          AZURE_LOGIN,
          { name: 'What-if, stage by stage', run: 'bash out/pipelines/deploy.sh what-if out/azure' },
        ],
      },
      deploy: {
        name: 'Deploy',
        'runs-on': 'ubuntu-latest',
        needs: ['preview'],
        if: "github.event_name == 'push'",
        environment: 'production',
        permissions: { contents: 'read', 'id-token': 'write' },
        steps: [
          download,
          AZURE_LOGIN,
          {
            name: 'Deploy, stage by stage',
            run: 'bash out/pipelines/deploy.sh create out/azure',
            // Unset secrets leave the vault's certificates and Flux's credential as they are.
            env: Object.fromEntries(
              secureParameters.map((name) => [
                secureVariable(name),
                `\${{ secrets.${secureVariable(name)} }}`,
              ]),
            ),
          },
        ],
      },
    },
  };
}
