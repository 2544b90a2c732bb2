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
import type { PlanOptions } from './commands/plan.js';
import type { PricesOptions } from './commands/prices.js';
import type { ServeOptions } from './commands/serve.js';
import type { VerifyOptions } from './commands/verify.js';
import { DEFAULT_CONFIG_FILE } from './config-file.js';
import type { DiagramLayouts } from './diagram/layout.js';
import { startLayout } from './diagram/layout.js';
import { ExitCode, internalErrorText, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import type { KeptPlans } from './kept-plans.js';
import type { KeptValidations } from './schemas/kept-validations.js';
import { dropOutputOnClosedPipe, processIo, withColor } from './io.js';
import {
  DEPLOY_FORMATS,
  DESTROY_FORMATS,
  PRICES_FORMATS,
  jsonOption,
  outputOption,
  PLAN_FORMATS,
  VERIFY_FORMATS,
} from './output-format.js';
import { PACKAGE_VERSION } from './package-root.js';
import { sourceMappedStack } from './stack-trace.js';

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
  /** Whole plans kept from earlier runs; none if absent (every plan plans). */
  readonly plans?: KeptPlans;
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

/** A command's examples, as its --help ends: each line a command that runs as written. */
function examples(...lines: readonly (readonly [command: string, what: string])[]): string {
  const width = Math.max(...lines.map(([command]) => command.length));
  return `\nExamples:\n${lines.map(([command, what]) => `  $ ${command.padEnd(width)}  # ${what}`).join('\n')}\n`;
}

/** What --verbose and --debug add, said once under the program's options. */
const VERBOSITY_HELP = `
--verbose adds, on stderr: the configuration read, the files verify reads, each step of deploy and
destroy and where they connect. --debug adds to that each HTTP call to Azure (method, URL, status;
headers sanitized by the Azure SDK, never a body or a token) and the stack trace of an error.
Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on (as Node reads them), --no-color off.`;

export async function run(
  argv: readonly string[],
  io: Io = processIo,
  steps: RunSteps = {},
): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  /** The Io a command runs with: its colour decided, and what --verbose and --debug ask for. */
  const session = (): Io => {
    const global = program.opts<{ verbose?: boolean; debug?: boolean; color: boolean }>();
    const verbosity = global.debug ? 'debug' : global.verbose ? 'verbose' : undefined;
    return { ...withColor(io, global.color), ...(verbosity ? { verbosity } : {}) };
  };
  const program = new Command('baseplate')
    .description(
      'Plan, verify and deploy the Azure Kubernetes Service baseline architecture from one configuration file.',
    )
    .version(PACKAGE_VERSION)
    .option('--verbose', 'say more on stderr of what the command does')
    .option('--debug', 'as --verbose, with each HTTP call to Azure and the stack trace of an error')
    .option('--no-color', 'no colour, even on a terminal')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `\nExit codes: ${ExitCode.ok} done; ${ExitCode.findings} error findings (deploy: also preflight problems, or a pause for the network team); ` +
        `${ExitCode.usage} bad input or usage, nothing written; ${ExitCode.azure} an Azure operation (or the Retail Prices API) failed; ${ExitCode.internal} an internal error (a bug: please report it).\n` +
        VERBOSITY_HELP +
        '\n' +
        examples(
          ['baseplate init', 'write baseplate.yaml to start from'],
          ['baseplate plan', 'plan it into ./out'],
          ['baseplate verify out', 'check the templates and manifests again'],
          ['baseplate deploy --what-if', "Azure's preview of every stage"],
          ['baseplate plan --help', "a command's own options and examples"],
        ),
    );

  program
    .command('init')
    .description(`write a commented starter configuration (and baseplate.schema.json beside it)`)
    .addOption(new Option('--preset <name>', 'starting point').choices(PRESETS).default('baseline'))
    .option('--out <file>', 'where to write the configuration', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      examples(
        ['baseplate init', 'baseplate.yaml, the baseline preset'],
        ['baseplate init --preset dev --out dev.yaml', 'a dev configuration of its own'],
      ),
    )
    .action(async (options: { preset: PresetName; out: string; force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      exitCode = await initCommand(options, session());
    });

  program
    .command('plan')
    .description('derive the design and write the artifacts and the report; exit 1 on error findings')
    .addOption(configOption())
    .option('--out <dir>', 'output folder, replaced as a whole (not -o: that is the output format)', 'out')
    .addOption(outputOption(PLAN_FORMATS))
    .addOption(jsonOption())
    .option(
      '--prices <file>',
      "a price table for the cost estimate, in the shape of the report's prices.json",
    )
    .addHelpText(
      'after',
      `
Output: table, a summary for people (diagnostics on stderr); json or yaml, the summary and the
diagnostics as data; sarif, the findings as SARIF 2.1.0 (report/findings.sarif).
` +
        examples(
          ['baseplate plan', './baseplate.yaml (or the built-in baseline) into ./out'],
          ['baseplate plan --config prod.yaml --out plans/prod', 'another configuration and folder'],
          ['baseplate plan -o json', 'the summary and diagnostics as JSON'],
          ['baseplate plan -o sarif > findings.sarif', 'the findings for code scanning'],
        ),
    )
    .action(async (options: PlanOptions) => {
      const { planCommand } = await import('./commands/plan.js');
      exitCode = await planCommand(
        options,
        session(),
        steps.layouts ?? { forPlan: startLayout },
        steps.validations,
        steps.plans,
      );
    });

  program
    .command('verify')
    .description(
      'check ARM templates, resource lists and Kubernetes YAML (files or folders) against the rules; exit 1 on error findings',
    )
    .argument('<paths...>', 'files or folders to check')
    .addOption(outputOption(VERIFY_FORMATS))
    .addOption(jsonOption())
    .addOption(new Option('--format <format>', 'the same as -o (text is table)'))
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
    .addHelpText(
      'after',
      VERIFY_HELP +
        examples(
          ['baseplate verify out', "a plan's own output, templates and manifests"],
          ['baseplate verify main.json --parameters prod.parameters.json', 'a template with its values'],
          ['baseplate verify k8s/ -o json', 'the findings as JSON'],
          [
            'baseplate verify main.json -o sarif > findings.sarif',
            'for code scanning (GitHub, Azure DevOps)',
          ],
        ),
    )
    .action(async (paths: string[], options: VerifyOptions) => {
      const { verifyCommand } = await import('./commands/verify.js');
      exitCode = await verifyCommand(paths, options, session(), steps.validations);
    });

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
    .addOption(outputOption(DEPLOY_FORMATS))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Before signing in, deploy plans the configuration, checks --stage and reads and parses the PFX files:
bad input stops it (exit 2) before any credential is asked for.
Output: table, progress and a summary for people; json or yaml, the result (or the what-if preview)
as data on stdout, with progress on stderr.
` +
        examples(
          ['baseplate deploy --what-if', "Azure's preview of every stage; nothing deployed"],
          ['baseplate deploy --config prod.yaml', 'every stage that changed, in order'],
          ['baseplate deploy --stage hub', 'one stage, its inputs from the earlier deployments'],
          [
            'baseplate deploy --gateway-pfx gw.pfx --ingress-pfx ingress.pfx',
            'with your certificates (password in BASEPLATE_PFX_PASSWORD)',
          ],
          ['baseplate deploy --what-if -o json', 'the preview as JSON'],
        ),
    )
    .action(async (options: DeployOptions) => {
      const { deployCommand } = await import('./commands/deploy.js');
      exitCode = await deployCommand(options, session());
    });

  program
    .command('destroy')
    .description('delete the resource groups the plan created, in reverse order, after confirmation')
    .addOption(configOption())
    .addOption(subscriptionOption())
    .option('--yes', 'do not ask for confirmation')
    .option('--purge', 'purge the soft-deleted Key Vaults (Azure refuses while purge protection holds them)')
    .option('--delete-unplanned', 'also delete groups that hold resources Baseplate did not create')
    .addOption(outputOption(DESTROY_FORMATS))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Output: table, for people; json or yaml, what was deleted and what Azure keeps, as data on stdout
(what it will delete, the question and progress on stderr).
` +
        examples(
          ['baseplate destroy', "lists what it deletes, then asks for the first group's name"],
          ['baseplate destroy --yes', 'no question (CI)'],
          ['baseplate destroy --yes --purge', 'and purge the soft-deleted Key Vaults'],
        ),
    )
    .action(async (options: DestroyOptions) => {
      const { destroyCommand } = await import('./commands/destroy.js');
      exitCode = await destroyCommand(options, session());
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
    .option(
      '--region <names>',
      "regions, comma-separated: those to show, or to read with --refresh (default: the built-in table's)",
    )
    .option('--out <file>', 'where --refresh writes the table, for plan --prices (default: prices.json)')
    .option(
      '--currency <code>',
      'with --refresh: currency of the prices, converted by the API (default: USD)',
    )
    .addOption(outputOption(PRICES_FORMATS))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Output: table, for people; json or yaml, the same as data on stdout (progress on stderr).
Without --refresh: each region's count of prices and each price the table lacks (in json or
yaml, with why).
` +
        examples(
          ['baseplate prices', 'the built-in table: date, regions, what each lacks'],
          ['baseplate prices --region eastus2 -o json', "one region's prices and gaps, as JSON"],
          [
            'baseplate prices --refresh --region eastus2 --out prices.json',
            'the Retail Prices API, no sign-in; then plan --prices prices.json',
          ],
        ),
    )
    .action(async (options: PricesOptions) => {
      const { pricesCommand } = await import('./commands/prices.js');
      exitCode = await pricesCommand(options, session());
    });

  program
    .command('serve')
    .description('serve the web configurator on 127.0.0.1: the whole plan, live in your browser')
    .addOption(configOption())
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '8080')
    .addHelpText(
      'after',
      examples(
        ['baseplate serve', 'http://127.0.0.1:8080/, from the built-in baseline or ./baseplate.yaml'],
        ['baseplate serve --config prod.yaml --port 0', 'that file, on any free port'],
      ),
    )
    .action(async (options: ServeOptions) => {
      const { serveCommand } = await import('./commands/serve.js');
      exitCode = await serveCommand(options, session());
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
      // --debug: where it was refused, for a report of a refusal that looks wrong.
      if (program.opts<{ debug?: boolean }>().debug)
        io.err(`debug: ${sourceMappedStack(error.stack ?? error.message)}\n`);
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
  dropOutputOnClosedPipe();
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
