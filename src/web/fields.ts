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
  | { readonly kind: 'zones' };

export type Field = FieldKind & {
  readonly path: ConfigPath;
  readonly label: string;
  /** Shown under the field; says what an empty field means where that is not obvious. */
  readonly hint?: string;
};

export interface FieldGroup {
  readonly legend: string;
  readonly fields: readonly Field[];
}

const pool = (path: ConfigPath, what: string): Field[] => [
  { path: [...path, 'vmSize'], label: `${what}: VM size`, kind: 'text', suggestions: 'vm-sizes' },
  { path: [...path, 'minCount'], label: `${what}: minimum nodes`, kind: 'number', min: 0, max: 1000 },
  { path: [...path, 'maxCount'], label: `${what}: maximum nodes`, kind: 'number', min: 1, max: 1000 },
];

/** The form for this configuration: one group per spoke, one set of pool fields per pool. */
export function fieldGroups(config: Config): FieldGroup[] {
  const general: Field[] = [
    {
      path: ['preset'],
      label: 'Preset',
      kind: 'select',
      options: PRESETS,
      hint: 'baseline: the spec as written; dev: cheaper, for non-production.',
    },
    {
      path: ['location'],
      label: 'Region',
      kind: 'select',
      options: REGIONS.map((r) => r.name),
    },
    { path: ['zones'], label: 'Availability zones', kind: 'zones', hint: 'None for a region without zones.' },
    ...(config.hub.existing
      ? []
      : [{ path: ['hub', 'addressSpace'], label: 'Hub address space', kind: 'text' } as const]),
  ];
  const spokes = config.spokes.map((spoke, s): FieldGroup => {
    const at = (...rest: (string | number)[]) => ['spokes', s, ...rest];
    return {
      legend: `Spoke ${spoke.name}`,
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
        ...spoke.cluster.userPools.flatMap((p, i) =>
          pool(at('cluster', 'userPools', i), `User pool ${p.name}`),
        ),
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
  return [{ legend: 'Region and hub', fields: general }, ...spokes, operations];
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
