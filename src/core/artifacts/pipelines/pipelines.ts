/**
 * `DIR/pipelines/`: the GitHub Actions workflows for the GitOps repository, the
 * stage-by-stage deployment script they run, and how to set them up.
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import { toYaml } from '../../serialize.js';
import { isProductionEnvironment } from '../../environments.js';
import type { Stage } from '../arm/template.js';
import type { OutputFile } from '../output-file.js';
import { imagesFor } from '../gitops/images.js';
import { servicesStageName } from '../platform/stages.js';
import { deployScript, secureVariable } from './deploy-script.js';
import type { RunnerPlace } from './readme.js';
import { pipelinesReadme } from './readme.js';
import type { DeliveryTarget } from './workflows.js';
import { infrastructureWorkflow, rollbackWorkflow, workloadWorkflow } from './workflows.js';

/** Spec "Workload CI/CD": at least one preproduction environment before production. */
export const isProduction = isProductionEnvironment;

/** After each services stage: the images its registry must hold before bootstrap (gitops/images.json). */
function imageImports(design: Design): Record<string, string[]> {
  return Object.fromEntries(
    design.spokes.map((spoke) => [
      servicesStageName(spoke.name),
      imagesFor(spoke).map((image) =>
        [
          'az acr import',
          `--name ${spoke.names.registry}`,
          ...(spoke.subscriptionId ? [`--subscription ${spoke.subscriptionId}`] : []),
          `--source ${image.source}`,
          `--image ${image.target}`,
          '--force',
        ].join(' '),
      ),
    ]),
  );
}

function secureParameters(stages: readonly Stage[]): string[] {
  return [
    ...new Set(
      stages.flatMap((stage) =>
        Object.entries(stage.parameters)
          .filter(([, parameter]) => parameter.type === 'securestring')
          .map(([name]) => name),
      ),
    ),
  ];
}

function runnerPlace(design: Design): RunnerPlace {
  const prefixes = design.ipPlan.buildAgentPrefixes;
  const names = design.hub.names;
  const [prefix] = prefixes;
  if (prefix === undefined) return { kind: 'none' };
  if (design.hub.existing || !names) return { kind: 'landing zone hub', prefixes };
  return {
    kind: 'hub subnet',
    network: names.virtualNetwork,
    subnet: 'snet-build-agents',
    prefix,
    ruleCollectionGroup: names.buildAgents.ruleCollectionGroup,
  };
}

export function pipelineFiles(design: Design, stages: readonly Stage[]): OutputFile[] {
  const delivered = design.spokes.filter((spoke) => spoke.workload.enabled);
  const target = (spoke: SpokeDesign): DeliveryTarget => ({
    cluster: spoke.names.cluster,
    path: spoke.gitopsPath,
    registry: spoke.names.registry,
    loginServer: `${spoke.names.registry.toLowerCase()}.azurecr.io`,
  });
  const preproduction = delivered.filter((spoke) => !isProduction(spoke.environment)).map(target);
  const production = delivered.filter((spoke) => isProduction(spoke.environment)).map(target);
  return [
    ...(delivered.length > 0
      ? [
          { path: 'pipelines/workload.yml', content: toYaml([workloadWorkflow(preproduction, production)]) },
          { path: 'pipelines/rollback.yml', content: toYaml([rollbackWorkflow()]) },
        ]
      : []),
    {
      path: 'pipelines/infrastructure.yml',
      content: toYaml([infrastructureWorkflow(secureParameters(stages))]),
    },
    { path: 'pipelines/deploy.sh', content: deployScript(stages, imageImports(design)) },
    {
      path: 'pipelines/README.md',
      content: pipelinesReadme(
        preproduction,
        production,
        stages,
        secureParameters(stages).map(secureVariable),
        runnerPlace(design),
      ),
    },
  ];
}
