/**
 * After each bootstrap stage, once Flux is compliant: wait until Application Gateway
 * reaches the ingress controller. Flux's health checks (kstatus) count a LoadBalancer
 * Service ready as soon as it has a cluster IP, never reading status.loadBalancer.ingress
 * (github.com/kubernetes-sigs/cli-utils, pkg/kstatus/status/core.go, serviceConditions).
 * So when Azure never gives the Traefik Service its internal address (the address
 * taken, outside the ingress subnet, the cluster identity without Network Contributor
 * on that subnet), Flux still turns Compliant while the gateway's backend is dead.
 * The gateway's own probes are what say whether its backend answers.
 */
import { INGRESS_CONTROLLER } from '../../core/design/ingress-controller.js';
import type { ResolvedResource } from '../../core/index.js';
import { systemClock } from '../clients.js';
import type { Step } from '../deploy.js';
import { AzureOperationError, requestFailure } from '../errors.js';
import type { ApplicationGatewayBackendHealth, BackendHealthServer } from '../rest.js';
import { getBackendHealth } from '../rest.js';
import type { DeployStage } from '../stages.js';

/**
 * The probe runs every 30 s and marks a server down after 3 failures
 * (platform/application-gateway.ts), and Azure gives a Service its internal load
 * balancer in a minute or two: a backend still down after this never comes up alone.
 */
export const BACKEND_HEALTH_TIMEOUT_MS = 10 * 60_000;

const GATEWAY = 'microsoft.network/applicationgateways';

/**
 * Healthy as the spec spells it (Up) and as Learn shows the service answering (Healthy:
 * learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting).
 */
const HEALTHY = new Set(['up', 'healthy']);

/** The stages `stage` needs, directly or through the stages it needs. */
function upstream(stage: DeployStage, stages: readonly DeployStage[]): DeployStage[] {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    for (const next of byName.get(name)?.dependsOn ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      visit(next);
    }
  };
  visit(stage.name);
  return stages.filter((s) => seen.has(s.name));
}

/**
 * The gateways in front of the cluster a bootstrap stage reconciles: those of the
 * stages it builds on (bootstrap-00 on cluster-00 on ingress-00), never another spoke's.
 */
function gatewaysFor(stage: DeployStage, stages: readonly DeployStage[]): ResolvedResource[] {
  const bootstraps = stage.resources.some(
    (r) => r.type.toLowerCase() === 'microsoft.kubernetesconfiguration/fluxconfigurations',
  );
  if (!bootstraps) return [];
  return upstream(stage, stages).flatMap((s) => s.resources.filter((r) => r.type.toLowerCase() === GATEWAY));
}

/** The backend pools the plan gives the gateway: Traefik's internal load balancer address. */
function plannedPools(gateway: ResolvedResource): string[] {
  const pools = (gateway.properties?.['backendAddressPools'] ?? []) as readonly { name?: unknown }[];
  return pools.flatMap((p) => (typeof p.name === 'string' ? [p.name] : []));
}

interface ServerState extends BackendHealthServer {
  readonly pool: string;
}

/** Each server of the planned pools, as the answer reports it; a pool with none reported is one unknown server. */
function serversOf(health: ApplicationGatewayBackendHealth, pools: readonly string[]): ServerState[] {
  return pools.flatMap((pool) => {
    const entry = (health.backendAddressPools ?? []).find(
      (p) => (p.backendAddressPool?.id ?? '').split('/').at(-1)?.toLowerCase() === pool.toLowerCase(),
    );
    const servers = (entry?.backendHttpSettingsCollection ?? []).flatMap(
      (settings) => settings.servers ?? [],
    );
    return servers.length > 0
      ? servers.map((server) => ({ pool, ...server }))
      : [{ pool, health: 'Unknown', healthProbeLog: 'Azure reports no server in this pool' }];
  });
}

const isUp = (server: ServerState) => HEALTHY.has((server.health ?? '').toLowerCase());

/** Reading a gateway's backend health: Contributor and Network Contributor hold it. */
const BACKEND_HEALTH_ACTION = 'Microsoft.Network/applicationGateways/backendhealth/action';

/** The actions the wait after `stage` needs, for preflight to check with the stage's own. */
export function backendHealthActions(stage: DeployStage, stages: readonly DeployStage[]): string[] {
  return gatewaysFor(stage, stages).length > 0 ? [BACKEND_HEALTH_ACTION] : [];
}

export function waitForBackendHealth(
  stages: readonly DeployStage[],
  timeoutMs = BACKEND_HEALTH_TIMEOUT_MS,
): Step {
  return {
    when: 'after',
    applies: (stage) => gatewaysFor(stage, stages).length > 0,
    async run({ stage, clients, connection, listener }) {
      const clock = connection.clock ?? systemClock;
      for (const gateway of gatewaysFor(stage, stages)) {
        const pools = plannedPools(gateway);
        const started = clock.now();
        let shown = '';
        for (;;) {
          let servers: ServerState[];
          try {
            servers = serversOf(await getBackendHealth(clients, gateway.id), pools);
          } catch (error) {
            throw requestFailure(`reading the backend health of Application Gateway ${gateway.name}`, error);
          }
          const summary = servers.map((s) => `${s.address ?? s.pool} ${s.health ?? 'Unknown'}`).join(', ');
          if (summary !== shown) {
            listener({
              kind: 'step',
              stage: stage.name,
              message: `Application Gateway ${gateway.name} backend: ${summary}`,
            });
            shown = summary;
          }
          if (servers.every(isUp)) break;
          if (clock.now() - started > timeoutMs) throw unreachable(gateway, servers, timeoutMs);
          await clock.sleep(connection.pollIntervalMs);
        }
      }
    },
  };
}

/** The servers still not up, each with what the probe saw, and where to look. */
function unreachable(
  gateway: ResolvedResource,
  servers: readonly ServerState[],
  timeoutMs: number,
): AzureOperationError {
  const { namespace } = INGRESS_CONTROLLER;
  return new AzureOperationError(
    `waiting for Application Gateway ${gateway.name} to reach the ingress controller`,
    servers
      .filter((server) => !isUp(server))
      .map((server) => ({
        resourceId: gateway.id,
        resourceType: gateway.type,
        target: `backendAddressPools/${server.pool}`,
        code: `Backend${server.health ?? 'Unknown'}`,
        message: `${server.address ?? '(no address)'} is ${server.health ?? 'Unknown'} after ${Math.round(timeoutMs / 1000)} s${server.healthProbeLog ? `; probe: ${server.healthProbeLog}` : ''}`,
      })),
    [
      `Flux reports the cluster compliant, but the gateway cannot reach Traefik. Check its Service: \`kubectl -n ${namespace} get service\` must show the address above as EXTERNAL-IP;`,
      `if it is <pending>, \`kubectl -n ${namespace} describe service\` names why Azure gave no internal load balancer`,
      '(the address taken by another device, not inside the ingress subnet, or the cluster identity lacking Network Contributor on that subnet).',
      'Then run `baseplate deploy` again: it checks the backend again.',
    ].join('\n'),
  );
}
