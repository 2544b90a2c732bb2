/**
 * `baseplate deploy`: plan, refuse while error findings remain, check Azure
 * (preflight), then preview (`--what-if`) or deploy the stages with the steps
 * beyond templates. Exit codes: 1 findings or preflight problems (or a pause for
 * the network team), 2 bad input, 3 an Azure operation failed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config, Diagnostic, ImageList, OutputFile } from '../../core/index.js';
import { formatDiagnostic, IMAGES_PATH, plan } from '../../core/index.js';
import { secureVariable } from '../../core/artifacts/pipelines/deploy-script.js';
import {
  CertificateError,
  fromPfxFiles,
  PFX_PASSWORD_VARIABLE,
  selfSignedCertificates,
} from '../../deploy/certificates.js';
import type { PreflightProblem } from '../../deploy/checks/problem.js';
import type { Connection } from '../../deploy/clients.js';
import { clientCache } from '../../deploy/clients.js';
import { deploy, MissingInputError } from '../../deploy/deploy.js';
import { AzureOperationError } from '../../deploy/errors.js';
import { preflight } from '../../deploy/preflight.js';
import type { DeployStage } from '../../deploy/stages.js';
import { stagesFrom } from '../../deploy/stages.js';
import type { CertificateSource } from '../../deploy/steps/certificates.js';
import { putCertificates } from '../../deploy/steps/certificates.js';
import { removeConfigurationEndpoint } from '../../deploy/steps/configuration-endpoint.js';
import { waitForFlux } from '../../deploy/steps/flux.js';
import type { RegistryCredentials } from '../../deploy/steps/images.js';
import { importImages } from '../../deploy/steps/images.js';
import { outputsReader, previewText, whatIfStage } from '../../deploy/what-if.js';
import type { AzureIo } from '../azure.js';
import { azureConnection, checkSignedIn, defaultSubscription } from '../azure.js';
import { readConfigSource, workingFolder } from '../config-file.js';
import { createView } from '../deploy-view.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { paint } from '../io.js';
import { schemaValidators } from '../schemas/validators.js';

export interface DeployOptions {
  readonly config?: string;
  readonly subscription?: string;
  readonly whatIf?: boolean;
  readonly stage?: string;
  readonly ignoreFindings?: boolean;
  /** Deploy every stage, even one unchanged since its last successful deployment. */
  readonly force?: boolean;
  readonly gatewayPfx?: string;
  readonly ingressPfx?: string;
  readonly json?: boolean;
}

/** What deploy and destroy share: the plan's stages in Azure, signed in. */
export interface AzurePlan {
  readonly config: Config;
  readonly files: readonly OutputFile[];
  readonly stages: readonly DeployStage[];
  readonly connection: Connection;
}

/**
 * Plans the config and signs in; undefined (with the reason printed and its exit
 * code returned) when the plan is refused or has error findings not overridden.
 */
export async function azurePlan(
  /** `silently`: findings do not matter at all (destroy). */
  options: { config?: string; subscription?: string; ignoreFindings?: boolean | 'silently' },
  io: AzureIo,
  env: NodeJS.ProcessEnv,
): Promise<AzurePlan | ExitCode> {
  // The findings of `plan`, schema checks included: deploy stops on the same errors.
  const outcome = plan(await readConfigSource(options.config, workingFolder(io)), {
    schemas: schemaValidators,
  });
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return ExitCode.usage;
  }
  const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    if (options.ignoreFindings !== 'silently') printDiagnostics(io, errors);
    if (!options.ignoreFindings) {
      io.err(
        `\n${errors.length} error finding(s): nothing was deployed. Fix them (baseplate plan lists them with their fixes), or pass --ignore-findings to deploy anyway.\n`,
      );
      return ExitCode.findings;
    }
    if (options.ignoreFindings === true) {
      io.err(
        paint(
          io,
          'red',
          `\n!!! --ignore-findings: going on despite ${errors.length} error finding(s) !!!\n\n`,
        ),
      );
    }
  }
  const subscription = defaultSubscription(
    outcome.deploymentOrder.stages.some((s) => s.subscriptionId === undefined),
    options.subscription,
    env,
  );
  const connection = azureConnection(env, io.standIn);
  if (env['BASEPLATE_ARM_ENDPOINT']) {
    // Secure parameters (certificates, the Git credential) go wherever this points.
    io.err(
      paint(
        io,
        'yellow',
        `warning: BASEPLATE_ARM_ENDPOINT is set: talking to ${connection.endpoint}, not Azure.\n`,
      ),
    );
  }
  await checkSignedIn(connection);
  return {
    config: outcome.config,
    files: outcome.files,
    stages: stagesFrom(outcome, subscription),
    connection,
  };
}

export async function deployCommand(
  options: DeployOptions,
  io: AzureIo,
  env: NodeJS.ProcessEnv = io.env ?? process.env,
): Promise<ExitCode> {
  const planned = await azurePlan(options, io, env);
  if (typeof planned === 'number') return planned;
  const { config, files, connection } = planned;
  if (options.stage !== undefined && !planned.stages.some((s) => s.name === options.stage)) {
    throw new UsageError(
      `--stage ${options.stage}: no such stage; the stages are ${planned.stages.map((s) => s.name).join(', ')}.`,
    );
  }
  const certificates = await certificateSources(config, options, env, io);
  const secure = valuesFromEnvironment(planned.stages, env);
  const clientsFor = clientCache(connection);
  const view = createView(io, io.live === true);
  try {
    const selected = planned.stages.filter((s) => options.stage === undefined || s.name === options.stage);
    const checked = await preflight({
      stages: selected,
      clientsFor,
      connection,
      listener: view.listener,
      location: config.location,
      whatIf: options.whatIf === true,
      certificates,
    });
    view.finish();
    if (checked.problems.length > 0) {
      printProblems(io, checked.problems);
      return ExitCode.findings;
    }
    const stages = planned.stages.map((s) => checked.stages.find((c) => c.name === s.name) ?? s);
    if (options.whatIf) {
      const outputsOf = outputsReader(stages, clientsFor);
      const previews = [];
      for (const stage of stages.filter(
        (s) => !s.handoff && (options.stage === undefined || s.name === options.stage),
      )) {
        previews.push(
          await whatIfStage(clientsFor(stage.subscriptionId), stage, outputsOf, secure, connection.clock),
        );
      }
      io.out(
        options.json ? `${JSON.stringify({ ok: true, whatIf: previews }, null, 2)}\n` : previewText(previews),
      );
      return ExitCode.ok;
    }
    const images = JSON.parse(
      files.find((f) => f.path === IMAGES_PATH)?.content ?? '{"registries":[]}',
    ) as ImageList;
    const result = await deploy({
      stages,
      clientsFor,
      connection,
      listener: view.listener,
      ...(options.stage === undefined ? {} : { only: options.stage }),
      secure,
      force: options.force === true,
      steps: [
        putCertificates(certificates),
        removeConfigurationEndpoint(),
        importImages(images, stages, dockerHub(env)),
        waitForFlux(),
      ],
    });
    view.finish();
    if (result.status === 'handoff') {
      io.out(
        [
          '',
          `Paused before ${result.stage}: it needs what the network team applies to the hub. Hand them:`,
          ...result.files.map((file) => `  ${'azure/'}${file}`),
          '  (and azure/network-team/README.md, from `baseplate plan`).',
          'Run `baseplate deploy` again once they have applied it: it goes on from here.',
          '',
        ].join('\n'),
      );
      return ExitCode.findings;
    }
    const followUps = stages.filter((s) => result.stages.includes(s.name)).flatMap((s) => s.followUps);
    io.out(
      [
        '',
        `Deployed ${result.stages.length} stage(s)${result.stages.length > 0 ? `: ${result.stages.join(', ')}` : ''}.`,
        ...(result.skipped.length > 0
          ? [
              `Skipped ${result.skipped.length} unchanged since their last successful deployment: ${result.skipped.join(', ')} (--force deploys them again).`,
            ]
          : []),
        ...(followUps.length > 0 ? ['Now, by hand:', ...followUps.map((f) => `  - ${f}`)] : []),
        '',
      ].join('\n'),
    );
    return ExitCode.ok;
  } catch (error) {
    view.finish();
    if (error instanceof AzureOperationError) {
      io.err(`\n${paint(io, 'red', `${error.what} failed`)}:\n`);
      for (const failure of error.failures) {
        // A failure without a resource is the failed operation's own (a read, the deployment): said above.
        const at = failure.target === undefined ? '' : ` (at ${failure.target})`;
        io.err(
          failure.resourceId
            ? `  ${failure.resourceId}\n    ${failure.code}${at}: ${failure.message}\n`
            : `  ${failure.code}${at}: ${failure.message}\n`,
        );
      }
      io.err(
        `${error.advice ?? 'Fix the cause and run `baseplate deploy` again: it continues where it stopped.'}\n`,
      );
      return ExitCode.azure;
    }
    if (error instanceof MissingInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** A Docker Hub account for the image import, from BASEPLATE_DOCKERHUB_USER and BASEPLATE_DOCKERHUB_TOKEN. */
function dockerHub(env: NodeJS.ProcessEnv): RegistryCredentials | undefined {
  const username = env['BASEPLATE_DOCKERHUB_USER'];
  const password = env['BASEPLATE_DOCKERHUB_TOKEN'];
  if (!username || !password) return undefined;
  return { username, password };
}

/** Parameters a plan cannot know, given at deployment: the Git credential and its user. */
const GIVEN_AT_DEPLOYMENT = ['gitHttpsUser'];

/** BASEPLATE_<NAME> for every secure parameter, and for the few plain ones given at deployment. */
function valuesFromEnvironment(stages: readonly DeployStage[], env: NodeJS.ProcessEnv): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of new Set([...stages.flatMap((s) => s.secureParameters), ...GIVEN_AT_DEPLOYMENT])) {
    const value = env[secureVariable(name)];
    if (value !== undefined && value !== '') values.set(name, value);
  }
  return values;
}

/** Each spoke's certificates, as its `ingress.certificates` says; PFX files serve the spokes that take them. */
async function certificateSources(
  config: Config,
  options: DeployOptions,
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<(spoke: string) => CertificateSource> {
  const given = options.gatewayPfx !== undefined || options.ingressPfx !== undefined;
  const pfxSpokes = config.spokes.filter((spoke) => spoke.ingress.certificates === 'pfx');
  if (given && pfxSpokes.length === 0) {
    throw new UsageError('--gateway-pfx and --ingress-pfx need a spoke whose ingress.certificates is pfx.');
  }
  if (given && (options.gatewayPfx === undefined || options.ingressPfx === undefined)) {
    throw new UsageError('--gateway-pfx and --ingress-pfx go together: give both PFX files.');
  }
  const password = env[PFX_PASSWORD_VARIABLE];
  const read = async (file: string) =>
    readFile(resolve(workingFolder(io), file)).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${file}: cannot be read (${error.code ?? error.message}).`);
    });
  const files =
    options.gatewayPfx !== undefined && options.ingressPfx !== undefined
      ? { gateway: await read(options.gatewayPfx), ingress: await read(options.ingressPfx) }
      : undefined;
  const sources = new Map<string, CertificateSource>();
  for (const spoke of config.spokes) {
    const names = { publicHostNames: spoke.ingress.hostNames, ingressDomain: spoke.ingress.internalDomain };
    const kind = spoke.ingress.certificates;
    if (kind === 'keyVault') sources.set(spoke.name, { kind });
    else if (kind === 'selfSigned') {
      sources.set(spoke.name, { kind, make: () => selfSignedCertificates(names).parameters });
    } else if (!files) sources.set(spoke.name, { kind });
    else {
      try {
        const withPassword = (pfx: Buffer) => ({ pfx, ...(password === undefined ? {} : { password }) });
        const result = fromPfxFiles({
          gateway: withPassword(files.gateway),
          ingress: withPassword(files.ingress),
          ...names,
        });
        for (const warning of result.warnings) io.err(`warning: spoke ${spoke.name}: ${warning}\n`);
        sources.set(spoke.name, { kind, parameters: result.parameters });
      } catch (error) {
        if (error instanceof CertificateError) throw new UsageError(error.message);
        throw error;
      }
    }
  }
  return (spoke) => sources.get(spoke) ?? { kind: 'keyVault' };
}

function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
}

function printProblems(io: Io, problems: readonly PreflightProblem[]): void {
  io.err(`${paint(io, 'red', `Preflight found ${problems.length} problem(s); nothing was deployed.`)}\n`);
  for (const problem of problems) {
    io.err(
      `  ${problem.check}${problem.stage ? ` (${problem.stage})` : ''}: ${problem.message}\n    fix: ${problem.fix}\n`,
    );
  }
}
