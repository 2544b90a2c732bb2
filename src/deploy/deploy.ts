/**
 * `baseplate deploy` after preflight: the stages in order, each in its own
 * subscription, every stage fed the outputs of the earlier ones it consumes,
 * with the steps no template can do before and after the stages that need them.
 * Re-running converges: Resource Manager deployments are incremental, a
 * deployment left running by an interrupted run is followed, not restarted, and
 * a stage unchanged since its last successful deployment is not put again.
 */
import { budgetStartValues } from './budget-start.js';
import type { AzureClients, Connection } from './clients.js';
import { systemClock } from './clients.js';
import type { ParameterValues } from './deployment.js';
import { deployedOutputs, deployStage } from './deployment.js';
import type { Listener } from './events.js';
import { handoffState } from './handoff.js';
import type { DeployStage } from './stages.js';
import { stageTarget } from './stages.js';

/** What a step beyond the templates sees. */
export interface StepContext {
  readonly stage: DeployStage;
  readonly clients: AzureClients;
  readonly connection: Connection;
  readonly listener: Listener;
  /** Values given at deployment (secure ones above all) by parameter name; a step before a stage may set them for that stage. */
  readonly secure: Map<string, string>;
}

export interface Step {
  /** Runs before (`before`) or after (`after`) each stage it `applies` to. */
  readonly when: 'before' | 'after';
  applies(stage: DeployStage): boolean;
  run(context: StepContext): Promise<void>;
}

export interface DeployRun {
  readonly stages: readonly DeployStage[];
  readonly clientsFor: (subscriptionId: string) => AzureClients;
  readonly connection: Connection;
  readonly listener: Listener;
  /** `--stage NAME`: that stage alone, its inputs read from the earlier deployments. */
  readonly only?: string;
  /** Values given at deployment by parameter name: certificates, the Git credential and its user. */
  readonly secure?: ReadonlyMap<string, string>;
  readonly steps?: readonly Step[];
  /** `--force`: deploy every stage, even one unchanged since its last successful deployment. */
  readonly force?: boolean;
}

export type DeployResult =
  | {
      readonly status: 'deployed';
      /** The stages deployed. */
      readonly stages: readonly string[];
      /** The stages left as they were: unchanged since their last successful deployment. */
      readonly skipped: readonly string[];
    }
  /** Paused before `stage`, which needs what the hub owner applies: the network team's files to hand over. */
  | { readonly status: 'handoff'; readonly stage: string; readonly files: readonly string[] };

/** An earlier stage's output is needed but that stage has not been deployed: deploy it first. */
export class MissingInputError extends Error {}

export async function deploy(run: DeployRun): Promise<DeployResult> {
  const byName = new Map(run.stages.map((stage) => [stage.name, stage]));
  if (run.only !== undefined && !byName.has(run.only)) {
    throw new MissingInputError(
      `--stage ${run.only}: no such stage; the stages are ${run.stages.map((s) => s.name).join(', ')}.`,
    );
  }
  const outputs = new Map<string, Record<string, unknown>>();
  const secure = new Map(run.secure ?? []);
  const deployed: string[] = [];
  const skipped: string[] = [];
  /** Hand-off stages the hub owner has not applied: the stages that need them wait. */
  const pending = new Set<string>();
  for (const stage of run.stages) {
    // --stage: that stage, and the hub owner's stages it needs, which it must wait for too.
    const selected =
      run.only === undefined ||
      stage.name === run.only ||
      (stage.handoff && needs(byName, run.only, stage.name));
    if (!selected) continue;
    const clients = run.clientsFor(stage.subscriptionId);
    if (stage.handoff) {
      const handoff = await handoffState(stage, run.stages, run.clientsFor);
      run.listener({ kind: 'stage', stage: stage.name, status: 'skipped', detail: handoff.detail });
      if (!handoff.applied) pending.add(stage.name);
      continue;
    }
    const waitingFor = [...pending].filter((name) => needs(byName, stage.name, name));
    if (waitingFor.length > 0) {
      return {
        status: 'handoff',
        stage: stage.name,
        files: waitingFor.map((name) => byName.get(name)?.templateFile ?? name),
      };
    }
    const context: StepContext = {
      stage,
      clients,
      connection: run.connection,
      listener: run.listener,
      // A copy: what a step sets (a spoke's certificates) goes to this stage alone.
      secure: new Map(secure),
    };
    for (const step of run.steps ?? [])
      if (step.when === 'before' && step.applies(stage)) await step.run(context);
    const parameters = {
      ...(await parametersOf(stage, byName, outputs, run.clientsFor, context.secure)),
      ...given(await budgetStartValues(clients, stage, run.connection.clock ?? systemClock)),
    };
    if (run.only !== undefined) {
      for (const consumed of stage.consumes) {
        run.listener({
          kind: 'step',
          stage: stage.name,
          message: `reads ${consumed.output} from stage ${consumed.stage} (deployment ${byName.get(consumed.stage)?.deploymentName ?? '?'})`,
        });
      }
    }
    const outcome = await deployStage(clients, run.connection, stage, parameters, run.listener, {
      force: run.force === true,
    });
    outputs.set(stage.name, outcome.outputs);
    (outcome.applied ? deployed : skipped).push(stage.name);
    for (const step of run.steps ?? [])
      if (step.when === 'after' && step.applies(stage)) await step.run(context);
  }
  return { status: 'deployed', stages: deployed, skipped };
}

/** Values as parameters are sent: `{ name: { value } }`. */
function given(values: ReadonlyMap<string, string>): ParameterValues {
  return Object.fromEntries([...values].map(([name, value]) => [name, { value }]));
}

/** Whether `stage` depends on `other`, directly or through the stages it depends on. */
function needs(byName: ReadonlyMap<string, DeployStage>, stage: string, other: string): boolean {
  const seen = new Set<string>();
  const visit = (name: string): boolean =>
    (byName.get(name)?.dependsOn ?? []).some((next) => {
      if (next === other) return true;
      if (seen.has(next)) return false;
      seen.add(next);
      return visit(next);
    });
  return visit(stage);
}

/** The parameters file's values, the earlier outputs the stage consumes, and the secure values given. */
async function parametersOf(
  stage: DeployStage,
  byName: ReadonlyMap<string, DeployStage>,
  outputs: Map<string, Record<string, unknown>>,
  clientsFor: (subscriptionId: string) => AzureClients,
  secure: ReadonlyMap<string, string>,
): Promise<ParameterValues> {
  const values: Record<string, { value: unknown }> = { ...stage.parameters };
  for (const consumed of stage.consumes) {
    const source = byName.get(consumed.stage);
    if (!source) throw new Error(`${stage.name} consumes ${consumed.stage}, which is not a stage`);
    let sourceOutputs = outputs.get(source.name);
    if (!sourceOutputs) {
      sourceOutputs = await deployedOutputs(clientsFor(source.subscriptionId), source);
      if (!sourceOutputs) {
        throw new MissingInputError(
          `stage ${stage.name} needs ${consumed.output} from stage ${source.name}, which has no successful deployment ${source.deploymentName} in ${stageTarget(source)}: deploy it first (baseplate deploy --stage ${source.name}).`,
        );
      }
      outputs.set(source.name, sourceOutputs);
    }
    if (!(consumed.output in sourceOutputs)) {
      throw new MissingInputError(
        `stage ${stage.name} needs ${consumed.output} from stage ${source.name}, whose deployment ${source.deploymentName} has no such output (deployed from an older plan): deploy it again (baseplate deploy --stage ${source.name}).`,
      );
    }
    values[consumed.parameter] = { value: sourceOutputs[consumed.output] };
  }
  // Values given at deployment, for the stages that have such a parameter.
  for (const [name, value] of secure) if (name in (stage.template.parameters ?? {})) values[name] = { value };
  return values;
}
