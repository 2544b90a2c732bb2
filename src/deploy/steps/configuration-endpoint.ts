/**
 * Before each monitoring stage: the `configurationAccessEndpoint` association an
 * earlier Baseplate made between the cluster and the stage's data collection
 * endpoint, removed. That association is the Azure Monitor Private Link mechanism
 * (Learn, "Enable Container insights", "Private link"): it sends the agents for
 * their configuration to the endpoint's own `<endpoint>.<region>-1.handler.control.monitor.azure.com`,
 * which the firewall blocks, so they collect nothing. The monitoring stage no longer
 * deploys it, but deployments are Incremental and never delete what a template
 * leaves out: a cluster deployed before keeps it until it is deleted here.
 * An association to any other endpoint is the user's own private link: kept.
 */
import type { Step } from '../deploy.js';
import { azureCall, ifExists } from '../errors.js';
import { deleteDataCollectionRuleAssociation, getDataCollectionRuleAssociation } from '../rest.js';
import type { DeployStage } from '../stages.js';

/** The association's fixed name for an endpoint (DataCollectionRuleAssociationsCreateEndpointAssoc.json, DataCollection 2024-03-11). */
const NAME = 'configurationAccessEndpoint';

const ENDPOINTS = 'microsoft.insights/datacollectionendpoints';
const ASSOCIATIONS = 'microsoft.insights/datacollectionruleassociations';

/** The clusters a stage associates rules with: the scope of each association it deploys. */
function clustersOf(stage: DeployStage): string[] {
  const scopes = stage.resources
    .filter((r) => r.type.toLowerCase() === ASSOCIATIONS)
    .map((r) =>
      r.id.replace(/\/providers\/Microsoft\.Insights\/dataCollectionRuleAssociations\/[^/]+$/i, ''),
    );
  return [...new Set(scopes)];
}

/** The data collection endpoints the stage deploys: Baseplate's own. */
function endpointsOf(stage: DeployStage): string[] {
  return stage.resources.filter((r) => r.type.toLowerCase() === ENDPOINTS).map((r) => r.id);
}

export function removeConfigurationEndpoint(): Step {
  return {
    when: 'before',
    applies: (stage) => endpointsOf(stage).length > 0 && clustersOf(stage).length > 0,
    async run({ stage, clients, listener }) {
      // Resource IDs are case-insensitive; Azure may spell them otherwise than the plan.
      const ours = new Set(endpointsOf(stage).map((id) => id.toLowerCase()));
      for (const cluster of clustersOf(stage)) {
        const clusterName = cluster.split('/').at(-1) ?? cluster;
        // 404 on a cluster not deployed yet, as on one without the association: nothing to remove.
        const association = await ifExists(`reading ${NAME} of cluster ${clusterName}`, () =>
          getDataCollectionRuleAssociation(clients, cluster, NAME),
        );
        const endpoint = association?.properties?.dataCollectionEndpointId;
        if (endpoint === undefined || !ours.has(endpoint.toLowerCase())) continue;
        await azureCall(`removing ${NAME} of cluster ${clusterName}`, () =>
          deleteDataCollectionRuleAssociation(clients, cluster, NAME),
        );
        listener({
          kind: 'step',
          stage: stage.name,
          message: `removed the ${NAME} association of ${clusterName} with ${endpoint.split('/').at(-1) ?? endpoint}, left by an earlier Baseplate: it sent the monitoring agents to a private-link handler the firewall blocks`,
        });
      }
    },
  };
}
