/**
 * The AKS cluster. Spec "Configure compute for the base cluster" through
 * "Routine updates for AKS clusters": system and user pools across zones (the
 * system pool tainted CriticalAddonsOnly), Azure CNI Overlay with network policy,
 * egress through the firewall, Entra ID with Azure RBAC and no local accounts,
 * managed and workload identities, the Key Vault secrets provider, Azure Policy,
 * monitoring, planned maintenance.
 */
import type { MaintenanceWindowSettings, UpgradeSettings } from '../../design/settings.js';
import type { Design, SpokeDesign } from '../../design/design.js';
import { INGRESS_CONTROLLER } from '../../design/ingress-controller.js';
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression, ArmObject } from '../arm/expression.js';
import { expression, keyedMap, literal, TENANT_PLACEHOLDER } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { subnetOf, subnetsOf } from '../../ipplan/plan.js';
import { zoneNames } from '../network/common.js';
import type { Principal } from './roles.js';
import { roleAssignment } from './roles.js';

export interface ClusterInputs {
  readonly at: ArmScope;
  readonly design: Design;
  readonly spoke: SpokeDesign;
  readonly tags: Record<string, string>;
  /** Authorized ranges of a public API server: the configured ones plus the firewall's egress. */
  readonly authorizedRanges: ArmExpression;
  /** A private cluster's API server zone: the hub's shared one, which the firewall's DNS proxy resolves. */
  readonly privateDnsZone: ArmExpression;
}

/** System pools run only core cluster services (spec: "tainted with the CriticalAddonsOnly taint"). */
const SYSTEM_TAINT = 'CriticalAddonsOnly=true:NoSchedule';

export function cluster(inputs: ClusterInputs): ArmResource[] {
  const { at, design, spoke } = inputs;
  const { network, ranges, cluster: settings } = spoke;
  const id = localId(at);
  const name = spoke.names.cluster;
  const clusterId = id('Microsoft.ContainerService/managedClusters', name);
  const controlPlane = id(
    'Microsoft.ManagedIdentity/userAssignedIdentities',
    spoke.names.identities.controlPlane,
  );
  const subnetId = (subnetName: string) =>
    id('Microsoft.Network/virtualNetworks/subnets', spoke.names.virtualNetwork, subnetName);
  const nodeSubnet = (pool: string) =>
    (subnetsOf(network, 'nodes').find((s) => s.pool === pool) ?? subnetOf(network, 'nodes'))?.name ?? '';
  const apiSubnet = subnetOf(network, 'apiServer');
  const immutable = design.upgrades.strategy === 'immutable';
  const workspaceId = id('Microsoft.OperationalInsights/workspaces', spoke.names.logAnalyticsWorkspace);
  const poolSettings = [settings.systemPool, ...settings.userPools];

  const pools = spoke.pools.map((pool, i): ArmObject => {
    const own = poolSettings[i];
    // spoke.pools lists the system pool first, then the user pools in order.
    const user = i > 0 ? settings.userPools[i - 1] : undefined;
    const userTaints = user?.taints ?? [];
    return {
      name: pool.name,
      mode: pool.mode,
      type: 'VirtualMachineScaleSets',
      vmSize: pool.vmSize,
      osType: 'Linux',
      osSKU: pool.osSku,
      osDiskType: pool.osDiskType,
      osDiskSizeGB: own?.osDiskSizeGB,
      enableAutoScaling: true,
      count: pool.minCount,
      minCount: pool.minCount,
      maxCount: pool.maxCount,
      maxPods: pool.maxPods,
      availabilityZones: zoneNames(pool.zones),
      vnetSubnetID: subnetId(nodeSubnet(pool.name)),
      enableNodePublicIP: false,
      scaleSetPriority: user?.priority ?? 'Regular',
      nodeTaints: pool.mode === 'System' ? [SYSTEM_TAINT] : userTaints.length > 0 ? userTaints : undefined,
      nodeLabels: own && Object.keys(own.labels).length > 0 ? own.labels : undefined,
      tags: { ...inputs.tags, ...own?.tags, 'node-pool': pool.name },
      upgradeSettings: { maxSurge: design.upgrades.maxSurge },
      // From Kubernetes 1.37 AKS turns LocalDNS on in pools that do not state a mode, and pods then ask
      // 169.254.10.10 on their node, which the allow-dns policies (CoreDNS pods only) block. Stated here,
      // it stays off whatever version an upgrade brings (Learn, "Configure LocalDNS": "To prevent LocalDNS
      // from being enabled, explicitly set the LocalDNS mode to Disabled"; agentPoolProfiles[].
      // localDNSProfile.mode, Preferred | Required | Disabled, in managedClusters 2026-05-01).
      localDNSProfile: { mode: 'Disabled' },
    };
  });
  const { apiServer, entra, network: clusterNetwork } = settings;
  const managedCluster = armResource('Microsoft.ContainerService/managedClusters', name, {
    location: design.region.name,
    tags: inputs.tags,
    comments: "The spec's baseline cluster.",
    sku: { name: 'Base', tier: spoke.tier },
    // The identity comes from the services stage, deployed before this one.
    identity: { type: 'UserAssigned', userAssignedIdentities: keyedMap([[controlPlane, {}]]) },
    properties: {
      kubernetesVersion: spoke.kubernetesVersion,
      dnsPrefix: spoke.names.dnsPrefix,
      nodeResourceGroup: spoke.names.nodeResourceGroup,
      agentPoolProfiles: pools,
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: clusterNetwork.networkPolicy,
        networkDataplane: clusterNetwork.networkPolicy === 'cilium' ? 'cilium' : undefined,
        outboundType: 'userDefinedRouting',
        loadBalancerSku: 'standard',
        podCidr: ranges.podCidr,
        serviceCidr: ranges.serviceCidr,
        dnsServiceIP: ranges.dnsServiceIp,
        advancedNetworking: design.monitoring.advancedNetworkObservability
          ? { enabled: true, observability: { enabled: true } }
          : undefined,
      },
      aadProfile: {
        managed: true,
        enableAzureRBAC: entra.azureRbac,
        // With Azure RBAC the groups get Azure roles instead (see the role assignments).
        adminGroupObjectIDs: entra.azureRbac ? [] : entra.adminGroupObjectIds,
        tenantID: entra.tenantId ?? expression('subscription().tenantId', TENANT_PLACEHOLDER),
      },
      // Kubernetes RBAC, fixed at creation: stated rather than left to the service's default.
      enableRBAC: true,
      disableLocalAccounts: settings.disableLocalAccounts,
      apiServerAccessProfile: {
        enablePrivateCluster: apiServer.private,
        // Nodes resolve through the hub firewall's DNS proxy, which sees the hub's zones only: the API
        // server's record goes into the hub's shared zone, and no public name exists.
        enablePrivateClusterPublicFQDN: apiServer.private ? false : undefined,
        privateDNSZone: apiServer.private ? inputs.privateDnsZone : undefined,
        authorizedIPRanges: apiServer.private ? undefined : inputs.authorizedRanges,
        enableVnetIntegration: apiServer.vnetIntegration,
        subnetId: apiServer.vnetIntegration && apiSubnet ? subnetId(apiSubnet.name) : undefined,
        // Run command reaches the cluster through Resource Manager, past the authorized ranges: off unless opted in.
        disableRunCommand: !apiServer.runCommand,
      },
      // The CSI drivers and the snapshot controller run on every node when on (their default): off unless the
      // workload needs persistent volumes (managedClusters 2026-05-01, ManagedClusterStorageProfile).
      storageProfile: {
        diskCSIDriver: { enabled: settings.storageDrivers },
        fileCSIDriver: { enabled: settings.storageDrivers },
        blobCSIDriver: { enabled: settings.storageDrivers },
        snapshotController: { enabled: settings.storageDrivers },
      },
      oidcIssuerProfile: { enabled: true },
      securityProfile: {
        workloadIdentity: { enabled: true },
        imageCleaner: { enabled: true, intervalHours: 168 },
        defender: design.defender
          ? { logAnalyticsWorkspaceResourceId: workspaceId, securityMonitoring: { enabled: true } }
          : undefined,
      },
      addonProfiles: {
        azurepolicy: { enabled: true, config: { version: 'v2' } },
        azureKeyvaultSecretsProvider: {
          enabled: true,
          config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
        },
        omsagent: {
          enabled: true,
          config: { logAnalyticsWorkspaceResourceID: workspaceId, useAADAuth: 'true' },
        },
      },
      azureMonitorProfile: { metrics: { enabled: design.monitoring.managedPrometheus } },
      metricsProfile: { costAnalysis: { enabled: spoke.tier !== 'Free' } },
      autoUpgradeProfile: {
        upgradeChannel: immutable ? 'none' : design.upgrades.clusterChannel,
        nodeOSUpgradeChannel: immutable ? 'None' : design.upgrades.nodeOsChannel,
      },
    },
  });
  const version = literal(API_VERSIONS['Microsoft.ContainerService/managedClusters']);
  const clusterReference = `reference(${clusterId.$arm.slice(1, -1)}, ${version})`;
  const clusterPrincipal = (key: string, path: string, description: string): Principal => ({
    nameParts: [clusterId.$arm.slice(1, -1), literal(key)],
    id: expression(`${clusterReference}.${path}`, `<${description} of ${name}>`),
    type: 'ServicePrincipal',
    dependsOn: [clusterId],
  });
  const group = (objectId: string): Principal => ({
    nameParts: [literal(objectId)],
    id: objectId,
    type: 'Group',
    dependsOn: [],
  });
  const clusterTarget = { type: 'Microsoft.ContainerService/managedClusters', names: [name] };
  return [
    managedCluster,
    ...maintenance(at, name, design.upgrades),
    roleAssignment(
      at,
      { type: 'Microsoft.ContainerRegistry/registries', names: [spoke.names.registry] },
      'AcrPull',
      clusterPrincipal('kubelet', 'identityProfile.kubeletidentity.objectId', 'kubelet identity'),
      'Nodes pull images from the registry with their managed identity, never with a pull secret.',
      false,
    ),
    roleAssignment(
      at,
      clusterTarget,
      'Monitoring Metrics Publisher',
      clusterPrincipal('omsagent', 'addonProfiles.omsagent.identity.objectId', 'monitoring agent identity'),
      'The monitoring agent publishes metrics (spec: "Monitoring Metrics Publisher role").',
      true,
    ),
    ...(entra.azureRbac
      ? [
          ...entra.adminGroupObjectIds.map((objectId) =>
            roleAssignment(
              at,
              clusterTarget,
              'Azure Kubernetes Service RBAC Cluster Admin',
              group(objectId),
              'Cluster administrators (Entra group).',
              true,
            ),
          ),
          ...entra.readerGroupObjectIds.flatMap((objectId) => [
            roleAssignment(
              at,
              clusterTarget,
              'Azure Kubernetes Service Cluster User Role',
              group(objectId),
              'Readers fetch a kubeconfig (listClusterUserCredential); what they may do is the reader roles.',
              true,
            ),
            // Learn, "Use Azure RBAC for Kubernetes Authorization": a role assigned at
            // <cluster ID>/namespaces/<namespace> applies in that namespace only.
            ...[design.workloadNamespace, INGRESS_CONTROLLER.namespace].map((namespace) =>
              roleAssignment(
                at,
                { type: 'Microsoft.ContainerService/managedClusters/namespaces', names: [name, namespace] },
                'Azure Kubernetes Service RBAC Reader',
                { ...group(objectId), dependsOn: [clusterId] },
                `Read-only access to namespace ${namespace} (Entra group).`,
                false,
              ),
            ),
          ]),
        ]
      : []),
  ];
}

/** Spec "In-place upgrades for nodes": a planned maintenance window at least weekly; one for cluster upgrades when a channel is set. */
function maintenance(at: ArmScope, clusterName: string, upgrades: UpgradeSettings): ArmResource[] {
  if (upgrades.strategy === 'immutable') return [];
  const clusterId = localId(at)('Microsoft.ContainerService/managedClusters', clusterName);
  const window = (name: string, spec: MaintenanceWindowSettings, why: string) =>
    armResource(
      'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
      `${clusterName}/${name}`,
      {
        comments: why,
        dependsOn: [clusterId],
        properties: {
          maintenanceWindow: {
            schedule:
              spec.frequency === 'Weekly'
                ? { weekly: { intervalWeeks: spec.intervalWeeks, dayOfWeek: spec.dayOfWeek } }
                : { daily: { intervalDays: spec.intervalDays } },
            durationHours: spec.durationHours,
            startTime: spec.startTime,
            utcOffset: spec.utcOffset,
          },
        },
      },
    );
  const nodeOs = upgrades.nodeOsChannel === 'NodeImage' || upgrades.nodeOsChannel === 'SecurityPatch';
  return [
    ...(nodeOs
      ? [
          window(
            'aksManagedNodeOSUpgradeSchedule',
            upgrades.nodeOsWindow,
            'Node image updates land in this window.',
          ),
        ]
      : []),
    ...(upgrades.clusterChannel !== 'none'
      ? [
          window(
            'aksManagedAutoUpgradeSchedule',
            upgrades.clusterWindow,
            'Automatic cluster upgrades land in this window.',
          ),
        ]
      : []),
  ];
}
