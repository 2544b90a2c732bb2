/**
 * Whether a stage can be left as it is: its last deployment succeeded with the
 * very template and parameters it would be given now. Resource Manager records
 * both with the deployment (deployments 2025-04-01, DeploymentPropertiesExtended:
 * `templateHash`, "The hash produced for the template", and `parameters`, a
 * securestring's value never returned), and hashes a template the same way on
 * request (Deployments_CalculateTemplateHash), so the comparison is Azure's own,
 * not a guess at its hashing. What cannot be compared is re-applied: a secure
 * value given now (Azure never says what it was), a deployment that did not
 * succeed, and a subscription stage whose resource groups were deleted since
 * (their deployment record outlives them).
 */
import { isDeepStrictEqual } from 'node:util';
import type { AzureClients } from './clients.js';
import { groupExists } from './clients.js';
import { azureCall } from './errors.js';
import type { DeploymentExtended, ParameterValues } from './rest.js';
import { calculateTemplateHash } from './rest.js';
import type { DeployStage } from './stages.js';

/** Why the stage needs no deployment (for people), or undefined when it must be deployed. */
export async function unchangedSince(
  clients: AzureClients,
  stage: DeployStage,
  previous: DeploymentExtended | undefined,
  parameters: ParameterValues,
): Promise<string | undefined> {
  const recorded = previous?.properties;
  if (recorded?.provisioningState?.toLowerCase() !== 'succeeded' || recorded.templateHash === undefined)
    return undefined;
  // A secret given now may differ from the one deployed, which Azure never returns: applied again.
  if (stage.secureParameters.some((name) => !isEmpty(parameters[name]?.value))) return undefined;
  if (!sameParameters(stage, parameters, recorded.parameters ?? {})) return undefined;
  const hash = await azureCall(`calculating the template hash of stage ${stage.name}`, () =>
    calculateTemplateHash(clients, stage.template),
  );
  if (hash !== recorded.templateHash) return undefined;
  for (const group of stage.resources.filter((r) => r.type === 'Microsoft.Resources/resourceGroups'))
    if (!(await groupExists(clients, group.name))) return undefined;
  const when = recorded.timestamp ? ` on ${recorded.timestamp.slice(0, 10)}` : '';
  return `unchanged since ${stage.deploymentName} succeeded${when}; --force re-applies it`;
}

/** Every value sent, but secure ones, as the deployment recorded it (names compared as Azure does, ignoring case). */
function sameParameters(
  stage: DeployStage,
  parameters: ParameterValues,
  recorded: Readonly<Record<string, { readonly value?: unknown }>>,
): boolean {
  const byName = new Map(Object.entries(recorded).map(([name, entry]) => [name.toLowerCase(), entry]));
  return Object.entries(parameters).every(
    ([name, given]) =>
      stage.secureParameters.includes(name) ||
      isDeepStrictEqual(byName.get(name.toLowerCase())?.value, given.value),
  );
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
