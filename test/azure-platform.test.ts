/** The workload team's stages: what the spec asks of each Azure service around the cluster. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_ROLES, nameGuid } from '../src/core/artifacts/platform/roles.js';
import { validateTemplate } from '../src/cli/schemas/arm.js';
import type { Json } from './artifacts.js';
import { json, resolved, stage, stageFile } from './artifacts.js';
import { LANDING_ZONE, planOk } from './helpers.js';

describe('the registry (spec: "Container image reference", "Disaster recovery")', () => {
  const { files, design } = planOk('{}');
  const [registry] = resolved(files, 'Microsoft.ContainerRegistry/registries');
  const properties = registry!['properties'] as Json;

  it('is a Premium registry reached only over Private Link, with no admin user, anonymous pull or export', () => {
    assert.deepEqual(registry!['sku'], { name: 'Premium' });
    assert.equal(properties['adminUserEnabled'], false);
    assert.equal(properties['anonymousPullEnabled'], false);
    assert.equal(properties['publicNetworkAccess'], 'Disabled');
    assert.deepEqual(properties['policies'], { exportPolicy: { status: 'disabled' } });
    assert.equal(properties['zoneRedundancy'], 'Enabled');
  });

  it("pins the permissions mode that honours the kubelet's AcrPull, never the registry default", () => {
    // Learn "Azure ABAC repository permissions in Azure Container Registry": ABAC mode, the announced
    // default, ignores AcrPull; the spec grants AcrPull ("AKS access to Azure").
    assert.equal(properties['roleAssignmentMode'], 'LegacyRegistryPermissions');
    const pull = resolved(files, 'Microsoft.Authorization/roleAssignments').filter((a) =>
      String((a['properties'] as Json)['roleDefinitionId']).endsWith(BUILT_IN_ROLES.AcrPull),
    );
    assert.deepEqual(
      pull.map((a) => a['scope']),
      [registry!['id']],
    );
  });

  it("replicates to the region's pair by default, to the regions given, or nowhere", () => {
    const replicas = (text: string) =>
      resolved(planOk(text).files, 'Microsoft.ContainerRegistry/registries/replications').map(
        (r) => r['location'],
      );
    assert.deepEqual(replicas('{}'), ['centralus']);
    assert.deepEqual(
      replicas(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, registry: { geoReplication: { locations: [westus3, westus] } } }]',
      ),
      ['westus3', 'westus'],
    );
    assert.deepEqual(
      replicas(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, registry: { geoReplication: { enabled: false } } }]',
      ),
      [],
    );
    const westus = resolved(
      planOk(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, registry: { geoReplication: { locations: [westus] } } }]',
      ).files,
      'Microsoft.ContainerRegistry/registries/replications',
    )[0]!;
    assert.equal((westus['properties'] as Json)['zoneRedundancy'], 'Disabled', 'West US has no zones');
  });

  it('has a private endpoint in the spoke, registered in the shared privatelink.azurecr.io zone', () => {
    const [endpoint] = resolved(files, 'Microsoft.Network/privateEndpoints');
    const endpointProperties = endpoint!['properties'] as Json;
    const subnet = String((endpointProperties['subnet'] as Json)['id']);
    assert.match(subnet, /\/virtualNetworks\/vnet-bu0001a0008-00-prod-eus2\/subnets\/snet-privatelink$/);
    const connection = (endpointProperties['privateLinkServiceConnections'] as Json[])[0]![
      'properties'
    ] as Json;
    assert.deepEqual(connection['groupIds'], ['registry']);
    assert.equal(connection['privateLinkServiceId'], registry!['id']);
    const [group] = resolved(files, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
    const [config] = ((group!['properties'] as Json)['privateDnsZoneConfigs'] as Json[]) ?? [];
    const zoneId = (config!['properties'] as Json)['privateDnsZoneId'];
    const [zone] = resolved(files, 'Microsoft.Network/privateDnsZones').filter(
      (z) => z['name'] === 'privatelink.azurecr.io',
    );
    assert.equal(zoneId, zone!['id'], 'the one shared zone of the hub');
    const subnetPlan = design.ipPlan.networks[1]!.subnets.find((s) => s.role === 'privateEndpoints')!;
    assert.ok(
      subnetPlan.required >= 2 + design.spokes[0]!.registryReplicas.length,
      'the IP plan holds its addresses',
    );
  });

  it("sends the login and repository events to the workload's workspace", () => {
    const settings = resolved(files, 'Microsoft.Insights/diagnosticSettings').filter((d) =>
      String(d['id']).includes('/registries/'),
    );
    assert.equal(settings.length, 1);
    const setting = settings[0]!['properties'] as Json;
    assert.deepEqual(setting['logs'], [{ categoryGroup: 'allLogs', enabled: true }]);
    const [workspace] = resolved(files, 'Microsoft.OperationalInsights/workspaces').filter((w) =>
      String(w['name']).includes('-00-'),
    );
    assert.equal(setting['workspaceId'], workspace!['id']);
  });

  it('comes after the spoke and the zones, gives its login server, and validates against the schemas', () => {
    const registryStage = stage(files, 'services-00');
    assert.ok(registryStage.dependsOn.includes('spoke-00'));
    assert.ok(registryStage.dependsOn.includes('hub'), 'the zones exist');
    assert.deepEqual(registryStage.outputs, ['loginServer', 'controlPlanePrincipalId']);
    assert.deepEqual(validateTemplate(json(files, `azure/${registryStage.template}`)), []);
  });

  it("with a landing zone's own zones, registers there", () => {
    const { files: lz } = planOk(`subscriptionId: 11111111-1111-1111-1111-111111111111
hub:
  existing:
    addressSpace: 10.100.0.0/22
    virtualNetworkId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub
    firewallPrivateIp: 10.100.0.4
    firewallPublicIps: [20.10.10.1]
    firewallPolicyId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/afwp-org
    privateDnsZonesResourceGroupId: /subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-dns
`);
    const [group] = resolved(lz, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
    assert.match(
      JSON.stringify(group),
      /\/subscriptions\/22222222-2222-2222-2222-222222222222\/resourceGroups\/rg-dns\/providers\/Microsoft.Network\/privateDnsZones\/privatelink.azurecr.io/,
    );
  });
});

describe('the Key Vault (spec: "Add secret management")', () => {
  const { files } = planOk('{}');
  const [vault] = resolved(files, 'Microsoft.KeyVault/vaults');
  const properties = vault!['properties'] as Json;

  it('uses RBAC permissions, keeps deleted secrets recoverable, and is closed to the internet', () => {
    assert.equal(properties['enableRbacAuthorization'], true);
    assert.equal(properties['enableSoftDelete'], true);
    assert.equal(properties['enablePurgeProtection'], true);
    assert.equal(properties['softDeleteRetentionInDays'], 90);
    assert.equal(properties['publicNetworkAccess'], 'Disabled');
    assert.equal((properties['networkAcls'] as Json)['defaultAction'], 'Deny');
    assert.equal(
      properties['tenantId'],
      '<tenant-id>',
      "the subscription's tenant, unknown until deployment",
    );
  });

  it('takes the configured tenant and retention', () => {
    const { files: configured } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, keyVault: { softDeleteRetentionDays: 30 }, cluster: { entra: { tenantId: 44444444-4444-4444-4444-444444444444 } } }]',
    );
    const other = resolved(configured, 'Microsoft.KeyVault/vaults')[0]!['properties'] as Json;
    assert.equal(other['tenantId'], '44444444-4444-4444-4444-444444444444');
    assert.equal(other['softDeleteRetentionInDays'], 30);
  });

  it('has a private endpoint registered in the shared privatelink.vaultcore.azure.net zone', () => {
    const endpoint = resolved(files, 'Microsoft.Network/privateEndpoints').find((e) =>
      String(e['name']).endsWith('-keyvault'),
    )!;
    const connection = ((endpoint['properties'] as Json)['privateLinkServiceConnections'] as Json[])[0]![
      'properties'
    ] as Json;
    assert.deepEqual(connection['groupIds'], ['vault']);
    assert.equal(connection['privateLinkServiceId'], vault!['id']);
    const group = resolved(files, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups').find((g) =>
      String(g['name']).startsWith(String(endpoint['name'])),
    )!;
    assert.match(JSON.stringify(group), /privateDnsZones\/privatelink\.vaultcore\.azure\.net"/);
  });

  it('keeps an access audit log in the workload workspace', () => {
    const setting = resolved(files, 'Microsoft.Insights/diagnosticSettings').find((d) =>
      String(d['id']).includes('/vaults/'),
    )!;
    assert.deepEqual((setting['properties'] as Json)['logs'], [{ categoryGroup: 'allLogs', enabled: true }]);
  });
});

describe('identities and their roles (spec: "AKS access to Azure")', () => {
  const { files } = planOk('{}');
  const assignments = resolved(files, 'Microsoft.Authorization/roleAssignments');
  const byRole = (roleId: string) =>
    assignments.filter((a) => String((a['properties'] as Json)['roleDefinitionId']).endsWith(roleId));
  const principalOf = (a: Json) => String((a['properties'] as Json)['principalId']);

  it('gives the control plane, the ingress controller and Application Gateway an identity each', () => {
    assert.deepEqual(
      resolved(files, 'Microsoft.ManagedIdentity/userAssignedIdentities').map((i) => i['name']),
      [
        'id-bu0001a0008-00-prod-eus2-controlplane',
        'id-bu0001a0008-00-prod-eus2-ingress',
        'id-bu0001a0008-00-prod-eus2-appgw',
      ],
    );
  });

  it('lets the control plane manage exactly the node and ingress subnets (API server subnet when used)', () => {
    const network = byRole(BUILT_IN_ROLES['Network Contributor']);
    assert.ok(network.every((a) => principalOf(a).includes('controlplane')));
    assert.deepEqual(
      network.map((a) => String(a['scope']).split('/').at(-1)),
      ['snet-nodes', 'snet-ingress'],
    );
    const integrated = resolved(
      planOk(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { vnetIntegration: true } } }]',
      ).files,
      'Microsoft.Authorization/roleAssignments',
    ).filter((a) =>
      String((a['properties'] as Json)['roleDefinitionId']).endsWith(BUILT_IN_ROLES['Network Contributor']),
    );
    assert.ok(integrated.some((a) => String(a['scope']).endsWith('/snet-apiserver')));
  });

  it('lets the ingress controller and Application Gateway read secrets of the vault, and nothing wider', () => {
    const readers = byRole(BUILT_IN_ROLES['Key Vault Secrets User']);
    assert.deepEqual(readers.map((a) => principalOf(a).replace(/^<principal ID of (.*)>$/, '$1')).sort(), [
      'id-bu0001a0008-00-prod-eus2-appgw',
      'id-bu0001a0008-00-prod-eus2-ingress',
    ]);
    const [vault] = resolved(files, 'Microsoft.KeyVault/vaults');
    assert.ok(readers.every((a) => a['scope'] === vault!['id']));
    assert.ok(
      assignments.every((a) => !/\/resourceGroups\/[^/]+$/.test(String(a['scope']))),
      'never a whole group',
    );
  });

  it('names each assignment at deployment from its real scope, principal and role (names are tenant-wide)', () => {
    const names = assignments.map((a) => String(a['name']));
    // guid(scope, principal, role): ARM evaluates it in the subscription it deploys to, never a placeholder.
    for (const name of names) {
      assert.match(
        name,
        /^\[guid\(resourceId\('[^']+', .+\), (resourceId\(|parameters\(|')[^]*, '[0-9a-f-]{36}'\)\]$/,
      );
      assert.doesNotMatch(name, /<subscription-id>/);
    }
    assert.equal(new Set(names).size, names.length);
    const [ingress] = byRole(BUILT_IN_ROLES['Key Vault Secrets User']).filter((a) =>
      principalOf(a).includes('-ingress'),
    );
    assert.equal(
      ingress!['name'],
      "[guid(resourceId('Microsoft.KeyVault/vaults', 'kv-bu0001a0008-00-mjaif'), resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-bu0001a0008-00-prod-eus2-ingress'), '4633458b-17de-408a-b874-0445c86b69e6')]",
    );
    assert.equal(nameGuid('a'), nameGuid('a'));
    assert.notEqual(nameGuid('a'), nameGuid('b'));
  });

  it("sets every assignment's principalType (Azure then waits for a new principal's replication) and marks it as Baseplate's", () => {
    const configs = [
      '{}',
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true, vnetIntegration: true } } }]',
    ];
    for (const config of configs) {
      for (const assignment of resolved(planOk(config).files, 'Microsoft.Authorization/roleAssignments')) {
        const properties = assignment['properties'] as Json;
        assert.ok(['ServicePrincipal', 'Group'].includes(String(properties['principalType'])));
        assert.match(String(properties['description']), /^\[baseplate\] /);
      }
    }
  });
});

describe('Application Gateway (spec: "Ingress traffic flow")', () => {
  const { files, design } = planOk(
    'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [bicycle.contoso.com, www.bicycle.contoso.com] } }]',
  );
  const [gateway] = resolved(files, 'Microsoft.Network/applicationGateways');
  const properties = gateway!['properties'] as Json;
  const first = (key: string) => (properties[key] as Json[])[0]!['properties'] as Json;

  it('is a zone-redundant, autoscaled WAF_v2 with a Prevention policy of the current rule sets', () => {
    assert.deepEqual(properties['sku'], { name: 'WAF_v2', tier: 'WAF_v2' });
    assert.deepEqual(gateway!['zones'], ['1', '2', '3']);
    assert.deepEqual(properties['autoscaleConfiguration'], { minCapacity: 2, maxCapacity: 10 });
    const [waf] = resolved(files, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies');
    assert.equal((properties['firewallPolicy'] as Json)['id'], waf!['id']);
    const wafProperties = waf!['properties'] as Json;
    assert.equal((wafProperties['policySettings'] as Json)['mode'], 'Prevention');
    assert.deepEqual(
      ((wafProperties['managedRules'] as Json)['managedRuleSets'] as Json[]).map(
        (r) => `${String(r['ruleSetType'])} ${String(r['ruleSetVersion'])}`,
      ),
      ['Microsoft_DefaultRuleSet 2.1', 'Microsoft_BotManagerRuleSet 1.1'],
    );
  });

  it('accepts only HTTPS with TLS 1.2 or later, for the configured host names, with SNI', () => {
    assert.deepEqual(properties['sslPolicy'], {
      policyType: 'Predefined',
      policyName: 'AppGwSslPolicy20220101S',
    });
    assert.deepEqual(
      (properties['frontendPorts'] as Json[]).map((p) => (p['properties'] as Json)['port']),
      [443],
    );
    const listener = first('httpListeners');
    assert.equal(listener['protocol'], 'Https');
    assert.deepEqual(listener['hostNames'], ['bicycle.contoso.com', 'www.bicycle.contoso.com']);
    assert.equal(listener['requireServerNameIndication'], true);
  });

  it('reads its certificates from Key Vault by versionless secret ID, through its own identity', () => {
    const [vault] = resolved(files, 'Microsoft.KeyVault/vaults');
    const vaultUri = `https://${String(vault!['name'])}.vault.azure.net/secrets/`;
    assert.equal(first('sslCertificates')['keyVaultSecretId'], `${vaultUri}gateway-public-tls`);
    assert.equal(first('trustedRootCertificates')['keyVaultSecretId'], `${vaultUri}ingress-internal-root`);
    const identities = Object.keys((gateway!['identity'] as Json)['userAssignedIdentities'] as Json);
    assert.equal(identities.length, 1);
    assert.match(identities[0]!, /\/userAssignedIdentities\/id-bu0001a0008-00-prod-eus2-appgw$/);
    const text = files
      .filter((f) => f.path.startsWith('azure/'))
      .map((f) => f.content)
      .join('');
    assert.doesNotMatch(
      text,
      /BEGIN (CERTIFICATE|PRIVATE KEY)|"data":|"password":/,
      'no certificate material in any artifact',
    );
  });

  it("re-encrypts to the ingress controller's load balancer IP, by the internal host name, and probes it", () => {
    const pool = (first('backendAddressPools')['backendAddresses'] as Json[])[0]!;
    assert.equal(pool['ipAddress'], design.ipPlan.clusters[0]!.ingressIp);
    const settings = first('backendHttpSettingsCollection');
    assert.equal(settings['protocol'], 'Https');
    assert.equal(settings['port'], 443);
    assert.equal(settings['hostName'], 'bu0001a0008-00.aks-ingress.contoso.com', "the spec's backend host");
    assert.equal(first('probes')['host'], settings['hostName']);
    assert.equal(first('probes')['protocol'], 'Https');
  });

  it('has its own stage after the services, waiting for the certificates in the vault', () => {
    const ingress = stage(files, 'ingress-00');
    assert.deepEqual(ingress.dependsOn, ['services-00']);
    assert.match((ingress.prerequisites ?? []).join(' '), /gateway-public-tls .*ingress-internal-root/);
    assert.deepEqual(validateTemplate(json(files, `azure/${ingress.template}`)), []);
  });
});

describe('the cluster (spec: "Configure compute for the base cluster" and after)', () => {
  const { files, design } = planOk(`
spokes:
  - name: "00"
    addressSpace: 10.240.0.0/16
    cluster:
      entra:
        adminGroupObjectIds: [11111111-2222-3333-4444-555555555555]
        readerGroupObjectIds: [66666666-7777-8888-9999-000000000000]
      apiServer: { authorizedIpRanges: [203.0.113.0/24] }
`);
  const [aks] = resolved(files, 'Microsoft.ContainerService/managedClusters');
  const properties = aks!['properties'] as Json;
  const pools = properties['agentPoolProfiles'] as Json[];

  it('runs a tainted system pool and a user pool across zones, autoscaled, Azure Linux, 30 pods, 33% surge', () => {
    const [system, user] = pools;
    assert.equal(system!['mode'], 'System');
    assert.deepEqual(system!['nodeTaints'], ['CriticalAddonsOnly=true:NoSchedule']);
    assert.equal(user!['mode'], 'User');
    assert.equal(user!['nodeTaints'], undefined);
    for (const pool of pools) {
      assert.deepEqual(pool['availabilityZones'], ['1', '2', '3']);
      assert.equal(pool['enableAutoScaling'], true);
      assert.equal(pool['osSKU'], 'AzureLinux');
      assert.equal(pool['maxPods'], 30);
      assert.equal(pool['enableNodePublicIP'], false);
      assert.deepEqual(pool['upgradeSettings'], { maxSurge: '33%' });
      assert.equal((pool['tags'] as Json)['node-pool'], pool['name'], 'tagged for chargeback');
    }
    assert.deepEqual(
      [system!['minCount'], system!['maxCount'], user!['minCount'], user!['maxCount']],
      [3, 4, 2, 5],
    );
  });

  it('uses Azure CNI Overlay with network policy, the planned ranges, and egress through the firewall', () => {
    const networkProfile = properties['networkProfile'] as Json;
    assert.equal(networkProfile['networkPluginMode'], 'overlay');
    assert.equal(networkProfile['networkPolicy'], 'azure');
    assert.equal(networkProfile['outboundType'], 'userDefinedRouting');
    const ranges = design.ipPlan.clusters[0]!;
    assert.deepEqual(
      [networkProfile['podCidr'], networkProfile['serviceCidr'], networkProfile['dnsServiceIP']],
      [ranges.podCidr, ranges.serviceCidr, ranges.dnsServiceIp],
    );
  });

  it('admits to its API server the configured ranges plus the firewall egress addresses', () => {
    const access = properties['apiServerAccessProfile'] as Json;
    assert.deepEqual(access['authorizedIPRanges'], [
      '203.0.113.0/24',
      '<public IP of pip-afw-bu0001a0008-hub-prod-eus2-01>/32',
      '<public IP of pip-afw-bu0001a0008-hub-prod-eus2-02>/32',
      '<public IP of pip-afw-bu0001a0008-hub-prod-eus2-03>/32',
    ]);
    const order = json(files, 'azure/deployment-order.json')['stages'] as Array<{
      name: string;
      consumes: Json[];
    }>;
    assert.deepEqual(order.find((s) => s.name === 'cluster-00')!.consumes, [
      { parameter: 'firewallEgressRanges', stage: 'hub', output: 'firewallEgressRanges' },
    ]);
  });

  it('uses Entra ID with Azure RBAC and no local accounts; the groups get Azure roles on the cluster', () => {
    const aad = properties['aadProfile'] as Json;
    assert.equal(aad['managed'], true);
    assert.equal(aad['enableAzureRBAC'], true);
    assert.equal(properties['disableLocalAccounts'], true);
    const roleOf = (id: string) =>
      resolved(files, 'Microsoft.Authorization/roleAssignments')
        .filter((a) => String((a['properties'] as Json)['roleDefinitionId']).endsWith(id))
        .map((a) => (a['properties'] as Json)['principalId']);
    assert.deepEqual(roleOf(BUILT_IN_ROLES['Azure Kubernetes Service RBAC Cluster Admin']), [
      '11111111-2222-3333-4444-555555555555',
    ]);
    // Readers fetch a kubeconfig, then read the workload's and the ingress controller's namespaces only.
    const reader = '66666666-7777-8888-9999-000000000000';
    assert.deepEqual(roleOf(BUILT_IN_ROLES['Azure Kubernetes Service Cluster User Role']), [reader]);
    assert.deepEqual(roleOf(BUILT_IN_ROLES['Azure Kubernetes Service RBAC Reader']), [reader, reader]);
    const readerScopes = resolved(files, 'Microsoft.Authorization/roleAssignments')
      .filter((a) =>
        String((a['properties'] as Json)['roleDefinitionId']).endsWith(
          BUILT_IN_ROLES['Azure Kubernetes Service RBAC Reader'],
        ),
      )
      .map((a) => String(a['scope']).split('/').slice(-2).join('/'));
    assert.deepEqual(readerScopes, ['namespaces/a0008', 'namespaces/traefik']);
    assert.equal(properties['enableRBAC'], true);
    assert.deepEqual(roleOf(BUILT_IN_ROLES.AcrPull), ['<kubelet identity of aks-bu0001a0008-00-prod-eus2>']);
  });

  it('disables run command on a public API server too, unless opted in', () => {
    const access = (p: Json) => p['apiServerAccessProfile'] as Json;
    assert.equal(access(properties)['enablePrivateCluster'], false);
    assert.equal(access(properties)['disableRunCommand'], true);
    const [opted] = resolved(
      planOk(
        'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { runCommand: true } } }]',
      ).files,
      'Microsoft.ContainerService/managedClusters',
    );
    assert.equal(access(opted!['properties'] as Json)['disableRunCommand'], false);
  });

  it('keeps the storage CSI drivers and the snapshot controller off unless the workload needs them', () => {
    const off = { enabled: false };
    assert.deepEqual(properties['storageProfile'], {
      diskCSIDriver: off,
      fileCSIDriver: off,
      blobCSIDriver: off,
      snapshotController: off,
    });
    const [stateful] = resolved(
      planOk('spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { storageDrivers: true } }]')
        .files,
      'Microsoft.ContainerService/managedClusters',
    );
    const profile = (stateful!['properties'] as Json)['storageProfile'] as Record<string, Json>;
    assert.ok(Object.values(profile).every((driver) => driver['enabled'] === true));
  });

  it('runs the Defender sensor in the baseline preset, not in the dev preset', () => {
    const security = (p: Json) => p['securityProfile'] as Json;
    assert.deepEqual((security(properties)['defender'] as Json)['securityMonitoring'], { enabled: true });
    const [dev] = resolved(planOk('preset: dev').files, 'Microsoft.ContainerService/managedClusters');
    assert.equal(security(dev!['properties'] as Json)['defender'], undefined);
  });

  it('turns on workload identity, the secrets provider with rotation, Azure Policy, monitoring and cost analysis', () => {
    assert.deepEqual(properties['oidcIssuerProfile'] as Json, { enabled: true });
    assert.equal(((properties['securityProfile'] as Json)['workloadIdentity'] as Json)['enabled'], true);
    const addons = properties['addonProfiles'] as Record<string, Json>;
    assert.deepEqual(addons['azureKeyvaultSecretsProvider'], {
      enabled: true,
      config: { enableSecretRotation: 'true', rotationPollInterval: '2m' },
    });
    assert.equal(addons['azurepolicy']!['enabled'], true);
    assert.equal(addons['omsagent']!['enabled'], true);
    assert.deepEqual(properties['metricsProfile'], { costAnalysis: { enabled: true } });
    assert.deepEqual(aks!['sku'], { name: 'Base', tier: 'Standard' });
  });

  it('upgrades node images weekly in its window, and the cluster by hand', () => {
    assert.deepEqual(properties['autoUpgradeProfile'], {
      upgradeChannel: 'none',
      nodeOSUpgradeChannel: 'NodeImage',
    });
    const windows = resolved(files, 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations');
    assert.deepEqual(
      windows.map((w) => String(w['name']).split('/')[1]),
      ['aksManagedNodeOSUpgradeSchedule'],
    );
    const window = (windows[0]!['properties'] as Json)['maintenanceWindow'] as Json;
    assert.deepEqual(window['schedule'], { weekly: { intervalWeeks: 1, dayOfWeek: 'Tuesday' } });
    const automatic = resolved(
      planOk('upgrades: { clusterChannel: patch }').files,
      'Microsoft.ContainerService/managedClusters/maintenanceConfigurations',
    );
    assert.equal(automatic.length, 2);
    const immutable = planOk('upgrades: { strategy: immutable }');
    assert.equal(
      resolved(immutable.files, 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations')
        .length,
      0,
    );
    const profile = (
      resolved(immutable.files, 'Microsoft.ContainerService/managedClusters')[0]!['properties'] as Json
    )['autoUpgradeProfile'];
    assert.deepEqual(profile, { upgradeChannel: 'none', nodeOSUpgradeChannel: 'None' });
  });

  it("a private cluster: no public access, no authorized ranges, no run command; its name in the hub's shared zone", () => {
    const { files } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true, vnetIntegration: true } } }]',
    );
    const privateCluster = resolved(files, 'Microsoft.ContainerService/managedClusters')[0]!;
    const access = (privateCluster['properties'] as Json)['apiServerAccessProfile'] as Json;
    assert.equal(access['enablePrivateCluster'], true);
    assert.equal(access['authorizedIPRanges'], undefined);
    assert.equal(access['disableRunCommand'], true);
    assert.match(String(access['subnetId']), /\/subnets\/snet-apiserver$/);
    // Nodes resolve through the hub firewall's DNS proxy: the record goes into the hub's zone, no public name.
    assert.equal(access['enablePrivateClusterPublicFQDN'], false);
    const zone =
      '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-hub-prod-eus2/providers/Microsoft.Network/privateDnsZones/privatelink.eastus2.azmk8s.io';
    assert.equal(access['privateDNSZone'], zone);
    assert.ok(
      resolved(files, 'Microsoft.Network/privateDnsZones').some(
        (z) => z['name'] === 'privatelink.eastus2.azmk8s.io',
      ),
      'the hub holds the zone',
    );

    // The control plane identity may write the zone (granted in the hub's group) and link the spoke network.
    const grants = resolved(files, 'Microsoft.Authorization/roleAssignments').filter(
      (a) =>
        (a['properties'] as Json)['roleDefinitionId'] ===
        `/subscriptions/<subscription-id>/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES['Private DNS Zone Contributor']}`,
    );
    assert.deepEqual(grants.map((a) => a['scope']).sort(), [
      '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers/Microsoft.Network/virtualNetworks/vnet-bu0001a0008-00-prod-eus2',
      zone,
    ]);
    const dns = stage(files, 'private-dns-00');
    assert.deepEqual(dns.consumes, [
      { parameter: 'controlPlanePrincipalId', stage: 'services-00', output: 'controlPlanePrincipalId' },
    ]);
    assert.ok(stage(files, 'cluster-00').dependsOn.includes('private-dns-00'));
    assert.deepEqual(validateTemplate(stageFile(files, 'private-dns-00')), []);

    // In a landing zone, the hub owner grants it.
    const landingZone = planOk(
      `${LANDING_ZONE}spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true } } }]`,
    );
    assert.equal(stage(landingZone.files, 'network-team-private-dns-00').appliedBy, 'hub owner');
  });

  it('the dev preset runs on the Free tier, without cost analysis', () => {
    const dev = resolved(planOk('preset: dev').files, 'Microsoft.ContainerService/managedClusters')[0]!;
    assert.deepEqual(dev['sku'], { name: 'Base', tier: 'Free' });
    assert.deepEqual((dev['properties'] as Json)['metricsProfile'], { costAnalysis: { enabled: false } });
  });
});

describe('bootstrap with Flux (spec: "Cluster bootstrapping")', () => {
  const { files } = planOk('gitops: { repositoryUrl: "https://github.com/contoso/fleet", branch: release }');
  const [extension] = resolved(files, 'Microsoft.KubernetesConfiguration/extensions');
  const [flux] = resolved(files, 'Microsoft.KubernetesConfiguration/fluxConfigurations');
  const fluxProperties = flux!['properties'] as Json;

  it('installs the Flux cluster extension on the cluster', () => {
    assert.equal((extension!['properties'] as Json)['extensionType'], 'microsoft.flux');
    assert.match(String(extension!['scope']), /\/managedClusters\/aks-bu0001a0008-00-prod-eus2$/);
  });

  it("reconciles the cluster's folder of the configured repository and branch", () => {
    const git = fluxProperties['gitRepository'] as Json;
    assert.equal(git['url'], 'https://github.com/contoso/fleet');
    assert.deepEqual(git['repositoryRef'], { branch: 'release' });
    assert.deepEqual(Object.keys(fluxProperties['kustomizations'] as Json), ['cluster']);
    const kustomization = (fluxProperties['kustomizations'] as Record<string, Json>)['cluster']!;
    assert.equal(kustomization['path'], './clusters/aks-bu0001a0008-00-prod-eus2');
    assert.equal(kustomization['prune'], true);
    assert.ok((flux!['dependsOn'] as string[]).includes(String(extension!['id'])));
  });

  it('takes a private repository credential only at deployment, as a secure parameter', () => {
    const bootstrapStage = stage(files, 'bootstrap-00');
    assert.deepEqual(bootstrapStage.dependsOn, ['cluster-00']);
    const template = json(files, `azure/${bootstrapStage.template}`);
    assert.equal(((template['parameters'] as Json)['gitCredential'] as Json)['type'], 'securestring');
    const parameters = stageFile(files, 'bootstrap-00', true)['parameters'] as Json;
    assert.deepEqual(parameters['gitCredential'], { value: '' });
    assert.match(
      JSON.stringify(template),
      /createObject\('httpsKey', base64\(parameters\('gitCredential'\)\)\)/,
    );
    assert.deepEqual(validateTemplate(template), []);
  });

  it('uses a deploy key for an SSH repository', () => {
    const ssh = planOk('gitops: { repositoryUrl: "ssh://git@github.com/contoso/fleet.git" }');
    const template = stageFile(ssh.files, 'bootstrap-00');
    assert.match(
      JSON.stringify(template),
      /createObject\('sshPrivateKey', base64\(parameters\('gitCredential'\)\)\)/,
    );
    assert.ok(!('gitHttpsUser' in (template['parameters'] as Json)));
  });
});

describe('around the running cluster', () => {
  it("federates the ingress controller's identity with its service account on the cluster's OIDC issuer", () => {
    const { files } = planOk('{}');
    const [credential] = resolved(
      files,
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    );
    assert.equal(credential!['name'], 'id-bu0001a0008-00-prod-eus2-ingress/ingress-controller');
    const properties = credential!['properties'] as Json;
    assert.equal(properties['subject'], 'system:serviceaccount:traefik:traefik');
    assert.deepEqual(properties['audiences'], ['api://AzureADTokenExchange']);
    assert.equal(properties['issuer'], '<OIDC issuer URL of aks-bu0001a0008-00-prod-eus2>');
  });

  it('announces new Kubernetes versions through Event Grid, to the webhook when one is configured', () => {
    const plain = planOk('{}');
    const [topic] = resolved(plain.files, 'Microsoft.EventGrid/systemTopics');
    assert.equal((topic!['properties'] as Json)['topicType'], 'Microsoft.ContainerService.ManagedClusters');
    assert.equal(resolved(plain.files, 'Microsoft.EventGrid/systemTopics/eventSubscriptions').length, 0);
    const hooked = planOk('monitoring: { kubernetesVersionWebhook: "https://ops.contoso.com/aks-versions" }');
    const [subscription] = resolved(hooked.files, 'Microsoft.EventGrid/systemTopics/eventSubscriptions');
    const properties = subscription!['properties'] as Json;
    assert.deepEqual((properties['filter'] as Json)['includedEventTypes'], [
      'Microsoft.ContainerService.NewKubernetesVersionAvailable',
    ]);
    assert.equal(
      ((properties['destination'] as Json)['properties'] as Json)['endpointUrl'],
      'https://ops.contoso.com/aks-versions',
    );
  });
});

describe('certificates into a closed vault (the decision: through Resource Manager)', () => {
  const { files } = planOk('{}');
  const services = stage(files, 'services-00');
  const template = json(files, `azure/${services.template}`);

  it('writes each certificate secret from a secure parameter, only when one is given', () => {
    const secrets = (template['resources'] as Json[]).filter(
      (r) => r['type'] === 'Microsoft.KeyVault/vaults/secrets',
    );
    assert.deepEqual(
      secrets.map((s) => String(s['name']).split('/')[1]),
      ['gateway-public-tls', 'ingress-internal-tls', 'ingress-internal-root'],
    );
    for (const secret of secrets) {
      assert.match(String(secret['condition']), /^\[not\(empty\(parameters\('\w+'\)\)\)\]$/);
      assert.match(String((secret['properties'] as Json)['value']), /^\[parameters\('\w+'\)\]$/);
    }
    const parameters = template['parameters'] as Record<string, Json>;
    for (const name of ['gatewayCertificate', 'ingressCertificate', 'ingressTrustedRoot']) {
      assert.equal(parameters[name]!['type'], 'securestring');
    }
  });

  it('never writes a certificate into a file: the parameters file holds empty values', () => {
    const parameters = stageFile(files, 'services-00', true)['parameters'] as Record<string, Json>;
    assert.deepEqual(parameters['gatewayCertificate'], { value: '' });
    assert.match(JSON.stringify(stage(files, 'ingress-00')), /gatewayCertificate and ingressTrustedRoot/);
  });
});

describe('review fixes', () => {
  it('gives the Flux stage deployer a role that writes both the extension and the Flux configuration', () => {
    // Kubernetes Extension Contributor grants extensions/* only, and the stage also writes fluxConfigurations.
    const bootstrapStage = stage(planOk('{}').files, 'bootstrap-00');
    assert.deepEqual(
      bootstrapStage.roles.map((r) => r.role),
      ['Contributor'],
    );
  });
});
