/**
 * After each bootstrap stage: wait until the Flux configuration reports that the
 * cluster matches the repository, showing its state while it reconciles, and
 * fail with each object's condition when it does not in time. Spec "Cluster
 * bootstrapping": the cluster is not ready for workloads until Flux has applied the baseline.
 */
import { systemClock } from '../clients.js';
import type { Step } from '../deploy.js';
import { AzureOperationError, requestFailure } from '../errors.js';
import type { FluxConfiguration } from '../rest.js';
import { getFluxConfiguration } from '../rest.js';

/**
 * Flux reconciles in minutes; a wrong path, a missing credential or a suspended
 * configuration never will, so the wait has its own limit, not the stage's.
 */
export const FLUX_TIMEOUT_MS = 15 * 60_000;

export function waitForFlux(timeoutMs = FLUX_TIMEOUT_MS): Step {
  return {
    when: 'after',
    applies: (stage) => stage.name.startsWith('bootstrap-'),
    async run({ stage, clients, connection, listener }) {
      const flux = stage.resources.find(
        (r) => r.type === 'Microsoft.KubernetesConfiguration/fluxConfigurations',
      );
      if (!flux) return;
      // …/managedClusters/{cluster}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/{name}
      const cluster = /\/managedClusters\/([^/]+)\/providers\//i.exec(flux.id)?.[1] ?? '';
      const clock = connection.clock ?? systemClock;
      const started = clock.now();
      let last: FluxConfiguration['properties'];
      let shown = '';
      for (;;) {
        try {
          last = (await getFluxConfiguration(clients, stage.resourceGroup ?? '', cluster, flux.name))
            .properties;
        } catch (error) {
          throw requestFailure(`reading Flux configuration ${flux.name}`, error);
        }
        const state = last?.complianceState ?? 'Unknown';
        if (state !== shown) {
          listener({
            kind: 'step',
            stage: stage.name,
            message: `Flux configuration ${flux.name} on ${cluster}: ${state}`,
          });
          shown = state;
        }
        if (state === 'Compliant') return;
        if (clock.now() - started > timeoutMs) break;
        await clock.sleep(connection.pollIntervalMs);
      }
      throw new AzureOperationError(`waiting for Flux on ${cluster}`, [
        {
          resourceId: flux.id,
          resourceType: flux.type,
          code: `Flux${last?.complianceState ?? 'Unknown'}`,
          message: [
            `not compliant after ${Math.round(timeoutMs / 1000)} s`,
            ...(last?.errorMessage ? [last.errorMessage] : []),
            ...(last?.statuses ?? []).flatMap((status) =>
              status && status.complianceState !== 'Compliant'
                ? [
                    `${status.kind ?? ''} ${status.namespace ?? ''}/${status.name ?? ''}: ${status.complianceState ?? ''}${(status.statusConditions ?? []).map((c) => ` (${c.reason ?? ''}: ${c.message ?? ''})`).join('')}`,
                  ]
                : [],
            ),
          ].join('; '),
        },
      ]);
    },
  };
}
