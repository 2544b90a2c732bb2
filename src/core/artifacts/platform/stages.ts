/**
 * The workload team's stages, per spoke, after the network's (spec "Isolate
 * workload responsibilities"). So far: the services stage, the registry and the
 * Key Vault that the cluster stage needs in place first (images imported,
 * certificates stored).
 */
import type { Design, SpokeDesign } from '../../design/design.js';
import { localId, resourceId } from '../arm/scope.js';
import type { Stage } from '../arm/template.js';
import type { StageContext } from '../network/context.js';
import { subnetOf } from '../../ipplan/plan.js';
import { spokeScope, tagsFor } from '../network/common.js';
import type { NetworkLayout } from '../network/stages.js';
import { spokeStageName } from '../network/spoke.js';
import { logAnalyticsWorkspace } from '../monitoring/log-analytics.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import { expression, literal } from '../arm/expression.js';
import { groupRole, parameter } from '../arm/template.js';
import { monitoringStage } from '../monitoring/stage.js';
import { policyStage, policyStageName } from '../governance/stages.js';
import { applicationGateway } from './application-gateway.js';
import { bootstrap } from './bootstrap.js';
import { clusterSettings } from '../gitops/settings.js';
import { cluster } from './cluster.js';
import { clusterExtras } from './cluster-extras.js';
import { CERTIFICATE_PARAMETERS, CERTIFICATE_SECRETS } from './certificates.js';
import { identities } from './identities.js';
import { keyVault } from './key-vault.js';
import { registry } from './registry.js';
import { identityPrincipal, roleAssignment } from './roles.js';

export function platformStages(design: Design, network: NetworkLayout): Stage[] {
  return design.spokes.flatMap((spoke) => [
    policyStage(design, spoke, network),
    servicesStage(design, network, spoke),
    ingressStage(design, spoke),
    ...(spoke.privateCluster ? [privateDnsStage(design, network, spoke)] : []),
    clusterStage(design, network, spoke),
    monitoringStage(design, spoke, `cluster-${spoke.name}`),
    bootstrapStage(design, spoke),
  ]);
}

/** Applied by the hub's owner when the hub is theirs. */
function privateDnsStageName(design: Design, spoke: string): string {
  return `${design.hub.existing ? 'network-team-' : ''}private-dns-${spoke}`;
}

/**
 * A private cluster writes its API server's record into the hub's shared zone:
 * its control plane identity needs Private DNS Zone Contributor there, which only
 * the zone's owner can grant.
 */
function privateDnsStage(design: Design, network: NetworkLayout, spoke: SpokeDesign): Stage {
  const at = network.dnsZonesAt;
  const zone = design.topology.dnsZones.apiServer;
  const services = servicesStageName(spoke.name);
  const principal = parameter(
    'controlPlanePrincipalId',
    `<principal ID of ${spoke.names.identities.controlPlane}>`,
  );
  return {
    name: privateDnsStageName(design, spoke.name),
    description: `Lets the control plane of ${spoke.names.cluster} register its private API server in ${zone}.`,
    owner: 'network team',
    roles: [
      groupRole(at)(
        'Role Based Access Control Administrator',
        `Grant Private DNS Zone Contributor on ${zone} to the cluster's control plane identity.`,
      ),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {
      controlPlanePrincipalId: {
        type: 'string',
        description: `Principal ID of ${spoke.names.identities.controlPlane}.`,
        value: principal.$resolved as string,
        from: { stage: services, output: 'controlPlanePrincipalId' },
      },
    },
    resources: [
      roleAssignment(
        at,
        { type: 'Microsoft.Network/privateDnsZones', names: [zone] },
        'Private DNS Zone Contributor',
        {
          nameParts: [principal.$arm.slice(1, -1)],
          id: principal,
          type: 'ServicePrincipal',
          dependsOn: [],
        },
        `The control plane of ${spoke.names.cluster} writes its API server's record.`,
        false,
      ),
    ],
    outputs: {},
    dependsOn: [services, ...(network.dnsZonesStage ? [network.dnsZonesStage] : [])],
    handoff: design.hub.existing,
  };
}

/** Flux: the cluster reconciles itself from Git from here on. */
function bootstrapStage(design: Design, spoke: SpokeDesign): Stage {
  const at = spokeScope(spoke);
  const inGroup = groupRole(at);
  const ssh = design.gitops.repositoryUrl.startsWith('ssh://');
  return {
    name: `bootstrap-${spoke.name}`,
    description: `Flux on ${spoke.names.cluster}, reconciling ${spoke.gitopsPath} of ${design.gitops.repositoryUrl} (${design.gitops.branch}).`,
    owner: 'workload team',
    roles: [
      // Kubernetes Extension Contributor covers extensions only, not fluxConfigurations/write.
      inGroup('Contributor', 'Install the Flux extension and its Flux configuration on the cluster.'),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {
      ...(ssh
        ? {}
        : {
            gitHttpsUser: {
              type: 'string',
              description: 'User name for a private HTTPS repository; empty for a public one.',
              value: '',
            },
          }),
      gitCredential: {
        type: 'securestring',
        description: ssh
          ? 'Private key of a read-only deploy key; give it at deployment, never in a file.'
          : 'Read-only token of a private repository; give it at deployment, never in a file. Empty for a public one.',
        value: '',
      },
    },
    resources: bootstrap(at, design, spoke, clusterSettings(spoke, at).deployTime),
    outputs: {},
    dependsOn: [`cluster-${spoke.name}`],
    prerequisites: [
      `The GitOps repository holds ${spoke.gitopsPath}, and the images it uses are in ${spoke.names.registry}.`,
    ],
  };
}

/** The cluster, its maintenance windows and the role assignments that need it. */
function clusterStage(design: Design, network: NetworkLayout, spoke: SpokeDesign): Stage {
  const at = spokeScope(spoke);
  const inGroup = groupRole(at);
  const settings = spoke.cluster;
  const egress = network.firewallEgressRanges;
  const egressParameter = parameter('firewallEgressRanges', egress.value as readonly string[]);
  const configured = settings.apiServer.authorizedIpRanges;
  const authorizedRanges =
    configured.length === 0
      ? egressParameter
      : expression(
          `concat(createArray(${configured.map(literal).join(', ')}), ${egressParameter.$arm.slice(1, -1)})`,
          [...configured, ...(egress.value as readonly string[])],
        );
  return {
    name: `cluster-${spoke.name}`,
    description: `The AKS cluster of spoke ${spoke.name}, its maintenance windows and the role assignments that need it.`,
    owner: 'workload team',
    roles: [
      inGroup('Contributor', 'The cluster and its maintenance configurations.'),
      inGroup('Managed Identity Operator', 'Give the cluster its control plane identity.'),
      inGroup(
        'Role Based Access Control Administrator',
        "AcrPull, Monitoring Metrics Publisher and the Entra groups' cluster roles.",
      ),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: settings.apiServer.private ? {} : { firewallEgressRanges: egress },
    resources: [
      ...cluster({
        at,
        design,
        spoke,
        tags: tagsFor(spoke.tags, 'cluster'),
        authorizedRanges,
        privateDnsZone: resourceId(
          at,
          network.dnsZonesAt,
          'Microsoft.Network/privateDnsZones',
          design.topology.dnsZones.apiServer,
        ),
      }),
      ...clusterExtras(at, design, spoke, tagsFor(spoke.tags, 'cluster')),
    ],
    outputs: {
      oidcIssuerUrl: {
        type: 'string',
        description: "The cluster's OIDC issuer, for workload identity federation.",
        value: expression(
          `reference(resourceId('Microsoft.ContainerService/managedClusters', ${literal(spoke.names.cluster)}), ${literal(API_VERSIONS['Microsoft.ContainerService/managedClusters'])}).oidcIssuerProfile.issuerURL`,
          `<OIDC issuer URL of ${spoke.names.cluster}>`,
        ),
      },
    },
    dependsOn: [
      servicesStageName(spoke.name),
      `ingress-${spoke.name}`,
      ...(spoke.privateCluster ? [privateDnsStageName(design, spoke.name)] : []),
      // Nodes egress through the firewall from their first boot: its rules come first.
      ...(network.egressStage ? [network.egressStage] : []),
    ],
  };
}

/**
 * Application Gateway and its WAF policy. Its own stage, because the gateway reads
 * its certificates from the vault when it is created: they go in between.
 */
function ingressStage(design: Design, spoke: SpokeDesign): Stage {
  const at = spokeScope(spoke);
  const inGroup = groupRole(at);
  const id = localId(at);
  const subnet = subnetOf(spoke.network, 'applicationGateway');
  const { ingressIp } = spoke.ranges;
  if (!subnet) throw new Error(`the IP plan gives spoke ${spoke.name} an Application Gateway subnet`);
  const ctx = stageContext(design, spoke);
  return {
    name: `ingress-${spoke.name}`,
    description: `Application Gateway (WAF_v2) of spoke ${spoke.name}: the only way in, re-encrypting to the ingress controller.`,
    owner: 'workload team',
    roles: [
      inGroup('Network Contributor', 'Application Gateway, WAF policy, public IP.'),
      inGroup('Managed Identity Operator', 'Assign the gateway its identity.'),
      inGroup('Monitoring Contributor', 'Diagnostic settings.'),
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: {},
    resources: applicationGateway(
      ctx,
      spoke,
      id('Microsoft.Network/virtualNetworks/subnets', spoke.names.virtualNetwork, subnet.name),
      ingressIp,
      {
        id: id('Microsoft.OperationalInsights/workspaces', spoke.names.logAnalyticsWorkspace),
        deployedHere: false,
      },
    ),
    outputs: {},
    dependsOn: [servicesStageName(spoke.name)],
    prerequisites: [
      `Key Vault ${spoke.names.keyVault} holds the secrets ${CERTIFICATE_SECRETS.gateway} (PFX for ${spoke.ingress.hostNames.join(', ')}) and ${CERTIFICATE_SECRETS.ingressTrustedRoot} (base64 CER that Application Gateway trusts for ${spoke.ingress.internalHost}): give them to ${servicesStageName(spoke.name)} as its secure parameters gatewayCertificate and ingressTrustedRoot.`,
    ],
    // The spec's ingress flow starts at "a DNS A record to the public IP address of Application Gateway".
    followUps: [
      `Point the DNS A record of ${spoke.ingress.hostNames.join(', ')} at the address of the public IP ${spoke.names.applicationGatewayPublicIp}.`,
    ],
  };
}

function stageContext(design: Design, spoke: SpokeDesign): StageContext {
  return {
    design,
    at: spokeScope(spoke),
    location: design.region.name,
    tags: (component) => tagsFor(spoke.tags, component),
  };
}

export function servicesStageName(spoke: string): string {
  return `services-${spoke}`;
}

/** The registry and the Key Vault, which the cluster stage needs in place and filled. */
function servicesStage(design: Design, network: NetworkLayout, spoke: SpokeDesign): Stage {
  const at = spokeScope(spoke);
  const inGroup = groupRole(at);
  const id = localId(at);
  const endpoints = subnetOf(spoke.network, 'privateEndpoints');
  if (!endpoints) throw new Error(`the IP plan gives spoke ${spoke.name} a private endpoint subnet`);
  const ctx = stageContext(design, spoke);
  const workspace = {
    id: id('Microsoft.OperationalInsights/workspaces', spoke.names.logAnalyticsWorkspace),
    deployedHere: true,
  };
  const endpointSubnet = id(
    'Microsoft.Network/virtualNetworks/subnets',
    spoke.names.virtualNetwork,
    endpoints.name,
  );
  const zone = (name: string) =>
    resourceId(at, network.dnsZonesAt, 'Microsoft.Network/privateDnsZones', name);
  const component = registry(ctx, spoke, endpointSubnet, zone('privatelink.azurecr.io'), workspace);
  const vault = keyVault(ctx, spoke, endpointSubnet, zone('privatelink.vaultcore.azure.net'), workspace);
  const managed = spoke.network.subnets.filter(
    (s) => s.inUse && (s.role === 'nodes' || s.role === 'ingress' || s.role === 'apiServer'),
  );
  return {
    name: servicesStageName(spoke.name),
    description: `Spoke ${spoke.name}'s Log Analytics workspace, container registry and Key Vault over Private Link, and the cluster's identities with their role assignments.`,
    owner: 'workload team',
    roles: [
      inGroup(
        'Contributor',
        'Registry, Key Vault, private endpoints, workspace, identities and diagnostic settings.',
      ),
      inGroup(
        'Role Based Access Control Administrator',
        'Assign the identities their roles on the vault and the subnets.',
      ),
      {
        role: 'Private DNS Zone Contributor',
        scope: `resource group ${network.dnsZonesAt.resourceGroup}`,
        why: 'Register the endpoint in the shared zone (privateDnsZones/join/action).',
      },
    ],
    scope: { kind: 'resourceGroup', ...at },
    parameters: Object.fromEntries(
      CERTIFICATE_PARAMETERS.map((certificate) => [
        certificate.parameter,
        {
          type: 'securestring',
          description: `${certificate.description} Give it at deployment, never in a file; empty leaves the secret as it is.`,
          value: '',
        },
      ]),
    ),
    resources: [
      ...logAnalyticsWorkspace(at, {
        name: spoke.names.logAnalyticsWorkspace,
        location: design.region.name,
        tags: ctx.tags('monitoring'),
        retentionInDays: design.monitoring.retentionDays,
        comments: 'The workload\'s logs and metrics (spec: "Monitor and collect logs and metrics").',
        replicationLocation: design.monitoring.workspaceReplicationLocation,
      }),
      ...component.resources,
      ...vault,
      ...identities(ctx, spoke, managed),
    ],
    outputs: {
      loginServer: {
        type: 'string',
        description: "The registry's login server.",
        value: component.loginServer,
      },
      controlPlanePrincipalId: {
        type: 'string',
        description: "Principal of the cluster's control plane identity, for roles granted in other groups.",
        value: identityPrincipal(at, spoke.names.identities.controlPlane).id,
      },
    },
    dependsOn: [
      network.resourceGroupStage(spoke.subscriptionId),
      policyStageName(spoke.name),
      spokeStageName(spoke.name),
      ...(network.dnsZonesStage ? [network.dnsZonesStage] : []),
    ],
  };
}
