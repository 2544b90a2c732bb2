/**
 * Azure Bastion in the hub. Spec "Subnet to host Azure Bastion": "securely access
 * Azure resources without exposing the resources to the internet … for management
 * and operations only." Standard SKU for native-client tunnels (az network bastion tunnel).
 */
import type { PlannedSubnet } from '../../ipplan/plan.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { zoneNames } from './common.js';
import type { HubContext } from './context.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import type { SecurityRule } from './security-rules.js';
import { denyAllInbound, networkSecurityGroup } from './security-rules.js';

export interface BastionNames {
  readonly bastion: string;
  readonly publicIp: string;
  readonly nsg: string;
  readonly virtualNetwork: string;
}

/**
 * The rules Azure requires on AzureBastionSubnet (Microsoft Learn, "Working with
 * NSG access and Azure Bastion").
 */
const BASTION_RULES: readonly SecurityRule[] = [
  {
    name: 'AllowHttpsInbound',
    description: 'Operators reach Bastion over HTTPS.',
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: 'Internet',
    destination: '*',
    ports: '443',
    priority: 120,
  },
  {
    name: 'AllowGatewayManagerInbound',
    description: 'The Bastion control plane.',
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: 'GatewayManager',
    destination: '*',
    ports: '443',
    priority: 130,
  },
  {
    name: 'AllowAzureLoadBalancerInbound',
    description: 'Health probes.',
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: 'AzureLoadBalancer',
    destination: '*',
    ports: '443',
    priority: 140,
  },
  {
    name: 'AllowBastionHostCommunication',
    description: 'Bastion instances talk to each other.',
    direction: 'Inbound',
    access: 'Allow',
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
    ports: ['8080', '5701'],
    priority: 150,
  },
  denyAllInbound(),
  {
    name: 'AllowSshRdpOutbound',
    description: 'Sessions to the VMs Bastion serves.',
    direction: 'Outbound',
    access: 'Allow',
    protocol: '*',
    source: '*',
    destination: 'VirtualNetwork',
    ports: ['22', '3389'],
    priority: 100,
  },
  {
    name: 'AllowAzureCloudOutbound',
    description: 'Diagnostics and metering.',
    direction: 'Outbound',
    access: 'Allow',
    protocol: 'Tcp',
    source: '*',
    destination: 'AzureCloud',
    ports: '443',
    priority: 110,
  },
  {
    name: 'AllowBastionCommunication',
    description: 'Bastion instances talk to each other.',
    direction: 'Outbound',
    access: 'Allow',
    protocol: '*',
    source: 'VirtualNetwork',
    destination: 'VirtualNetwork',
    ports: ['8080', '5701'],
    priority: 120,
  },
  {
    name: 'AllowHttpOutbound',
    description: 'Session and certificate validation.',
    direction: 'Outbound',
    access: 'Allow',
    protocol: '*',
    source: '*',
    destination: 'Internet',
    ports: '80',
    priority: 130,
  },
  {
    name: 'DenyAllOutbound',
    description: 'Nothing else leaves the Bastion subnet.',
    direction: 'Outbound',
    access: 'Deny',
    protocol: '*',
    source: '*',
    destination: '*',
    ports: '*',
    priority: 4096,
  },
];

export function bastionSecurityGroup(ctx: HubContext, names: BastionNames): ArmResource {
  return networkSecurityGroup(
    names.nsg,
    ctx.location,
    ctx.tags('bastion'),
    'The rules Azure Bastion requires.',
    BASTION_RULES,
  );
}

export function bastion(ctx: HubContext, names: BastionNames, subnet: PlannedSubnet): ArmResource[] {
  const id = localId(ctx.at);
  const ipId = id('Microsoft.Network/publicIPAddresses', names.publicIp);
  const subnetId = id('Microsoft.Network/virtualNetworks/subnets', names.virtualNetwork, subnet.name);
  const vnetId = id('Microsoft.Network/virtualNetworks', names.virtualNetwork);
  const hostId = id('Microsoft.Network/bastionHosts', names.bastion);
  return [
    armResource('Microsoft.Network/publicIPAddresses', names.publicIp, {
      comments: "Bastion's public address: operators reach it over TLS, the nodes never have one.",
      location: ctx.location,
      tags: ctx.tags('bastion'),
      sku: { name: 'Standard', tier: 'Regional' },
      zones: zoneNames(ctx.design.zones),
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    }),
    armResource('Microsoft.Network/bastionHosts', names.bastion, {
      location: ctx.location,
      tags: ctx.tags('bastion'),
      comments: 'Operator access without public IPs on VMs (spec: "Azure Bastion for remote access").',
      sku: { name: 'Standard' },
      dependsOn: [ipId, vnetId],
      properties: {
        enableTunneling: true,
        ipConfigurations: [
          { name: 'default', properties: { subnet: { id: subnetId }, publicIPAddress: { id: ipId } } },
        ],
      },
    }),
    diagnosticSetting(
      ctx.at,
      { type: 'Microsoft.Network/bastionHosts', name: names.bastion, metrics: true },
      ctx.workspace,
      [hostId],
    ),
    diagnosticSetting(
      ctx.at,
      { type: 'Microsoft.Network/publicIPAddresses', name: names.publicIp, metrics: true },
      ctx.workspace,
      [ipId],
    ),
  ];
}
