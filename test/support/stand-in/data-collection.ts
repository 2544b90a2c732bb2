/**
 * Data collection rule associations as Microsoft.Insights answers them, an extension
 * resource at `{resourceUri}/providers/Microsoft.Insights/dataCollectionRuleAssociations/{name}`
 * (specification/monitor/resource-manager/Microsoft.Insights/Insights/DataCollection,
 * DataCollectionRuleAssociationProxyOnlyResource.tsp, 2024-03-11): GET answers 200 with
 * { id, name, type, etag, properties } (DataCollectionRuleAssociationsGet.json), or the
 * error body with 404 when the association or the resource it is on is not there;
 * DELETE is synchronous (Extension.DeleteSync): 200 when it deleted, 204 when there was
 * nothing (DataCollectionRuleAssociationsDelete.json), never 202.
 */
import type { Reply } from './reply.js';
import { json, notFound } from './reply.js';
import type { StandInState } from './state.js';

/** Stands for Azure's etag, which changes with every write. */
const ETAG = '00000836-0000-0100-0000-65fdd8bc0000';

export function associationRoute(state: StandInState, method: string, id: string): Reply | undefined {
  const association = state.resource(id);
  if (method === 'GET') {
    if (!association) return notFound(id);
    return json(200, {
      id: association.id,
      name: association.name,
      type: 'Microsoft.Insights/dataCollectionRuleAssociations',
      etag: ETAG,
      properties: association.body['properties'] ?? {},
    });
  }
  if (method === 'DELETE') {
    if (!association) return json(204);
    state.resources.delete(id.toLowerCase());
    return json(200);
  }
  return undefined;
}
