/** The API server's authorized IP ranges admit the firewall's egress addresses. */
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome } from '../../rule.js';
import { at, isUnresolved } from '../../../arm-values.js';
import { containsAddress, parseCidr, parseIp } from '../../../cidr.js';
import { defineRule } from '../../rule.js';
import { label, needing, ofType, outcome } from '../select.js';

/** The public IP addresses of the firewalls, by resource name, with the address when it is known. */
function firewallAddresses(inventory: Inventory): Array<{ name: string; address?: string }> {
  const names = new Set(
    ofType(inventory, 'Microsoft.Network/azureFirewalls').flatMap((firewall) =>
      [
        ...JSON.stringify(firewall.body['properties'] ?? {}).matchAll(
          /publicIPAddresses['/]*,? *'?([^'"/)\]]+)/gi,
        ),
      ].map((m) => (m[1] ?? '').toLowerCase()),
    ),
  );
  return ofType(inventory, 'Microsoft.Network/publicIPAddresses')
    .filter((ip: AzureResource) => names.has(ip.name.split('/').at(-1)?.toLowerCase() ?? ''))
    .map((ip) => ({
      name: ip.name.split('/').at(-1) ?? ip.name,
      address: at(ip.body, 'properties.ipAddress') as string | undefined,
    }));
}

const RANGES = 'properties.apiServerAccessProfile.authorizedIPRanges';

export default needing(
  ['Microsoft.Network/azureFirewalls'],
  defineRule({
    ref: 'BP1006',
    id: 'net/authorized-ranges-firewall',
    title: "The API server's authorized ranges admit the firewall's egress addresses",
    severity: 'error',
    pillar: 'Reliability',
    area: 'network',
    spec: {
      section: 'Management traffic',
      quote:
        'Examples of those resources include the build agent pool in a DevOps pipeline, an Azure Bastion instance within the Azure Bastion subnet, and the node pools themselves.',
    },
    why: "With outbound through the firewall, the nodes reach the public API server from the firewall's addresses: ranges without them lock the nodes out.",
    fix: "Add each of the firewall's public IP addresses, as /32, to apiServerAccessProfile.authorizedIPRanges.",
    messages: {
      missing: 'no range holds {addresses}',
      noFirewallAddress: 'no firewall public IP among the inputs',
      addressesAfterDeployment: "the firewall's addresses are known only after deployment",
    },
    check: (inventory, say) => {
      const firewall = firewallAddresses(inventory);
      return ofType(inventory, 'Microsoft.ContainerService/managedClusters')
        .filter(
          (c) =>
            at(c.body, 'properties.networkProfile.outboundType') === 'userDefinedRouting' &&
            at(c.body, 'properties.apiServerAccessProfile.enablePrivateCluster') !== true &&
            // With API server VNet integration the nodes reach it inside the network, not through the firewall.
            at(c.body, 'properties.apiServerAccessProfile.enableVnetIntegration') !== true,
        )
        .flatMap((cluster): Outcome[] => {
          // A private or VNet-integrated API server needs no firewall address: written as an expression, cannot tell.
          const access = ['enablePrivateCluster', 'enableVnetIntegration']
            .map((key) => at(cluster.body, `properties.apiServerAccessProfile.${key}`))
            .find(isUnresolved);
          if (access !== undefined)
            return [
              outcome(
                'unknown',
                label(cluster),
                say('unresolved', { value: String(access) }),
                cluster.source,
              ),
            ];
          const ranges = at(cluster.body, RANGES);
          // No ranges: the API server is open to all, which aks/api-server-access reports.
          if (!Array.isArray(ranges) || ranges.length === 0) return [];
          const covered = (ip: { name: string; address?: string }) =>
            ranges.map(String).some((range) => {
              // A placeholder for the address Azure assigns names the public IP resource.
              if (range.toLowerCase().includes(ip.name.toLowerCase())) return true;
              const block = parseCidr(range.includes('/') ? range : `${range}/32`);
              const address = ip.address === undefined ? undefined : parseIp(ip.address);
              return block.ok && address !== undefined && containsAddress(block.cidr, address);
            });
          const missing = firewall.filter((ip) => !covered(ip));
          if (firewall.length === 0)
            return [outcome('unknown', label(cluster), say('noFirewallAddress'), cluster.source)];
          if (missing.length > 0 && missing.every((ip) => ip.address === undefined))
            return [outcome('unknown', label(cluster), say('addressesAfterDeployment'), cluster.source)];
          if (missing.length === 0) return [outcome('pass', label(cluster), undefined, cluster.source)];
          const addresses = missing.map((ip) => ip.address ?? ip.name).join(', ');
          return [
            {
              ...outcome('fail', label(cluster), say('missing', { addresses }), cluster.source),
              path: RANGES,
            },
          ];
        });
    },
  }),
);
