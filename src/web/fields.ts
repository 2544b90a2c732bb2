/**
 * The settings people change most, as form fields: each names the configuration
 * path it edits, so the form writes the same YAML a person would, and every
 * diagnostic on that path shows on the field. Everything else is in the YAML.
 */
import type { Config } from '../core/index.js';
import { PRESETS, REGIONS } from '../core/index.js';

export type ConfigPath = readonly (string | number)[];

export type FieldKind =
  | { readonly kind: 'select'; readonly options: readonly string[] }
  | { readonly kind: 'number'; readonly min: number; readonly max?: number }
  | { readonly kind: 'text'; readonly suggestions?: 'vm-sizes' }
  /** A list of values, written comma-separated. */
  | { readonly kind: 'list' }
  | { readonly kind: 'checkbox' }
  /** Availability zones 1, 2, 3: one checkbox each. */
  | { readonly kind: 'zones' }
  /** A section of its own (`hub.existing`): checked when the file has it. */
  | { readonly kind: 'section' };

export type Field = FieldKind & {
  readonly path: ConfigPath;
  readonly label: string;
  /** Shown under the field; says what an empty field means where that is not obvious. */
  readonly hint?: string;
};

export interface FieldGroup {
  readonly legend: string;
  readonly fields: readonly Field[];
  /** A spoke's group: its index, for the button that removes it. */
  readonly spoke?: number;
}

/**
 * What decides which fields the form has: the spokes with their user pools,
 * and whether the hub is an existing one. Read from the text as written (a
 * spoke just added, or an existing hub whose required fields are still to be
 * filled in, has fields before its configuration is valid), else from the
 * last resolved configuration.
 */
export interface FormShape {
  readonly existingHub: boolean;
  readonly spokes: readonly { readonly name: string; readonly userPools: readonly string[] }[];
}

export function formShape(config: Config, plain: unknown): FormShape {
  const names = (list: unknown, fallback: readonly string[]) =>
    Array.isArray(list)
      ? list.map((item: unknown, i) => {
          const name = valueAt(item, ['name']);
          return typeof name === 'string' || typeof name === 'number' ? String(name) : `#${i + 1}`;
        })
      : fallback;
  const resolved = config.spokes.map((spoke) => ({
    name: spoke.name,
    userPools: spoke.cluster.userPools.map((p) => p.name),
  }));
  const written = valueAt(plain, ['spokes']);
  const spokes = Array.isArray(written)
    ? written.map((spoke: unknown, i) => ({
        name: names([spoke], [])[0] ?? `#${i + 1}`,
        userPools: names(
          valueAt(spoke, ['cluster', 'userPools']),
          (resolved[i] ?? resolved[0])?.userPools ?? [],
        ),
      }))
    : resolved;
  const isMapping = typeof plain === 'object' && plain !== null;
  return {
    existingHub: isMapping
      ? valueAt(plain, ['hub', 'existing']) !== undefined
      : config.hub.existing !== undefined,
    spokes,
  };
}

const pool = (path: ConfigPath, what: string): Field[] => [
  {
    path: [...path, 'vmSize'],
    label: `${what}: VM size`,
    kind: 'text',
    suggestions: 'vm-sizes',
    hint: "The region's sizes are offered.",
  },
  { path: [...path, 'minCount'], label: `${what}: minimum nodes`, kind: 'number', min: 0, max: 1000 },
  { path: [...path, 'maxCount'], label: `${what}: maximum nodes`, kind: 'number', min: 1, max: 1000 },
];

/** The existing hub's settings (a landing zone's, which its network team gives). */
const EXISTING_HUB: Field[] = [
  {
    path: ['hub', 'existing', 'virtualNetworkId'],
    label: 'Hub virtual network ID',
    kind: 'text',
    hint: '/subscriptions/…/virtualNetworks/…',
  },
  { path: ['hub', 'existing', 'addressSpace'], label: "Hub's address space", kind: 'text' },
  { path: ['hub', 'existing', 'firewallPrivateIp'], label: "Firewall's private IP", kind: 'text' },
  {
    path: ['hub', 'existing', 'firewallPublicIps'],
    label: "Firewall's public IPs",
    kind: 'list',
    hint: 'Comma-separated.',
  },
  { path: ['hub', 'existing', 'firewallPolicyId'], label: 'Firewall policy ID', kind: 'text' },
  {
    path: ['hub', 'existing', 'privateDnsZonesResourceGroupId'],
    label: 'Private DNS zones resource group ID',
    kind: 'text',
    hint: "Empty: the hub's owners create the zones.",
  },
];

/** The form for this shape: one group per spoke, one set of pool fields per pool. */
export function fieldGroups(shape: FormShape): FieldGroup[] {
  const general: Field[] = [
    {
      path: ['preset'],
      label: 'Preset',
      kind: 'select',
      options: PRESETS,
      hint: 'baseline: the spec as written; dev: cheaper, for non-production.',
    },
    {
      path: ['naming', 'environment'],
      label: 'Environment',
      kind: 'text',
      hint: 'Part of every name: prod, preprod, dev…',
    },
    {
      path: ['location'],
      label: 'Region',
      kind: 'select',
      options: REGIONS.map((r) => r.name),
    },
    { path: ['zones'], label: 'Availability zones', kind: 'zones', hint: 'None for a region without zones.' },
    {
      path: ['subscriptionId'],
      label: 'Subscription ID',
      kind: 'text',
      hint: 'Of every stage. Empty: given at deploy time (an existing hub needs it here).',
    },
    {
      path: ['hub', 'existing'],
      label: 'Use an existing hub',
      kind: 'section',
      hint: "A landing zone's: Baseplate peers the spokes with it and deploys no hub.",
    },
    ...(shape.existingHub
      ? EXISTING_HUB
      : [{ path: ['hub', 'addressSpace'], label: 'Hub address space', kind: 'text' } as const]),
  ];
  const spokes = shape.spokes.map((spoke, s): FieldGroup => {
    const at = (...rest: (string | number)[]) => ['spokes', s, ...rest];
    return {
      legend: `Spoke ${spoke.name}`,
      spoke: s,
      fields: [
        { path: at('addressSpace'), label: 'Address space', kind: 'text' },
        { path: at('cluster', 'network', 'podCidr'), label: 'Pod range (CNI Overlay)', kind: 'text' },
        { path: at('cluster', 'network', 'serviceCidr'), label: 'Service range', kind: 'text' },
        {
          path: at('cluster', 'tier'),
          label: 'Control plane tier',
          kind: 'select',
          options: ['Free', 'Standard', 'Premium'],
        },
        ...pool(at('cluster', 'systemPool'), 'System pool'),
        ...spoke.userPools.flatMap((name, i) => pool(at('cluster', 'userPools', i), `User pool ${name}`)),
        { path: at('cluster', 'apiServer', 'private'), label: 'Private API server', kind: 'checkbox' },
        {
          path: at('cluster', 'apiServer', 'authorizedIpRanges'),
          label: 'API server authorized ranges',
          kind: 'list',
          hint: "Comma-separated CIDRs; the firewall's egress IPs are always added.",
        },
        { path: at('ingress', 'hostNames'), label: 'Public host names', kind: 'list' },
        { path: at('ingress', 'internalDomain'), label: 'Internal ingress domain', kind: 'text' },
        {
          path: at('registry', 'geoReplication', 'enabled'),
          label: 'Registry geo-replication',
          kind: 'checkbox',
        },
        {
          path: at('registry', 'geoReplication', 'locations'),
          label: 'Replica regions',
          kind: 'list',
          hint: "Empty: the region's pair.",
        },
      ],
    };
  });
  const operations: FieldGroup = {
    legend: 'Upgrades and cost',
    fields: [
      {
        path: ['upgrades', 'nodeOsChannel'],
        label: 'Node OS upgrade channel',
        kind: 'select',
        options: ['NodeImage', 'SecurityPatch', 'Unmanaged', 'None'],
      },
      {
        path: ['upgrades', 'clusterChannel'],
        label: 'Cluster upgrade channel',
        kind: 'select',
        options: ['none', 'patch', 'stable', 'rapid'],
      },
      {
        path: ['cost', 'monthlyBudget'],
        label: 'Monthly budget',
        kind: 'number',
        min: 1,
        hint: 'Whole units of the billing currency; empty for none.',
      },
    ],
  };
  return [{ legend: 'Environment, region and hub', fields: general }, ...spokes, operations];
}

/** The value at a path of the resolved configuration. */
export function valueAt(config: unknown, path: ConfigPath): unknown {
  let node: unknown = config;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
