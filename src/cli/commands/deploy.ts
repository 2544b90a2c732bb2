/**
 * `baseplate deploy`: plan, refuse while error findings remain, check Azure
 * (preflight), then preview (`--what-if`) or deploy the stages with the steps
 * beyond templates. Exit codes: 1 findings or preflight problems (or a pause for
 * the network team), 2 bad input, 3 an Azure operation failed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config, Diagnostic, ImageList, OutputFile, Planned } from '../../core/index.js';
import { formatDiagnostic, IMAGES_PATH, plan, printable } from '../../core/index.js';
import { secureVariable } from '../../core/artifacts/pipelines/deploy-script.js';
import { suggest } from '../../core/config/issues.js';
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
import { waitForBackendHealth } from '../../deploy/steps/backend-health.js';
import type { RegistryCredentials } from '../../deploy/steps/images.js';
import { importImages } from '../../deploy/steps/images.js';
import { outputsReader, previewText, whatIfStage } from '../../deploy/what-if.js';
import type { AzureIo } from '../azure.js';
import { azureConnection, checkSignedIn, defaultSubscription } from '../azure.js';
import { azureHttpLog } from '../azure-log.js';
import { readConfigSource, workingFolder } from '../config-file.js';
import { createView, viewIo } from '../deploy-view.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { debug, paint, verbose } from '../io.js';
import { DEPLOY_FORMATS, formatOf, printData } from '../output-format.js';
import { sourceMappedStack } from '../stack-trace.js';
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
  /** `-o`: table (default), json or yaml. */
  readonly output?: string;
  /** `--json`, the same as `-o json`. */
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
 * Plans the config as deploy and destroy take it; the exit code (with the reason
 * printed) when the plan is refused or has error findings not overridden. Nothing
 * here connects to Azure.
 */
export async function plannedForAzure(
  /** `silently`: findings do not matter at all (destroy). */
  options: { config?: string; ignoreFindings?: boolean | 'silently' },
  io: Io,
): Promise<Planned | ExitCode> {
  io.progress?.('Planning…');
  const source = await readConfigSource(options.config, workingFolder(io));
  verbose(io, `configuration: ${source.name}`);
  // The findings of `plan`, schema checks included: deploy stops on the same errors.
  const outcome = plan(source, { schemas: schemaValidators });
  io.progress?.('');
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
          'err',
        ),
      );
    }
  }
  return outcome;
}

/**
 * The plan's stages in Azure, signed in: called only once every input has been
 * checked, so that bad input never asks for a credential.
 */
export async function signedIn(
  outcome: Planned,
  options: { subscription?: string },
  io: AzureIo,
  env: NodeJS.ProcessEnv,
): Promise<AzurePlan> {
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
        'err',
      ),
    );
  }
  verbose(
    io,
    `Resource Manager: ${connection.endpoint}; subscription: ${subscription || '(each stage names its own)'}`,
  );
  io.progress?.('Signing in to Azure…');
  await checkSignedIn(connection);
  io.progress?.('');
  verbose(io, 'signed in');
  return {
    config: outcome.config,
    files: outcome.files,
    stages: stagesFrom(outcome, subscription),
    connection,
  };
}

/** Plans the config and signs in; the exit code (the reason printed) when the plan stops it. */
export async function azurePlan(
  options: { config?: string; subscription?: string; ignoreFindings?: boolean | 'silently' },
  io: AzureIo,
  env: NodeJS.ProcessEnv,
): Promise<AzurePlan | ExitCode> {
  const outcome = await plannedForAzure(options, io);
  if (typeof outcome === 'number') return outcome;
  return signedIn(outcome, options, io, env);
}

/** `--stage NAME` names a stage of the plan: otherwise a usage error with the stages and the likely one. */
function checkStage(stage: string | undefined, outcome: Planned): void {
  if (stage === undefined) return;
  const names = outcome.deploymentOrder.stages.map((s) => s.name);
  if (names.includes(stage)) return;
  const near = suggest(stage, names);
  throw new UsageError(
    `--stage ${stage}: no such stage${near ? `; did you mean "${near}"?` : '.'} The stages are ${names.join(', ')}.`,
  );
}

export async function deployCommand(
  options: DeployOptions,
  io: AzureIo,
  env: NodeJS.ProcessEnv = io.env ?? process.env,
): Promise<ExitCode> {
  const format = formatOf(options, DEPLOY_FORMATS);
  const data = format === 'json' || format === 'yaml' ? format : undefined;
  const outcome = await plannedForAzure(options, io);
  if (typeof outcome === 'number') return outcome;
  // Every input checked before signing in: bad input never asks for a credential.
  checkStage(options.stage, outcome);
  io.progress?.('Reading the certificates…');
  const certificates = await certificateSources(outcome.config, options, env, io);
  io.progress?.('');
  const planned = await signedIn(outcome, options, io, env);
  const { config, files, connection } = planned;
  const secure = valuesFromEnvironment(planned.stages, env);
  const clientsFor = clientCache(connection);
  // With data on stdout, the view goes to stderr.
  const shown = data ? viewIo(io) : io;
  const view = createView(shown, shown.live === true);
  const restoreLog = await azureHttpLog(io);
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
      if (data) printData(io, data, { ok: false, problems: checked.problems });
      return ExitCode.findings;
    }
    const stages = planned.stages.map((s) => checked.stages.find((c) => c.name === s.name) ?? s);
    if (options.whatIf) {
      const outputsOf = outputsReader(stages, clientsFor);
      const previews = [];
      for (const stage of stages.filter(
        (s) => !s.handoff && (options.stage === undefined || s.name === options.stage),
      )) {
        try {
          previews.push(
            await whatIfStage(clientsFor(stage.subscriptionId), stage, outputsOf, secure, connection.clock),
          );
        } catch (error) {
          // The stages previewed before the one that failed, then the failure (below).
          if (!data && previews.length > 0) io.out(previewText(previews));
          throw error;
        }
      }
      if (data) printData(io, data, { ok: true, whatIf: previews });
      else io.out(previewText(previews));
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
        // After Flux: its health checks pass a Traefik Service Azure gave no address.
        waitForBackendHealth(stages),
      ],
    });
    view.finish();
    if (result.status === 'handoff') {
      if (data) {
        printData(io, data, {
          ok: false,
          paused: result.stage,
          handOff: result.files.map((file) => `azure/${file}`),
        });
        return ExitCode.findings;
      }
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
    if (data) {
      printData(io, data, { ok: true, deployed: result.stages, skipped: result.skipped, followUps });
      return ExitCode.ok;
    }
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
      debug(io, sourceMappedStack(error.stack ?? error.message));
      io.err(`\n${paint(io, 'red', `${error.what} failed`, 'err')}:\n`);
      for (const failure of error.failures) {
        // A failure without a resource is the failed operation's own (a read, the deployment): said above.
        const at = failure.target === undefined ? '' : ` (at ${failure.target})`;
        // Azure's words, which may quote a template or a probe's log: printed as text, never as controls.
        io.err(
          failure.resourceId
            ? `  ${printable(failure.resourceId)}\n    ${printable(`${failure.code}${at}: ${failure.message}`)}\n`
            : `  ${printable(`${failure.code}${at}: ${failure.message}`)}\n`,
        );
      }
      io.err(
        `${error.advice ?? 'Fix the cause and run `baseplate deploy` again: it continues where it stopped.'}\n`,
      );
      if (data) printData(io, data, failureData(error));
      return ExitCode.azure;
    }
    if (error instanceof MissingInputError) throw new UsageError(error.message);
    throw error;
  } finally {
    restoreLog();
  }
}

/** A failed Azure operation as data: what failed, and each failure Azure named. */
export function failureData(error: AzureOperationError): unknown {
  return {
    ok: false,
    failed: error.what,
    failures: error.failures.map((f) => ({
      code: f.code,
      message: f.message,
      ...(f.resourceId === undefined ? {} : { resourceId: f.resourceId }),
      ...(f.target === undefined ? {} : { target: f.target }),
    })),
  };
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
  const read = async (option: string, file: string) =>
    readFile(resolve(workingFolder(io), file)).catch((error: NodeJS.ErrnoException) => {
      const why: Record<string, string> = {
        ENOENT: 'no such file',
        EISDIR: 'is a folder, not a PFX file',
        EACCES: 'permission denied',
      };
      throw new UsageError(
        `${option} ${file}: ${why[error.code ?? ''] ?? `cannot be read (${error.code ?? error.message})`}.`,
      );
    });
  const files =
    options.gatewayPfx !== undefined && options.ingressPfx !== undefined
      ? {
          gateway: await read('--gateway-pfx', options.gatewayPfx),
          ingress: await read('--ingress-pfx', options.ingressPfx),
        }
      : undefined;
  const sources = new Map<string, CertificateSource>();
  for (const spoke of config.spokes) {
    const names = { publicHostNames: spoke.ingress.hostNames, ingressDomain: spoke.ingress.internalDomain };
    const kind = spoke.ingress.certificates;
    verbose(
      io,
      `spoke ${spoke.name}: certificates ${kind}${kind === 'pfx' && files ? ' from the PFX files' : ''}`,
    );
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
        for (const warning of result.warnings)
          io.err(`${paint(io, 'yellow', 'warning:', 'err')} spoke ${spoke.name}: ${warning}\n`);
        sources.set(spoke.name, { kind, parameters: result.parameters });
      } catch (error) {
        if (error instanceof CertificateError)
          throw new UsageError(`--gateway-pfx, --ingress-pfx: ${error.message}.`);
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
  io.err(
    `${paint(io, 'red', `Preflight found ${problems.length} problem(s); nothing was deployed.`, 'err')}\n`,
  );
  for (const problem of problems) {
    io.err(
      `  ${problem.check}${problem.stage ? ` (${problem.stage})` : ''}: ${printable(problem.message)}\n    fix: ${printable(problem.fix)}\n`,
    );
  }
}
