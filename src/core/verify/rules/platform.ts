/**
 * Rules on what surrounds the cluster: Application Gateway and its WAF, the
 * firewall, private endpoints and public IPs, monitoring, upgrades, governance
 * and cost.
 */
import { minorOf, SUPPORTED_KUBERNETES_MINORS } from '../../data/kubernetes-versions.js';
import type { AzureResource, Inventory } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isUnresolved } from '../../arm-values.js';
import { judge } from '../rule.js';
import { absentWhenWhole } from './completeness.js';
import type { Condition } from './select.js';
import {
  bodyStrings,
  isUnknownId,
  mayBeOfType,
  judgeAll,
  judgeAny,
  label,
  lastSegment,
  mentions,
  needing,
  objectsIn,
  ofType,
  outcome,
  propertyRule,
  recordIn,
  referred,
} from './select.js';

const AKS = 'Microsoft.ContainerService/managedClusters';
const GATEWAY = 'Microsoft.Network/applicationGateways';
const DIAGNOSTICS = 'Microsoft.Insights/diagnosticSettings';

/**
 * Preview versions that need no feature registration and have no stable
 * successor: diagnostic settings, whose only stable version (2016-09-01) cannot
 * write to resource-specific tables.
 */
const PREVIEW_WITHOUT_REGISTRATION: Readonly<Record<string, string>> = {
  'microsoft.insights/diagnosticsettings': '2021-05-01-preview',
};

/** A diagnostic setting's scope, as written: the resource whose logs it sends. */
const scopeOf = (setting: AzureResource): unknown => setting.body['scope'] ?? setting.id;

const settingScope = (setting: AzureResource) => [String(scopeOf(setting) ?? '')];

/**
 * Whether a resource's logs are sent: pass when a diagnostic setting names it
 * as its scope; unknown when none does but one's scope is only known at
 * deployment and may be this resource; fail otherwise.
 */
function diagnosed(inventory: Inventory, resource: AzureResource): Outcome {
  const settings = ofType(inventory, DIAGNOSTICS);
  if (referred(mentions(settings, settingScope), resource))
    return outcome('pass', label(resource), undefined, resource.source);
  const hidden = settings.map(scopeOf).find((scope) => mayBeOfType(scope, resource.type));
  return hidden === undefined
    ? outcome('fail', label(resource), 'no diagnostic setting', resource.source)
    : outcome('unknown', label(resource), `depends on ${hidden}`, resource.source);
}

/** A rule that a resource's logs reach Log Analytics, citing where the spec relies on those logs. */
function diagnosticsRule(id: string, type: string, what: string, spec: Rule['spec']): Rule {
  return absentWhenWhole([DIAGNOSTICS], {
    id,
    title: `${what} sends its logs to Log Analytics`,
    severity: 'warning',
    area: 'monitoring',
    spec,
    why: 'Without diagnostic settings, its logs exist only for a short while and are never queried or alerted on.',
    fix: `Add a diagnostic setting on the ${what.toLowerCase()} to the Log Analytics workspace.`,
    check: (inventory) => ofType(inventory, type).map((resource) => diagnosed(inventory, resource)),
  });
}

/** The maintenance configurations by name in lower case (`cluster/configuration`), the first of each. */
function maintenanceConfigurations(inventory: Inventory): Map<string, AzureResource> {
  const byName = new Map<string, AzureResource>();
  for (const m of ofType(inventory, `${AKS}/maintenanceConfigurations`)) {
    const name = m.name.toLowerCase();
    if (!byName.has(name)) byName.set(name, m);
  }
  return byName;
}

function maintenanceWindow(
  windows: ReadonlyMap<string, AzureResource>,
  cluster: AzureResource,
  name: string,
): boolean {
  return windows.has(`${lastSegment(cluster.name).toLowerCase()}/${name.toLowerCase()}`);
}

/** The host names a gateway's listeners serve: `hostNames`, or the older single `hostName`. */
function servedHostNames(gateway: AzureResource): unknown[] {
  const listeners = at(gateway.body, 'properties.httpListeners');
  return objectsIn(listeners).flatMap((listener) => {
    const many = at(listener, 'properties.hostNames');
    const one = at(listener, 'properties.hostName');
    return [...(Array.isArray(many) ? many : many === undefined ? [] : [many]), ...(one ? [one] : [])];
  });
}

/**
 * A listener host name as a matcher: a wildcard (`*` any run, `?` one
 * character) matches what it stands for, in any case. Matched by the greedy
 * two-pointer walk, O(pattern × text) at worst: a regular expression of `.*`
 * parts backtracks polynomially in their number (a host name of twenty `*`
 * hangs it).
 */
export function hostPattern(name: string): (text: string) => boolean {
  const pattern = name.toLowerCase();
  return (written) => {
    const text = written.toLowerCase();
    let p = 0;
    let t = 0;
    // The last `*` seen, and where in the text its run ends for now.
    let star = -1;
    let resume = 0;
    while (t < text.length) {
      if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
        p += 1;
        t += 1;
      } else if (p < pattern.length && pattern[p] === '*') {
        star = p;
        p += 1;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        resume += 1;
        t = resume;
      } else return false;
    }
    while (pattern[p] === '*') p += 1;
    return p === pattern.length;
  };
}

const isWildcard = (name: string) => /[*?]/.test(name);

/** A host name only deployment knows: an expression, or not a string at all. */
const unresolvedHost = (host: unknown) => typeof host !== 'string' || isUnresolved(host);

/**
 * Each gateway's host names shared with another gateway among the inputs: two
 * names are shared when equal in any case, or when a wildcard of one matches the
 * other. Exact names are looked up, so many gateways stay linear; only wildcards,
 * which are few, are compared with every name.
 */
function sharedHostNames(inventory: Inventory): Outcome[] {
  const gateways = ofType(inventory, GATEWAY).map((gateway) => {
    const hosts = servedHostNames(gateway);
    return {
      gateway,
      // A template and a resource list may both hold the same gateway: another is one of another name.
      name: lastSegment(gateway.name).toLowerCase(),
      hosts,
      resolved: hosts.filter((h): h is string => !unresolvedHost(h)),
      hidden: hosts.find(unresolvedHost),
    };
  });
  const exact = new Map<string, Set<string>>();
  const wildcards: { name: string; host: string; pattern: (text: string) => boolean }[] = [];
  for (const { name, resolved } of gateways)
    for (const host of resolved) {
      if (isWildcard(host)) wildcards.push({ name, host, pattern: hostPattern(host) });
      else exact.set(host.toLowerCase(), (exact.get(host.toLowerCase()) ?? new Set()).add(name));
    }
  /** The gateways (by name) other than `self` serving a name that can match `host`. */
  const servers = (self: string, host: string): Set<string> => {
    const found = new Set([...(exact.get(host.toLowerCase()) ?? [])].filter((name) => name !== self));
    const pattern = hostPattern(host);
    for (const wildcard of wildcards)
      if (wildcard.name !== self && (wildcard.pattern(host) || pattern(wildcard.host)))
        found.add(wildcard.name);
    if (isWildcard(host))
      for (const [name, names] of exact)
        if (pattern(name)) for (const other of names) if (other !== self) found.add(other);
    return found;
  };
  return gateways.map(({ gateway, name, resolved, hidden }) => {
    const shared = resolved.flatMap((host) => {
      const also = servers(name, host);
      const named = gateways.filter((o) => also.has(o.name)).map((o) => lastSegment(o.gateway.name));
      return named.length > 0 ? [`${host} (also ${[...new Set(named)].join(', ')})`] : [];
    });
    if (shared.length > 0)
      return outcome('fail', label(gateway), `serves ${shared.join(', ')}`, gateway.source);
    // A name hidden behind an expression, here or on another gateway, may be a shared one.
    const behind = hidden ?? gateways.find((o) => o.name !== name && o.hidden !== undefined)?.hidden;
    return behind === undefined
      ? outcome('pass', label(gateway), undefined, gateway.source)
      : outcome('unknown', label(gateway), `depends on ${String(behind)}`, gateway.source);
  });
}

/** A system topic's source: the resource whose events it announces. */
const topicSource = (topic: AzureResource) => [String(at(topic.body, 'properties.source') ?? '')];

export const PLATFORM_RULES: readonly Rule[] = [
  {
    id: 'appgw/waf-prevention',
    title: 'The WAF policy blocks in Prevention mode',
    severity: 'error',
    area: 'ingress',
    spec: {
      section: 'Ingress traffic flow',
      quote: 'Application Gateway has an integrated web application firewall',
    },
    why: 'A WAF in Detection mode only logs the attacks it sees.',
    fix: 'Set policySettings.state Enabled and mode Prevention.',
    check: (inventory) =>
      ofType(inventory, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies').map(
        (policy) => {
          const state = at(policy.body, 'properties.policySettings.state');
          const mode = at(policy.body, 'properties.policySettings.mode');
          return judgeAll(
            label(policy),
            [
              [state, (v) => v === 'Enabled'],
              [mode, (v) => v === 'Prevention'],
            ],
            () => `${String(state)}, ${String(mode)}`,
            policy.source,
          );
        },
      ),
  },
  {
    id: 'appgw/tls-policy',
    title: 'Application Gateway accepts TLS 1.2 or later only',
    severity: 'error',
    area: 'ingress',
    spec: {
      section: 'Ingress traffic flow',
      quote: 'TLS v1.2 is the minimum allowed version with a restricted set of ciphers.',
    },
    why: 'TLS 1.0 and 1.1 are broken and retired by Azure.',
    fix: 'Use the predefined policy AppGwSslPolicy20220101S, or a custom policy with minProtocolVersion TLSv1_2.',
    // Either a predefined policy of TLS 1.2 or later, or a minimum version that is: a known one settles it.
    check: (inventory) =>
      ofType(inventory, GATEWAY).map((gateway) => {
        const policy = at(gateway.body, 'properties.sslPolicy');
        return judgeAny(
          label(gateway),
          [
            [
              at(policy, 'policyName'),
              (name) =>
                ['AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20170401S'].includes(
                  String(name),
                ),
            ],
            [at(policy, 'minProtocolVersion'), (version) => ['TLSv1_2', 'TLSv1_3'].includes(String(version))],
          ],
          () => `sslPolicy: ${JSON.stringify(policy ?? 'default')}`,
          gateway.source,
        );
      }),
  },
  {
    id: 'appgw/https-only',
    title: 'Application Gateway listens on HTTPS only',
    severity: 'error',
    area: 'ingress',
    spec: { section: 'Ingress traffic flow', quote: 'The client sends an HTTPS request' },
    why: 'A plain HTTP listener carries credentials and cookies in the clear.',
    fix: 'Remove HTTP listeners; redirect HTTP to HTTPS if clients need it.',
    // One known HTTP listener fails the gateway; a protocol only deployment knows may be HTTP.
    check: (inventory) =>
      ofType(inventory, GATEWAY).map((gateway) => {
        const listeners = at(gateway.body, 'properties.httpListeners');
        return judgeAll(
          label(gateway),
          [
            [listeners, Array.isArray],
            ...(Array.isArray(listeners) ? listeners : []).map((l): Condition => [
              at(l, 'properties.protocol'),
              (protocol) => protocol === 'Https',
            ]),
          ],
          () => 'a listener on HTTP',
          gateway.source,
        );
      }),
  },
  {
    id: 'appgw/unique-host-names',
    title: 'No public host name is served by two application gateways',
    severity: 'error',
    area: 'ingress',
    spec: {
      section: 'Ingress traffic flow',
      quote: 'That name is associated with a DNS A record to the public IP address of Application Gateway.',
    },
    why: "A DNS name leads to one gateway: the other's listener waits for traffic that never comes, and whichever A record is written last takes the clients of both clusters.",
    fix: 'Give each spoke its own public host names (spokes[].ingress.hostNames), or suppress the finding with the reason where a global load balancer in front deliberately sends one name to both.',
    check: sharedHostNames,
  },
  propertyRule(
    {
      id: 'appgw/zones',
      title: 'Application Gateway spans availability zones',
      severity: 'warning',
      area: 'reliability',
      spec: {
        section: 'Availability zones and multi-region support',
        quote: 'Application Gateway, are also deployed to the same region with multiple zone support',
      },
      why: 'A gateway in one zone takes the whole ingress down with that zone.',
      fix: 'Set zones ["1","2","3"].',
    },
    GATEWAY,
    'zones',
    (zones) => Array.isArray(zones) && zones.length >= 2,
    (zones) => `zones: ${JSON.stringify(zones ?? [])}`,
  ),
  propertyRule(
    {
      id: 'firewall/threat-intel',
      title: 'The firewall policy denies known-malicious traffic',
      severity: 'warning',
      area: 'egress',
      spec: { section: 'Egress traffic flow', quote: 'the built-in threat intelligence rules' },
      why: 'In Alert mode, traffic to known command-and-control addresses still flows.',
      fix: 'Set threatIntelMode to Deny.',
    },
    'Microsoft.Network/firewallPolicies',
    'properties.threatIntelMode',
    (mode) => mode === 'Deny',
    (mode) => `threatIntelMode: ${String(mode ?? 'Alert')}`,
  ),
  {
    id: 'firewall/dns-proxy',
    title: 'The firewall proxies DNS, so its FQDN rules see what the nodes resolve',
    severity: 'warning',
    area: 'egress',
    spec: {
      section: 'Egress traffic flow',
      quote: 'Azure Firewall decides whether to block or allow the egress traffic',
    },
    why: 'Without the DNS proxy, network rules with FQDNs resolve names differently from the nodes and fail.',
    fix: 'Enable dnsSettings.enableProxy on the firewall policy, and use the firewall as the spokes’ DNS server.',
    check: (inventory) => {
      const policies = ofType(inventory, 'Microsoft.Network/firewallPolicies');
      // The policies the firewalls use: a parent policy only passes its rules down.
      const children = policies
        .filter((child) => at(child.body, 'properties.basePolicy.id') !== undefined)
        .map((child) => ({ child, strings: mentions([child], bodyStrings) }));
      const leaves = policies.filter(
        (p) => !children.some(({ child, strings }) => child !== p && referred(strings, p)),
      );
      return leaves.map((policy) =>
        judge(
          label(policy),
          at(policy.body, 'properties.dnsSettings.enableProxy'),
          (on) => on === true,
          () => 'the DNS proxy is off',
          policy.source,
        ),
      );
    },
  },
  {
    id: 'net/public-ips',
    title: 'Public IP addresses belong only to the firewall, Bastion and Application Gateway',
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Network topology',
      quote: 'Minimize direct exposure of Azure resources to the public internet.',
    },
    why: 'Any other public address is a way in that the WAF and the firewall do not see.',
    fix: 'Remove the public IP, or move the service behind Application Gateway.',
    check: (inventory) => {
      const owners = mentions(
        [
          ...ofType(inventory, 'Microsoft.Network/azureFirewalls'),
          ...ofType(inventory, 'Microsoft.Network/bastionHosts'),
          ...ofType(inventory, GATEWAY),
        ],
        bodyStrings,
      );
      return ofType(inventory, 'Microsoft.Network/publicIPAddresses').map((ip) =>
        referred(owners, ip)
          ? outcome('pass', label(ip), undefined, ip.source)
          : outcome('fail', label(ip), 'used by nothing the spec allows a public address', ip.source),
      );
    },
  },
  needing(['Microsoft.Network/privateEndpoints'], {
    id: 'net/private-endpoints',
    title: 'The registry and Key Vault each have a private endpoint',
    severity: 'error',
    area: 'network',
    spec: {
      section: 'Subnet to host the cluster nodes',
      quote: 'Create Private Link connections for the Azure Container Registry and Azure Key Vault',
    },
    why: 'With public access off and no private endpoint, nothing reaches the service: nodes cannot pull, ingress has no certificate.',
    fix: 'Add a private endpoint in the spoke for the service, registered in its privatelink DNS zone.',
    check: (inventory) => {
      const endpoints = mentions(ofType(inventory, 'Microsoft.Network/privateEndpoints'), bodyStrings);
      return [
        ...ofType(inventory, 'Microsoft.ContainerRegistry/registries'),
        ...ofType(inventory, 'Microsoft.KeyVault/vaults'),
      ].map((service) =>
        referred(endpoints, service)
          ? outcome('pass', label(service), undefined, service.source)
          : outcome('fail', label(service), 'no private endpoint', service.source),
      );
    },
  }),
  diagnosticsRule('monitoring/firewall-logs', 'Microsoft.Network/azureFirewalls', 'The firewall', {
    section: 'Hub virtual network',
    quote: 'Azure Monitor for network observability.',
  }),
  diagnosticsRule('monitoring/gateway-logs', GATEWAY, 'Application Gateway', {
    section: 'Ingress traffic flow',
    quote: 'Application Gateway processes web application firewall inspection rules',
  }),
  diagnosticsRule('monitoring/key-vault-logs', 'Microsoft.KeyVault/vaults', 'The Key Vault', {
    section: 'Add secret management',
    quote: 'It provides strong encryption and an access audit log.',
  }),
  diagnosticsRule('monitoring/registry-logs', 'Microsoft.ContainerRegistry/registries', 'The registry', {
    section: 'Container image reference',
    quote: 'You can access image pull logs to monitor activities and triage connectivity problems.',
  }),
  absentWhenWhole(['Microsoft.ContainerService/managedClusters/maintenanceConfigurations'], {
    id: 'upgrades/maintenance-window',
    title: 'Automatic upgrades land in a planned maintenance window',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades',
      quote: 'Schedule the planned maintenance feature of AKS so you can control upgrades on your cluster.',
    },
    why: 'Without a window, AKS upgrades nodes whenever it likes, including at peak hours.',
    fix: 'Add the maintenance configuration aksManagedNodeOSUpgradeSchedule (and aksManagedAutoUpgradeSchedule with a cluster channel).',
    check: (inventory) => {
      const windows = maintenanceConfigurations(inventory);
      return ofType(inventory, AKS).map((cluster) => {
        const node = at(cluster.body, 'properties.autoUpgradeProfile.nodeOSUpgradeChannel');
        const channel = at(cluster.body, 'properties.autoUpgradeProfile.upgradeChannel');
        // Each window a channel asks for; a channel only deployment knows may ask for one.
        const asked: ReadonlyArray<readonly [unknown, boolean, string]> = [
          [node, node === 'NodeImage' || node === 'SecurityPatch', 'aksManagedNodeOSUpgradeSchedule'],
          [channel, typeof channel === 'string' && channel !== 'none', 'aksManagedAutoUpgradeSchedule'],
        ];
        const absent = asked.filter(
          ([value, needs, name]) =>
            (needs || isUnresolved(value)) && !maintenanceWindow(windows, cluster, name),
        );
        const missing = absent.filter(([value]) => !isUnresolved(value)).map(([, , name]) => name);
        if (missing.length > 0)
          return outcome('fail', label(cluster), `no ${missing.join(', ')}`, cluster.source);
        return absent[0] === undefined
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : outcome('unknown', label(cluster), `depends on ${String(absent[0][0])}`, cluster.source);
      });
    },
  }),
  needing(['Microsoft.ContainerService/managedClusters/maintenanceConfigurations'], {
    id: 'upgrades/maintenance-frequency',
    title: 'The node OS window opens at least weekly, and every other day with SecurityPatch',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'In-place upgrades for nodes',
      quote: 'it respects your planned maintenance window, which you should set for at least once per week',
    },
    why: 'Node images ship weekly, and security patches at any time: a rarer window leaves nodes unpatched for longer.',
    fix: 'Schedule aksManagedNodeOSUpgradeSchedule weekly (intervalWeeks 1) or daily; with SecurityPatch, daily with intervalDays 1 or 2.',
    check: (inventory) => {
      const windows = maintenanceConfigurations(inventory);
      return ofType(inventory, AKS).flatMap((cluster): Outcome[] => {
        const channel = at(cluster.body, 'properties.autoUpgradeProfile.nodeOSUpgradeChannel');
        const window = windows.get(
          `${lastSegment(cluster.name).toLowerCase()}/aksmanagednodeosupgradeschedule`,
        );
        // No window at all is upgrades/maintenance-window's finding.
        if (!window) return [];
        const written = at(window.body, 'properties.maintenanceWindow.schedule');
        if (isUnresolved(written))
          return [outcome('unknown', label(cluster), `depends on ${String(written)}`, window.source)];
        const schedule = recordIn(written);
        const interval = at(schedule, 'daily.intervalDays') ?? at(schedule, 'weekly.intervalWeeks');
        if (isUnresolved(interval))
          return [outcome('unknown', label(cluster), `depends on ${String(interval)}`, window.source)];
        const days = schedule['daily']
          ? Number(at(schedule, 'daily.intervalDays') ?? 1)
          : schedule['weekly']
            ? 7 * Number(at(schedule, 'weekly.intervalWeeks') ?? 1)
            : Number.POSITIVE_INFINITY;
        const most = channel === 'SecurityPatch' ? 2 : 7;
        // A window every 3 to 7 days suits NodeImage but not SecurityPatch: the channel decides.
        if (isUnresolved(channel) && days > 2 && days <= 7)
          return [outcome('unknown', label(cluster), `depends on ${String(channel)}`, window.source)];
        return [
          days <= most
            ? outcome('pass', label(cluster), undefined, window.source)
            : outcome(
                'fail',
                label(cluster),
                `${Number.isFinite(days) ? `every ${days} days` : 'monthly'} with ${String(channel ?? 'NodeImage')}`,
                window.source,
              ),
        ];
      });
    },
  }),
  needing(['Microsoft.EventGrid/systemTopics'], {
    id: 'upgrades/new-versions',
    title: 'New Kubernetes versions are announced through Event Grid',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'In-place updates to the cluster',
      quote: 'subscribe to the Microsoft.ContainerService.NewKubernetesVersionAvailable event',
    },
    why: 'With manual cluster upgrades, someone must learn that a new version is out.',
    fix: 'Add an Event Grid system topic on the cluster, with a subscription for NewKubernetesVersionAvailable.',
    check: (inventory) => {
      // The topic's source is the cluster it announces.
      const all = ofType(inventory, 'Microsoft.EventGrid/systemTopics');
      const topics = mentions(all, topicSource);
      // A topic whose source deployment computes may be the cluster's.
      const computed = all
        .map((topic) => at(topic.body, 'properties.source') ?? at(topic.body, 'properties'))
        .find(isUnknownId);
      return ofType(inventory, AKS).map((cluster) =>
        topics.of(lastSegment(cluster.name).toLowerCase()).length > 0
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : computed !== undefined
            ? outcome('unknown', label(cluster), `depends on ${computed}`, cluster.source)
            : outcome('fail', label(cluster), 'no Event Grid system topic', cluster.source),
      );
    },
  }),
  propertyRule(
    {
      id: 'upgrades/supported-version',
      title: 'Kubernetes is a version AKS supports',
      severity: 'warning',
      area: 'upgrades',
      spec: {
        section: 'In-place updates to the cluster',
        quote: 'You should stay within the two most recent versions or N-2.',
      },
      why: 'An unsupported version gets no fixes, and AKS upgrades it on its own schedule.',
      fix: `Use one of ${SUPPORTED_KUBERNETES_MINORS.join(', ')}.`,
    },
    AKS,
    'properties.kubernetesVersion',
    (version) => (SUPPORTED_KUBERNETES_MINORS as readonly string[]).includes(minorOf(String(version)) ?? ''),
    (version) => `Kubernetes ${String(version)}`,
  ),
  propertyRule(
    {
      id: 'aks/image-cleaner',
      title: 'Image cleaner removes unused, vulnerable images from nodes',
      severity: 'warning',
      area: 'secrets',
      spec: {
        section: 'Routine updates for AKS clusters',
        quote:
          'Part of day-2 operations for Kubernetes clusters is to perform routine platform and operating system updates.',
      },
      why: 'Old images with known vulnerabilities linger on nodes until the node is replaced.',
      fix: 'Enable securityProfile.imageCleaner.',
    },
    AKS,
    'properties.securityProfile.imageCleaner.enabled',
    (on) => on === true,
    () => 'image cleaner is off',
  ),
  {
    id: 'cost/cost-analysis',
    title: 'AKS cost analysis is on',
    severity: 'warning',
    area: 'cost',
    spec: { section: 'Cost management', quote: 'AKS cost analysis' },
    why: 'Cost analysis splits the cluster bill by namespace and workload.',
    fix: 'Enable metricsProfile.costAnalysis (Standard tier and above).',
    // Not for the Free tier, which has no cost analysis: a tier only deployment knows may be Free.
    check: (inventory) =>
      ofType(inventory, AKS).flatMap((cluster) => {
        const tier = at(cluster.body, 'sku.tier');
        if (tier === 'Free') return [];
        const judged = judge(
          label(cluster),
          at(cluster.body, 'properties.metricsProfile.costAnalysis.enabled'),
          (on) => on === true,
          () => 'cost analysis is off',
          cluster.source,
        );
        return judged.status === 'fail' && isUnresolved(tier)
          ? [outcome('unknown', label(cluster), `depends on ${String(tier)}`, cluster.source)]
          : [judged];
      }),
  },
  {
    id: 'cost/tags',
    title: 'Resources carry the cost tags (workload, environment)',
    severity: 'warning',
    area: 'cost',
    spec: { section: 'Provision', quote: 'Use tags when you create node pools.' },
    why: 'Untagged resources cannot be charged back to the workload that uses them.',
    fix: 'Tag every resource with workload and environment (Baseplate does it from naming).',
    check: (inventory) =>
      inventory.azure
        .filter(
          (r) =>
            r.body['location'] !== undefined &&
            r.body['location'] !== 'global' &&
            r.body['location'] !== 'Global',
        )
        .map((resource) => {
          const tags = recordIn(resource.body['tags']);
          if (isUnresolved(resource.body['tags']))
            return outcome('unknown', label(resource), 'tags from a parameter');
          return tags['workload'] !== undefined && tags['environment'] !== undefined
            ? outcome('pass', label(resource), undefined, resource.source)
            : outcome('fail', label(resource), 'no workload or environment tag', resource.source);
        }),
  },
  absentWhenWhole(['Microsoft.Authorization/policyAssignments'], {
    id: 'policy/pod-security',
    title: 'A pod security initiative is assigned to the cluster’s group',
    severity: 'warning',
    area: 'policy',
    spec: { section: 'Policy management', quote: 'The restrictive initiative is assigned in Audit mode' },
    why: 'Without it, nobody sees the privileged or root containers that reach the cluster.',
    fix: 'Assign "Kubernetes cluster pod security restricted standards for Linux-based workloads" (42b8ef37-…).',
    check: (inventory) => {
      const initiatives = ['42b8ef37-b724-4e24-bbc8-7a7708edfe00', 'a8640138-9b0a-4a28-b8cb-1666c838647d'];
      const definitions = ofType(inventory, 'Microsoft.Authorization/policyAssignments').map((a) =>
        at(a.body, 'properties.policyDefinitionId'),
      );
      const assigned = definitions.some((definition) =>
        initiatives.some((id) => !isUnknownId(definition) && String(definition).endsWith(id)),
      );
      // An assignment of a definition only deployment knows may be the initiative.
      const hidden = definitions.find(isUnknownId);
      return ofType(inventory, AKS).map((cluster) =>
        assigned
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : hidden !== undefined
            ? outcome('unknown', label(cluster), `depends on ${hidden}`, cluster.source)
            : outcome('fail', label(cluster), 'no pod security initiative among the inputs', cluster.source),
      );
    },
  }),
  {
    id: 'arm/preview-api',
    title: 'Resources use stable API versions',
    severity: 'warning',
    area: 'upgrades',
    spec: {
      section: 'Add-ons and preview features',
      quote: 'As these features come out of preview, this baseline architecture is revised accordingly.',
    },
    why: 'A preview API version, or a preview-only property, fails at deployment where the feature is not registered, and may change without notice.',
    fix: 'Use the newest stable API version of the type.',
    check: (inventory) =>
      inventory.azure
        .filter((r) => typeof r.body['apiVersion'] === 'string')
        .map((resource) => {
          const version = String(resource.body['apiVersion']);
          const allowed = PREVIEW_WITHOUT_REGISTRATION[resource.type.toLowerCase()] === version;
          return version.includes('preview') && !allowed
            ? outcome('fail', label(resource), `${resource.type}@${version}`, resource.source)
            : outcome('pass', label(resource), undefined, resource.source);
        }),
  },
  {
    id: 'cost/budget',
    title: 'A budget watches the cost of the subscription holding each cluster',
    severity: 'info',
    area: 'cost',
    spec: {
      section: 'Provision',
      quote: 'Create budgets to stay within the cost constraints that your organization identifies.',
    },
    why: 'Without a budget, nobody hears of a runaway cost before the invoice.',
    fix: 'Set cost.monthlyBudget (Baseplate adds the budget and its alerts), or create one in Cost Management.',
    check: (inventory) => {
      const budgets = ofType(inventory, 'Microsoft.Consumption/budgets');
      return ofType(inventory, AKS).map((cluster) =>
        budgets.length > 0
          ? outcome('pass', label(cluster), undefined, cluster.source)
          : outcome('fail', label(cluster), 'no budget among the inputs', cluster.source),
      );
    },
  },
];
