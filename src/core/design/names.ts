/**
 * Every resource name, derived from the configuration alone so the same file
 * always gives the same names. The pattern follows the Cloud Adoption Framework:
 * `<type abbreviation>-<business unit><workload>-<spoke>-<environment>-<region code>`,
 * e.g. `aks-bu0001a0008-00-prod-eus2` (the spec's reference names bu0001a0008-00).
 * Registry and Key Vault names must be globally unique: they carry a short suffix,
 * from `naming.suffix` or else a hash of the configuration's identity.
 */
import type { Config, SpokeConfig } from '../config/schema/index.js';
import type { Region } from '../data/regions.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError } from '../diagnostics.js';
import type { NameKind } from './naming-rules.js';
import { nameProblem } from './naming-rules.js';

export interface HubNames {
  readonly resourceGroup: string;
  readonly virtualNetwork: string;
  readonly firewall: string;
  readonly firewallPolicy: string;
  readonly parentFirewallPolicy: string;
  readonly firewallPublicIps: readonly string[];
  readonly bastion: string;
  readonly bastionPublicIp: string;
  readonly bastionSecurityGroup: string;
  readonly buildAgents: {
    readonly securityGroup: string;
    readonly routeTable: string;
    readonly ruleCollectionGroup: string;
  };
  readonly logAnalyticsWorkspace: string;
}

export interface SpokeNames {
  readonly resourceGroup: string;
  readonly virtualNetwork: string;
  readonly routeTable: string;
  readonly cluster: string;
  readonly dnsPrefix: string;
  readonly nodeResourceGroup: string;
  readonly registry: string;
  readonly keyVault: string;
  readonly logAnalyticsWorkspace: string;
  readonly applicationGateway: string;
  readonly applicationGatewayPublicIp: string;
  readonly wafPolicy: string;
  readonly ipGroup: string;
  /** The spoke's rule collection group: unique to the workload on a shared policy. */
  readonly ruleCollectionGroup: string;
  /** The cluster's Event Grid system topic. */
  readonly eventGridTopic: string;
  readonly monitoring: {
    /** Azure Monitor workspace of managed Prometheus. */
    readonly monitorWorkspace: string;
    readonly dataCollectionEndpoint: string;
    readonly containerInsightsRule: string;
    readonly prometheusRule: string;
    readonly actionGroup: string;
    /** Prefix of the alert rules. */
    readonly alertPrefix: string;
  };
  readonly identities: {
    readonly controlPlane: string;
    readonly ingress: string;
    readonly applicationGateway: string;
  };
  readonly privateEndpoints: { readonly registry: string; readonly keyVault: string };
}

/** FNV-1a: a small, stable hash that runs the same in Node and in the browser. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Five base-36 characters derived from who the deployment is for and where. */
export function derivedSuffix(config: Config): string {
  const { businessUnit, workload, environment } = config.naming;
  // Not the subscription: adding it to the file later must not rename the registry and vault.
  const identity = [businessUnit, workload, environment, config.location].join('/');
  return fnv1a(identity).toString(36).padStart(7, '0').slice(-5);
}

/** Who the design is for and where, e.g. `bu0001a0008-prod-eus2`: what tells its subscription-wide records apart. */
export function designKey(config: Config, region: Region): string {
  const { businessUnit, workload, environment } = config.naming;
  return `${businessUnit}${workload}-${environment}-${region.shortCode}`;
}

export function hubNames(config: Config, region: Region): HubNames {
  const { businessUnit, workload, environment } = config.naming;
  const base = `${businessUnit}${workload}-hub-${environment}-${region.shortCode}`;
  return {
    resourceGroup: `rg-${base}`,
    virtualNetwork: `vnet-${base}`,
    firewall: `afw-${base}`,
    firewallPolicy: `afwp-${base}`,
    parentFirewallPolicy: `afwp-${businessUnit}${workload}-base-${environment}-${region.shortCode}`,
    firewallPublicIps: Array.from(
      { length: config.hub.firewall.publicIpCount },
      (_, i) => `pip-afw-${base}-${String(i + 1).padStart(2, '0')}`,
    ),
    bastion: `bas-${base}`,
    bastionPublicIp: `pip-bas-${base}`,
    bastionSecurityGroup: `nsg-${base}-bastion`,
    buildAgents: {
      securityGroup: `nsg-${base}-build-agents`,
      routeTable: `rt-${base}-build-agents`,
      ruleCollectionGroup: `rcg-${base}-build-agents`,
    },
    logAnalyticsWorkspace: `log-${base}`,
  };
}

export function spokeNames(config: Config, spoke: SpokeConfig, region: Region): SpokeNames {
  const { businessUnit, workload } = config.naming;
  const environment = spoke.environment ?? config.naming.environment;
  const id = `${businessUnit}${workload}`;
  const base = `${id}-${spoke.name}-${environment}-${region.shortCode}`;
  const suffix = config.naming.suffix ?? derivedSuffix(config);
  return {
    resourceGroup: `rg-${base}`,
    virtualNetwork: `vnet-${base}`,
    routeTable: `rt-${base}`,
    cluster: `aks-${base}`,
    dnsPrefix: `aks-${base}`,
    nodeResourceGroup: `rg-${base}-nodepools`,
    registry: spoke.names.registry ?? `cr${id}${spoke.name}${environment}${suffix}`,
    keyVault: spoke.names.keyVault ?? `kv-${id}-${spoke.name}-${suffix}`,
    logAnalyticsWorkspace: `log-${base}`,
    applicationGateway: `agw-${base}`,
    applicationGatewayPublicIp: `pip-agw-${base}`,
    wafPolicy: `waf-${base}`,
    ipGroup: `ipg-${base}-nodes`,
    ruleCollectionGroup: `rcg-${base}`,
    eventGridTopic: `evgt-${base}`,
    monitoring: {
      // At most 44 characters: without the region code, which the group already implies.
      monitorWorkspace: `amw-${id}-${spoke.name}-${environment}`,
      dataCollectionEndpoint: `dce-${id}-${spoke.name}-${environment}`,
      // Data collection rules take 64 characters: "-containerinsights" left the longest naming one over.
      containerInsightsRule: `dcr-${base}-insights`,
      prometheusRule: `dcr-${base}-prometheus`,
      actionGroup: `ag-${base}`,
      alertPrefix: `alert-${base}`,
    },
    identities: {
      controlPlane: `id-${base}-controlplane`,
      ingress: `id-${base}-ingress`,
      applicationGateway: `id-${base}-appgw`,
    },
    privateEndpoints: { registry: `pe-${base}-registry`, keyVault: `pe-${base}-keyvault` },
  };
}

/** Every name with the rule it must obey, for checks and reports. */
export function namedResources(hub: HubNames, spoke: SpokeNames): Array<[NameKind, string]> {
  return [
    ['resourceGroup', hub.resourceGroup],
    ['virtualNetwork', hub.virtualNetwork],
    ['firewall', hub.firewall],
    ['firewallPolicy', hub.firewallPolicy],
    ['firewallPolicy', hub.parentFirewallPolicy],
    ...hub.firewallPublicIps.map((name): [NameKind, string] => ['publicIp', name]),
    ['bastion', hub.bastion],
    ['publicIp', hub.bastionPublicIp],
    ['networkSecurityGroup', hub.bastionSecurityGroup],
    ['networkSecurityGroup', hub.buildAgents.securityGroup],
    ['routeTable', hub.buildAgents.routeTable],
    ['logAnalyticsWorkspace', hub.logAnalyticsWorkspace],
    ['resourceGroup', spoke.resourceGroup],
    ['virtualNetwork', spoke.virtualNetwork],
    ['routeTable', spoke.routeTable],
    ['managedCluster', spoke.cluster],
    ['dnsPrefix', spoke.dnsPrefix],
    ['resourceGroup', spoke.nodeResourceGroup],
    ['containerRegistry', spoke.registry],
    ['keyVault', spoke.keyVault],
    ['logAnalyticsWorkspace', spoke.logAnalyticsWorkspace],
    ['applicationGateway', spoke.applicationGateway],
    ['publicIp', spoke.applicationGatewayPublicIp],
    ['wafPolicy', spoke.wafPolicy],
    ['ipGroup', spoke.ipGroup],
    ['userAssignedIdentity', spoke.identities.controlPlane],
    ['userAssignedIdentity', spoke.identities.ingress],
    ['userAssignedIdentity', spoke.identities.applicationGateway],
    ['privateEndpoint', spoke.privateEndpoints.registry],
    ['privateEndpoint', spoke.privateEndpoints.keyVault],
    ['monitorWorkspace', spoke.monitoring.monitorWorkspace],
    ['dataCollectionEndpoint', spoke.monitoring.dataCollectionEndpoint],
    ['dataCollectionRule', spoke.monitoring.containerInsightsRule],
    ['dataCollectionRule', spoke.monitoring.prometheusRule],
    ['actionGroup', spoke.monitoring.actionGroup],
  ];
}

/**
 * The globally unique names are the ones inputs can break: Key Vault allows only
 * 24 characters, and both accept overrides. (The schema's length limits on the
 * naming parts keep every other derived name within its rule; a property test
 * holds that line.) A problem points at the override that fixes it.
 */
export function checkSpokeNames(names: SpokeNames, spoke: SpokeConfig, at: ConfigPath): Diagnostic[] {
  const checks = [
    ['containerRegistry', 'registry'],
    ['keyVault', 'keyVault'],
  ] as const;
  return checks.flatMap(([kind, key]) => {
    const problem = nameProblem(kind, names[key]);
    if (!problem) return [];
    const fix =
      spoke.names[key] !== undefined
        ? 'Choose a name that follows the rule.'
        : `Shorten naming.businessUnit, naming.workload or this spoke's name, or set names.${key} for this spoke.`;
    return [inputError('name/invalid', [...at, 'names', key], problem, fix)];
  });
}

/** Two spokes must not claim the same globally unique name. */
export function checkUniqueNames(all: readonly SpokeNames[]): Diagnostic[] {
  const seen = new Map<string, number>();
  const problems: Diagnostic[] = [];
  all.forEach((names, i) => {
    for (const [key, name] of [
      ['registry', names.registry],
      ['keyVault', names.keyVault],
    ] as const) {
      const id = `${key}:${name.toLowerCase()}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else {
        problems.push(
          inputError(
            'name/duplicate',
            ['spokes', i, 'names', key],
            `"${name}" is already the ${key} name of spokes[${first}]; these names are global`,
            'Give each spoke its own name.',
          ),
        );
      }
    }
  });
  return problems;
}

/** `nsg-<network>-<subnet>`, e.g. nsg-bu0001a0008-00-prod-eus2-appgw. */
export function securityGroupName(virtualNetwork: string, subnet: string): string {
  return `nsg-${virtualNetwork.replace(/^vnet-/, '')}-${subnet.replace(/^snet-/, '')}`;
}

/** A peering is named after the network it reaches. */
export function peeringName(remoteVirtualNetwork: string): string {
  return `to-${remoteVirtualNetwork}`;
}
