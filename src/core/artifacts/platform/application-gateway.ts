/**
 * Application Gateway with its web application firewall: the only way in.
 * Spec "Subnet to host Azure Application Gateway" (WAF_v2 "secures incoming
 * traffic from common web traffic attacks, including bots"), "Ingress traffic
 * flow": TLS 1.2 minimum with a restricted set of ciphers; the public certificate
 * from Key Vault through a user-assigned identity; traffic "encrypted again with
 * another TLS certificate" to the ingress controller's internal load balancer.
 */
import type { SpokeDesign } from '../../design/design.js';
import type { ArmExpression } from '../arm/expression.js';
import { keyedMap } from '../arm/expression.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';
import { diagnosticSetting } from '../monitoring/diagnostics.js';
import { zoneNames } from '../network/common.js';
import type { StageContext, Workspace } from '../network/context.js';
import { CERTIFICATE_SECRETS, secretId } from './certificates.js';

export function applicationGateway(
  ctx: StageContext,
  spoke: SpokeDesign,
  subnetId: ArmExpression,
  ingressIp: string,
  workspace: Workspace,
): ArmResource[] {
  const id = localId(ctx.at);
  const name = spoke.names.applicationGateway;
  const part = (type: string, child: string) =>
    id(`Microsoft.Network/applicationGateways/${type}`, name, child);
  const gatewayId = id('Microsoft.Network/applicationGateways', name);
  const wafId = id(
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    spoke.names.wafPolicy,
  );
  const ipId = id('Microsoft.Network/publicIPAddresses', spoke.names.applicationGatewayPublicIp);
  const identityId = id(
    'Microsoft.ManagedIdentity/userAssignedIdentities',
    spoke.names.identities.applicationGateway,
  );
  const vault = spoke.names.keyVault;
  const tags = ctx.tags('ingress');
  const zones = zoneNames(ctx.design.zones);
  const { hostNames, internalHost, minCapacity, maxCapacity } = spoke.ingress;
  return [
    armResource('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', spoke.names.wafPolicy, {
      location: ctx.location,
      tags,
      comments:
        'Blocks common web attacks and bots (spec: "including bots"); Prevention, not only detection.',
      properties: {
        policySettings: { state: 'Enabled', mode: 'Prevention', requestBodyCheck: true },
        managedRules: {
          managedRuleSets: [
            { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' },
            { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
          ],
        },
      },
    }),
    armResource('Microsoft.Network/publicIPAddresses', spoke.names.applicationGatewayPublicIp, {
      location: ctx.location,
      tags,
      comments: "The workload's only public address: clients reach it over HTTPS.",
      sku: { name: 'Standard', tier: 'Regional' },
      zones,
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    }),
    armResource('Microsoft.Network/applicationGateways', name, {
      location: ctx.location,
      tags,
      comments: 'TLS terminates here for WAF inspection and starts again to the ingress controller.',
      zones,
      dependsOn: [wafId, ipId],
      identity: { type: 'UserAssigned', userAssignedIdentities: keyedMap([[identityId, {}]]) },
      properties: {
        sku: { name: 'WAF_v2', tier: 'WAF_v2' },
        autoscaleConfiguration: { minCapacity, maxCapacity },
        firewallPolicy: { id: wafId },
        // TLS 1.2 minimum with strong ciphers only (spec: "a restricted set of ciphers").
        sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' },
        gatewayIPConfigurations: [{ name: 'gateway', properties: { subnet: { id: subnetId } } }],
        frontendIPConfigurations: [{ name: 'public', properties: { publicIPAddress: { id: ipId } } }],
        frontendPorts: [{ name: 'https', properties: { port: 443 } }],
        sslCertificates: [
          {
            name: 'public',
            properties: { keyVaultSecretId: secretId(ctx.at, vault, CERTIFICATE_SECRETS.gateway) },
          },
        ],
        trustedRootCertificates: [
          {
            name: 'ingress-root',
            properties: { keyVaultSecretId: secretId(ctx.at, vault, CERTIFICATE_SECRETS.ingressTrustedRoot) },
          },
        ],
        probes: [
          {
            name: 'ingress',
            properties: {
              protocol: 'Https',
              host: internalHost,
              path: '/',
              interval: 30,
              timeout: 30,
              unhealthyThreshold: 3,
              pickHostNameFromBackendHttpSettings: false,
              minServers: 0,
              match: { statusCodes: ['200-399'] },
            },
          },
        ],
        backendAddressPools: [
          { name: 'ingress', properties: { backendAddresses: [{ ipAddress: ingressIp }] } },
        ],
        backendHttpSettingsCollection: [
          {
            name: 'ingress-https',
            properties: {
              port: 443,
              protocol: 'Https',
              cookieBasedAffinity: 'Disabled',
              // The wildcard certificate's name, though the backend is addressed by IP.
              hostName: internalHost,
              pickHostNameFromBackendAddress: false,
              requestTimeout: 20,
              probe: { id: part('probes', 'ingress') },
              trustedRootCertificates: [{ id: part('trustedRootCertificates', 'ingress-root') }],
            },
          },
        ],
        httpListeners: [
          {
            name: 'https',
            properties: {
              frontendIPConfiguration: { id: part('frontendIPConfigurations', 'public') },
              frontendPort: { id: part('frontendPorts', 'https') },
              protocol: 'Https',
              sslCertificate: { id: part('sslCertificates', 'public') },
              hostNames,
              requireServerNameIndication: true,
            },
          },
        ],
        requestRoutingRules: [
          {
            name: 'to-ingress',
            properties: {
              priority: 100,
              ruleType: 'Basic',
              httpListener: { id: part('httpListeners', 'https') },
              backendAddressPool: { id: part('backendAddressPools', 'ingress') },
              backendHttpSettings: { id: part('backendHttpSettingsCollection', 'ingress-https') },
            },
          },
        ],
      },
    }),
    diagnosticSetting(
      ctx.at,
      { type: 'Microsoft.Network/applicationGateways', name, metrics: true },
      workspace,
      [gatewayId],
    ),
    diagnosticSetting(
      ctx.at,
      {
        type: 'Microsoft.Network/publicIPAddresses',
        name: spoke.names.applicationGatewayPublicIp,
        metrics: true,
      },
      workspace,
      [ipId],
    ),
  ];
}
