/**
 * The network team's part: address spaces, on-premises and connected ranges,
 * the firewall's addresses, the IP plan, the egress allow-list per feature
 * with the page that documents it, the security rules of each subnet and the
 * route tables. Read from azure/resources.json (what gets deployed) and
 * report/ip-plan.json; only where each egress rule is documented comes from
 * the design, which never writes it to a deployed resource.
 */
import type { Config } from '../../config/schema/index.js';
import type { EgressRule, EgressSource } from '../../design/egress-rules.js';
import { BUILD_AGENT_RULES } from '../../artifacts/network/build-agents.js';
import type { IpPlan } from '../../formats/ip-plan.js';
import type { ResolvedResource } from '../../formats/resources.js';
import { escape, h3, html, lines, link, none, paragraph, section, table } from './markup.js';
import type { Resources } from './resources.js';
import { arrayAt, lastSegment, ofType, textAt, valueAt } from './resources.js';

/** What the network part reads of the design: each spoke's egress rules, for where they are documented. */
export interface EgressDesign {
  readonly spokes: ReadonlyArray<{ readonly egress: { readonly rules: readonly EgressRule[] } }>;
}

export function addressSpaces(config: Config, ipPlan: IpPlan, resources: Resources): string {
  const spaces = table(
    ['Network', 'Role', 'Address space', 'Addresses', 'Owned by'],
    ipPlan.networks.map((n) => [
      n.name,
      n.role === 'hub' ? 'hub' : `spoke ${n.spoke ?? ''}`,
      n.addressSpace,
      n.addresses,
      n.existing ? 'the central network team (existing)' : 'this plan',
    ]),
    { rowHeaders: true },
  );
  const peerings = ofType(resources, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings').map((p) => {
    const [from = p.name] = p.name.split('/');
    const remote = textAt(p.properties, 'remoteVirtualNetwork.id') ?? '';
    const flags = [
      valueAt(p.properties, 'allowForwardedTraffic') === true
        ? 'forwarded traffic allowed'
        : 'no forwarded traffic',
      valueAt(p.properties, 'allowGatewayTransit') === true ? 'gateway transit offered' : '',
      valueAt(p.properties, 'useRemoteGateways') === true ? 'uses the remote gateway' : '',
    ].filter(Boolean);
    return [from, lastSegment(remote), flags.join('; ')];
  });
  const other = config.otherNetworks.map((n) => [n.name, n.addressPrefixes.join(', ')]);
  return section(
    'network',
    'Address spaces and connected networks',
    spaces +
      h3('On-premises and other connected ranges') +
      (other.length
        ? paragraph('No virtual network, pod or service range of this plan overlaps them.') +
          table(['Name', 'Ranges'], other, { rowHeaders: true })
        : none('None declared (otherNetworks in the configuration).')) +
      h3('Peerings') +
      (peerings.length
        ? table(['From', 'To', 'Settings'], peerings, { rowHeaders: true })
        : none('None deployed by this plan.')) +
      firewall(config, ipPlan, resources),
  );
}

function firewall(config: Config, ipPlan: IpPlan, resources: Resources): string {
  const existing = config.hub.existing;
  const deployed = ofType(resources, 'Microsoft.Network/azureFirewalls');
  const publicIps = existing
    ? existing.firewallPublicIps.map((ip) => [ip, 'the existing hub firewall'])
    : deployed.flatMap((fw) =>
        arrayAt(fw.properties, 'ipConfigurations').map((c) => {
          const ip = lastSegment(textAt(c, 'properties.publicIPAddress.id') ?? '');
          const pip = ofType(resources, 'Microsoft.Network/publicIPAddresses').find((r) => r.name === ip);
          const zones = Array.isArray(pip?.['zones'])
            ? ` in zones ${(pip['zones'] as string[]).join(', ')}`
            : '';
          return [
            `${ip} (${textAt(pip?.properties, 'publicIPAllocationMethod') ?? 'Static'}, allocated by Azure at deployment${zones})`,
            fw.name,
          ];
        }),
      );
  const tier = deployed.map((fw) => textAt(fw.properties, 'sku.tier')).find(Boolean);
  return (
    h3('Firewall') +
    table(
      ['', 'Value'],
      [
        ['Private IP (next hop of every spoke subnet)', ipPlan.firewallPrivateIp],
        [
          'Public IPs (the source of all egress; the API servers authorize them)',
          lines(publicIps.map(([ip]) => ip)),
        ],
        ...(tier ? [['Tier', tier]] : []),
        ['Owned by', existing ? 'the central network team (existing hub)' : 'this plan'],
        ['Build agents (egress through the firewall)', ipPlan.buildAgentPrefixes.join(', ') || 'none'],
      ],
      { rowHeaders: true },
    )
  );
}

/** Each documented rule by name: a spoke's rules, and the build agents'. */
function documented(design: EgressDesign): ReadonlyMap<string, EgressRule['sources']> {
  const sources = new Map<string, EgressRule['sources']>();
  for (const rule of [...design.spokes.flatMap((s) => s.egress.rules), ...BUILD_AGENT_RULES])
    if (!sources.has(rule.name)) sources.set(rule.name, rule.sources);
  return sources;
}

const sourceCell = (sources: EgressRule['sources'] | undefined) =>
  sources === undefined
    ? 'not documented by Baseplate'
    : sources === 'configuration'
      ? 'the configuration (gitops.repositoryUrl)'
      : lines(
          sources.map((s: EgressSource) =>
            html(
              `${link(s.url).html}<br><span class="muted">“${escape(s.section)}”, read ${escape(s.read)}</span>`,
            ),
          ),
        );

function ruleRow(rule: unknown, sources: ReadonlyMap<string, EgressRule['sources']>): unknown[] {
  const name = textAt(rule, 'name') ?? '';
  const network = textAt(rule, 'ruleType') === 'NetworkRule';
  const destinations = network
    ? [
        ...arrayAt(rule, 'destinationAddresses'),
        ...arrayAt(rule, 'destinationFqdns'),
        ...arrayAt(rule, 'destinationIpGroups'),
      ]
    : [...arrayAt(rule, 'fqdnTags').map((t) => `FQDN tag ${String(t)}`), ...arrayAt(rule, 'targetFqdns')];
  const ports = network
    ? arrayAt(rule, 'ipProtocols').flatMap((p) =>
        arrayAt(rule, 'destinationPorts').map((port) => `${String(p)}/${String(port)}`),
      )
    : arrayAt(rule, 'protocols').map((p) => `${textAt(p, 'protocolType') ?? ''}/${textAt(p, 'port') ?? ''}`);
  return [
    name,
    textAt(rule, 'description') ?? '',
    lines(destinations),
    ports.join(', '),
    sourceCell(sources.get(name)),
  ];
}

/** The firewall's allow-list, one table per rule collection group (a spoke's, the build agents'). */
export function egressAllowList(resources: Resources, design: EgressDesign): string {
  const sources = documented(design);
  const groups = ofType(resources, 'Microsoft.Network/firewallPolicies/ruleCollectionGroups');
  const ipGroups = new Map(
    ofType(resources, 'Microsoft.Network/ipGroups').map((g) => [
      g.name.toLowerCase(),
      arrayAt(g.properties, 'ipAddresses').map(String),
    ]),
  );
  const addressesOf = (rule: unknown) => [
    ...arrayAt(rule, 'sourceAddresses').map(String),
    ...arrayAt(rule, 'sourceIpGroups').flatMap((id) => {
      const name = lastSegment(String(id));
      return (ipGroups.get(name.toLowerCase()) ?? [name]).map((a) => `${a} (IP group ${name})`);
    }),
  ];
  const tables = groups.map((group) => {
    const rules = arrayAt(group.properties, 'ruleCollections').flatMap((c) =>
      arrayAt(c, 'rules').map((rule) => ({
        collection: textAt(c, 'name') ?? '',
        action: textAt(c, 'action.type') ?? '',
        rule,
      })),
    );
    const from = [...new Set(rules.flatMap(({ rule }) => addressesOf(rule)))];
    return (
      h3(`${lastSegment(group.name)}: from ${from.join(', ') || 'no source'}`) +
      table(
        ['Feature (rule)', 'What for', 'Destinations', 'Protocol/port', 'Documented at'],
        rules.map(({ rule, action }) => {
          const row = ruleRow(rule, sources);
          return action === 'Allow' ? row : [`${String(row[0])} (${action})`, ...row.slice(1)];
        }),
        { rowHeaders: true, className: 'wide' },
      )
    );
  });
  return section(
    'egress',
    'Egress allow-list, per feature',
    paragraph(
      'The firewall denies what no rule allows; a network rule applies before the application rules, and a destination named by a service tag admits every address Azure lists under it. Each rule is named after the feature it serves; its destinations are documented on the page given, as read on the day shown.',
    ) + (tables.length ? tables.join('\n') : none('No rule collection group is deployed by this plan.')),
  );
}

interface SubnetView {
  readonly network: string;
  readonly name: string;
  readonly prefix: string;
  readonly securityGroup?: string;
  readonly routeTable?: string;
}

/** Every subnet the plan deploys, inline in its network or as a child resource. */
function subnetsOf(resources: Resources): SubnetView[] {
  const view = (network: string, name: string, body: unknown): SubnetView => {
    const nsg = textAt(body, 'properties.networkSecurityGroup.id');
    const rt = textAt(body, 'properties.routeTable.id');
    return {
      network,
      name,
      prefix:
        textAt(body, 'properties.addressPrefix') ?? arrayAt(body, 'properties.addressPrefixes').join(', '),
      ...(nsg ? { securityGroup: lastSegment(nsg) } : {}),
      ...(rt ? { routeTable: lastSegment(rt) } : {}),
    };
  };
  return [
    ...ofType(resources, 'Microsoft.Network/virtualNetworks').flatMap((n) =>
      arrayAt(n.properties, 'subnets').map((s) => view(n.name, textAt(s, 'name') ?? '', s)),
    ),
    ...ofType(resources, 'Microsoft.Network/virtualNetworks/subnets').map((s) => {
      const [network = '', name = s.name] = s.name.split('/');
      return view(network, name, s);
    }),
  ];
}

const ports = (rule: unknown, single: string, many: string) =>
  textAt(rule, single) ?? arrayAt(rule, many).map(String).join(', ');

function securityRuleRows(nsg: ResolvedResource): unknown[][] {
  const rules = arrayAt(nsg.properties, 'securityRules').map((r) => ({
    name: textAt(r, 'name') ?? '',
    p: valueAt(r, 'properties'),
  }));
  const order = (d: string) => (d === 'Inbound' ? 0 : 1);
  return [...rules]
    .sort(
      (a, b) =>
        order(textAt(a.p, 'direction') ?? '') - order(textAt(b.p, 'direction') ?? '') ||
        Number(textAt(a.p, 'priority') ?? 0) - Number(textAt(b.p, 'priority') ?? 0),
    )
    .map(({ name, p }) => [
      textAt(p, 'direction') ?? '',
      textAt(p, 'priority') ?? '',
      name,
      textAt(p, 'access') ?? '',
      textAt(p, 'protocol') ?? '',
      ports(p, 'sourceAddressPrefix', 'sourceAddressPrefixes'),
      ports(p, 'destinationAddressPrefix', 'destinationAddressPrefixes'),
      ports(p, 'destinationPortRange', 'destinationPortRanges'),
      textAt(p, 'description') ?? '',
    ]);
}

/** The security rules of each subnet, by priority, inbound first; Azure's default rules come after them. */
export function securityRules(resources: Resources): string {
  const groups = new Map(
    ofType(resources, 'Microsoft.Network/networkSecurityGroups').map((g) => [g.name.toLowerCase(), g]),
  );
  const parts = subnetsOf(resources).map((s) => {
    const title = `${s.network}/${s.name} (${s.prefix})`;
    if (!s.securityGroup)
      return (
        h3(title) + none('No security group: Azure does not allow one on this subnet, or it needs none.')
      );
    const nsg = groups.get(s.securityGroup.toLowerCase());
    if (!nsg)
      return h3(title) + paragraph(`Security group ${s.securityGroup}, not deployed by this plan.`, 'muted');
    return (
      h3(`${title}: ${nsg.name}`) +
      table(
        ['Direction', 'Priority', 'Rule', 'Access', 'Protocol', 'Source', 'Destination', 'Ports', 'Why'],
        securityRuleRows(nsg),
        {
          className: 'wide',
        },
      )
    );
  });
  return section(
    'nsg',
    'Network security rules, per subnet',
    paragraph(
      "Azure's default rules (allow within the virtual network and from its load balancer, deny the rest) apply after these.",
    ) + (parts.length ? parts.join('\n') : none()),
  );
}

/** Each route table: the subnets it serves and its routes. */
export function routeTables(resources: Resources): string {
  const subnets = subnetsOf(resources);
  const tables = ofType(resources, 'Microsoft.Network/routeTables').map((rt) => {
    const served = subnets.filter((s) => s.routeTable?.toLowerCase() === rt.name.toLowerCase());
    const routes = arrayAt(rt.properties, 'routes').map((r) => [
      textAt(r, 'name') ?? '',
      textAt(r, 'properties.addressPrefix') ?? '',
      textAt(r, 'properties.nextHopType') ?? '',
      textAt(r, 'properties.nextHopIpAddress') ?? '',
    ]);
    const propagation = valueAt(rt.properties, 'disableBgpRoutePropagation') === true ? 'off' : 'on';
    return (
      h3(rt.name) +
      paragraph(
        `Serves ${served.map((s) => `${s.network}/${s.name}`).join(', ') || 'no subnet of this plan'}; gateway route propagation ${propagation}.`,
      ) +
      (rt['comments'] ? paragraph(String(rt['comments']), 'muted') : '') +
      table(['Route', 'Prefix', 'Next hop', 'Next hop IP'], routes, { rowHeaders: true })
    );
  });
  return section('routes', 'Route tables', tables.length ? tables.join('\n') : none());
}

/** The IP plan: each subnet with its headroom, and each cluster's pod and service ranges. */
export function ipPlanSection(ipPlan: IpPlan): string {
  const subnets = ipPlan.networks.flatMap((n) =>
    n.subnets.map((s) => [
      n.name,
      s.inUse ? s.name : `${s.name} (reserved, not deployed)`,
      s.prefix,
      s.usable,
      s.required,
      s.headroom,
      s.holds,
    ]),
  );
  const ranges = ipPlan.clusters.map((c) => [
    c.cluster,
    c.podCidr,
    c.serviceCidr,
    c.nodesNeeded,
    c.podCidrNodeCapacity,
  ]);
  return section(
    'ip-plan',
    'IP address plan',
    table(['Network', 'Subnet', 'Range', 'Usable', 'Needed', 'Headroom', 'Holds'], subnets) +
      table(
        ['Cluster', 'Pod range', 'Service range', 'Nodes needed at most', 'Nodes the pod range holds'],
        ranges,
      ),
  );
}
