/**
 * The `baseplate` command line: parses arguments and hands each command to its
 * module. Exit codes: 0 ok, 1 error findings, 2 bad input or usage, 3 an Azure
 * operation failed, 70 an internal error (see exit-codes.ts).
 *
 * A command's module is imported only when that command runs: the Azure SDK,
 * the schemas and Graphviz cost far more to load than `--help` takes to print.
 */
import { Command, CommanderError, Option } from 'commander';
import type { PresetName } from '../core/config/source.js';
import { PRESETS } from '../core/config/source.js';
import type { DeployOptions } from './commands/deploy.js';
import type { DestroyOptions } from './commands/destroy.js';
import type { PricesOptions } from './commands/prices.js';
import type { ServeOptions } from './commands/serve.js';
import { DEFAULT_CONFIG_FILE } from './config-file.js';
import type { DiagramLayouts } from './diagram/layout.js';
import { startLayout } from './diagram/layout.js';
import { ExitCode, internalErrorText, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import type { KeptValidations } from './schemas/kept-validations.js';
import { processIo } from './io.js';
import { PACKAGE_VERSION } from './package-root.js';

/** `--config`, as plan, deploy and destroy read it. */
function configOption(): Option {
  return new Option(
    '--config <file>',
    `configuration file (default: ./${DEFAULT_CONFIG_FILE} if present, else the built-in baseline)`,
  );
}

/** `--subscription`, for the stages whose config names none. */
function subscriptionOption(): Option {
  return new Option(
    '--subscription <id>',
    'subscription of the stages whose config names none (default: AZURE_SUBSCRIPTION_ID)',
  );
}

/** What a run uses that its caller may provide. */
export interface RunSteps {
  /** The diagram's layouts: the worker's, started on first use, if absent. */
  readonly layouts?: DiagramLayouts;
  /** The schema checks' answers kept from earlier runs; none if absent. */
  readonly validations?: KeptValidations;
}

/** What `verify --help` adds: what it reads, what a rule can conclude, and what the exit code says. */
const VERIFY_HELP = `
Inputs: ARM templates (JSON as ARM reads it, comments and trailing commas allowed), evaluated offline
with their parameters (defaults, a <name>.parameters.json beside one, --parameters); resource lists
(azure/resources.json, az ... show output); Kubernetes manifests (YAML or JSON, one object or a List);
files or folders. A .bicep file or a Helm chart's template is named as not read: verify the JSON
az bicep build writes, or what helm template renders.

Each rule concludes, for each thing it applies to:
  pass            it complies
  fail            a finding at the rule's severity (error or warning)
  unknown         it depends on a value only deployment knows, or on a resource not among the inputs:
                  a note, never a pass or a fail
  suppressed      accepted on purpose, with a reason: listed in --config's verify.suppress, or written
                  beside it as baseplate.dev/ignore-<rule> (its name with . for /) with the reason as the
                  value, in a Kubernetes object's annotations or an ARM resource's metadata
and a rule with nothing to judge among the inputs is not applicable. Schema checks use the bundled
official schemas; a type or version none is bundled for is a note that it was not checked. Each
finding names its rule (docs/rules/<ID>.md in the package's repository), the file and the JSON path
of what it rests on, and the message of the rule it says.

Exit codes: 0 no error findings; 1 error findings; 2 an input could not be read or bad usage;
70 an internal error (a bug: please report it).
`;

export async function run(
  argv: readonly string[],
  io: Io = processIo,
  steps: RunSteps = {},
): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const program = new Command('baseplate')
    .description(
      'Plan, verify and deploy the Azure Kubernetes Service baseline architecture from one configuration file.',
    )
    .version(PACKAGE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `\nExit codes: ${ExitCode.ok} done; ${ExitCode.findings} error findings (deploy: also preflight problems, or a pause for the network team); ` +
        `${ExitCode.usage} bad input or usage, nothing written; ${ExitCode.azure} an Azure operation failed; ${ExitCode.internal} an internal error (a bug: please report it).\n`,
    );

  program
    .command('init')
    .description(`write a commented starter configuration (and baseplate.schema.json beside it)`)
    .addOption(new Option('--preset <name>', 'starting point').choices(PRESETS).default('baseline'))
    .option('--out <file>', 'where to write the configuration', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .action(async (options: { preset: PresetName; out: string; force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      exitCode = await initCommand(options, io);
    });

  program
    .command('plan')
    .description('derive the design and write the artifacts and the report; exit 1 on error findings')
    .addOption(configOption())
    .option('--out <dir>', 'output folder, replaced as a whole', 'out')
    .option('--json', 'print the summary and diagnostics as JSON')
    .option(
      '--prices <file>',
      "a price table for the cost estimate, in the shape of the report's prices.json",
    )
    .action(async (options: { config?: string; out: string; json?: boolean; prices?: string }) => {
      const { planCommand } = await import('./commands/plan.js');
      exitCode = await planCommand(options, io, steps.layouts ?? { forPlan: startLayout }, steps.validations);
    });

  program
    .command('verify')
    .description(
      'check ARM templates, resource lists and Kubernetes YAML (files or folders) against the rules; exit 1 on error findings',
    )
    .argument('<paths...>', 'files or folders to check')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json', 'sarif']).default('text'))
    .option('--config <file>', 'a Baseplate configuration whose verify.suppress applies')
    .option(
      '--parameters <parameters>',
      'template parameter values, as az deployment group create takes them: a parameters file (path or @path), inline JSON, or name=value; repeat the option for more; later values win',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--rule-docs-url <url>',
      "with --format sarif: the absolute URL docs/rules/ is published at; each rule's helpUri is its page there",
    )
    .addHelpText('after', VERIFY_HELP)
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json' | 'sarif';
          config?: string;
          parameters?: string[];
          ruleDocsUrl?: string;
        },
      ) => {
        const { verifyCommand } = await import('./commands/verify.js');
        exitCode = await verifyCommand(paths, options, io, steps.validations);
      },
    );

  program
    .command('deploy')
    .description(
      'plan, check Azure (preflight), then deploy the stages in order; exit 1 on findings or preflight problems, 3 when Azure fails',
    )
    .addOption(configOption())
    .addOption(subscriptionOption())
    .option('--what-if', "show Azure's preview of every stage; deploy nothing")
    .option('--stage <name>', 'deploy this stage alone, reading its inputs from the earlier deployments')
    .option('--ignore-findings', 'deploy despite error findings (printed loudly)')
    .option('--force', 'deploy every stage, even those unchanged since their last successful deployment')
    .option(
      '--gateway-pfx <file>',
      'PFX of the public host names (ingress.certificates: pfx); password in BASEPLATE_PFX_PASSWORD',
    )
    .option('--ingress-pfx <file>', 'PFX of the internal wildcard (ingress.certificates: pfx)')
    .option('--json', 'print the what-if preview as JSON')
    .action(async (options: DeployOptions) => {
      const { deployCommand } = await import('./commands/deploy.js');
      exitCode = await deployCommand(options, io);
    });

  program
    .command('destroy')
    .description('delete the resource groups the plan created, in reverse order, after confirmation')
    .addOption(configOption())
    .addOption(subscriptionOption())
    .option('--yes', 'do not ask for confirmation')
    .option('--purge', 'purge the soft-deleted Key Vaults (Azure refuses while purge protection holds them)')
    .option('--delete-unplanned', 'also delete groups that hold resources Baseplate did not create')
    .action(async (options: DestroyOptions) => {
      const { destroyCommand } = await import('./commands/destroy.js');
      exitCode = await destroyCommand(options, io);
    });

  program
    .command('prices')
    .description(
      'show the built-in price table; --refresh reads a newer one from the Azure Retail Prices API',
    )
    .option(
      '--refresh',
      'read the prices from the public Azure Retail Prices API (no sign-in) and write --out',
    )
    .option('--region <names>', "regions to read, comma-separated (default: the built-in table's)")
    .option('--out <file>', 'where --refresh writes the table, for plan --prices', 'prices.json')
    .option('--currency <code>', 'currency of the prices (the API converts from USD)', 'USD')
    .action(async (options: PricesOptions) => {
      const { pricesCommand } = await import('./commands/prices.js');
      exitCode = await pricesCommand(options, io);
    });

  program
    .command('serve')
    .description('serve the web configurator on 127.0.0.1: the whole plan, live in your browser')
    .addOption(configOption())
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '8080')
    .action(async (options: ServeOptions) => {
      const { serveCommand } = await import('./commands/serve.js');
      exitCode = await serveCommand(options, io);
    });

  // Commander's `help <command>` exits with the process's exit code so far, which an earlier
  // in-process run (a test runner's failed test, say) may have set: this run starts from none.
  const processExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with exit code 0 in commander; every other stop is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      io.err(`baseplate: ${error.message}\n`);
      return ExitCode.usage;
    }
    io.err(internalErrorText(error));
    return ExitCode.internal;
  } finally {
    process.exitCode = processExitCode;
  }
  return exitCode;
}

/** The program: runs `argv` and sets the process's exit code (build/cli/main.js calls it, see bin.ts). */
export function main(argv: readonly string[], steps: RunSteps = {}): Promise<void> {
  return run(argv, processIo, steps).then(
    (code) => {
      process.exitCode = code;
    },
    // run() reports its own errors; this is for one thrown while reporting.
    (error: unknown) => {
      process.stderr.write(internalErrorText(error));
      process.exitCode = ExitCode.internal;
    },
  );
}
