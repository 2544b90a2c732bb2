/**
 * Presets change a few defaults; whatever the user writes still wins. They are
 * layered under the user's values before validation, so the schema's defaults
 * fill in the rest. Spec: "Don't have the same configuration for dev/test and
 * production environments" ("Cost management").
 */
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError } from '../diagnostics.js';
import { isProductionEnvironment } from '../environments.js';
import type { Config, PresetName } from './schema/index.js';
import { DEFAULT_SPOKES, PRESETS } from './schema/index.js';

type Plain = { [key: string]: unknown };

interface Preset {
  /** Merged under the whole configuration. */
  readonly config: Plain;
  /** Merged under every spoke. */
  readonly spoke: Plain;
  /** Merged under every node pool (system and user). */
  readonly pool: Plain;
  /** Merged under the system node pool. */
  readonly systemPool: Plain;
  /** Merged under every user node pool. */
  readonly userPool: Plain;
}

export const PRESET_DEFINITIONS: Record<PresetName, Preset> = {
  /**
   * The spec as written: the schema's defaults, in a production environment (the
   * rules hold production to the spec's production-only advice).
   */
  baseline: {
    config: { naming: { environment: 'prod' } },
    spoke: {},
    pool: {},
    systemPool: {},
    userPool: {},
  },
  /**
   * Cheaper for non-production: Free control plane tier (spec: "Reserve the Free
   * tier for preproduction clusters"), smaller pools, the spec's minimum user VM
   * size (DS3_v2), no Bastion, one firewall IP, no geo-replication, self-signed
   * certificates, no Defender for Containers. Policies keep their effects (spec: "Ensure the production
   * policies are also validated against your preproduction environment"). Its environment is `dev`:
   * the rules hold production (prod, production) to what this preset leaves out, so `checkPreset`
   * refuses a production environment under it.
   */
  dev: {
    config: {
      naming: { environment: 'dev' },
      hub: { firewall: { publicIpCount: 1 }, bastion: { enabled: false } },
      defender: { enabled: false },
    },
    spoke: {
      cluster: { tier: 'Free' },
      registry: { geoReplication: { enabled: false } },
      ingress: { certificates: 'selfSigned', applicationGateway: { minCapacity: 0, maxCapacity: 2 } },
    },
    pool: { osDiskSizeGB: 128 },
    systemPool: { minCount: 1, maxCount: 3 },
    userPool: { vmSize: 'Standard_DS3_v2', minCount: 1, maxCount: 3 },
  },
};

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `override` wins; objects merge key by key; arrays and scalars replace. */
export function mergeUnder(base: Plain, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlain(override)) return override;
  const merged: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const under = merged[key];
    merged[key] = isPlain(under) ? mergeUnder(under, value) : value;
  }
  return merged;
}

/**
 * Layers the preset named in the input under the input. An unknown preset name
 * is left for the schema to report.
 */
export function applyPreset(input: unknown): unknown {
  if (!isPlain(input)) return input;
  const name = input['preset'] ?? 'baseline';
  if (!PRESETS.some((preset) => preset === name)) return input;
  const preset = PRESET_DEFINITIONS[name as PresetName];
  const merged = mergeUnder(preset.config, input);
  if (!isPlain(merged)) return merged;
  const spokes = merged['spokes'] ?? DEFAULT_SPOKES;
  if (!Array.isArray(spokes)) return merged;
  return { ...merged, spokes: spokes.map((spoke: unknown) => presetSpoke(preset, spoke)) };
}

function presetSpoke(preset: Preset, spoke: unknown): unknown {
  const merged = mergeUnder(preset.spoke, spoke);
  if (!isPlain(merged)) return merged;
  const cluster = merged['cluster'] ?? {};
  if (!isPlain(cluster)) return merged;
  const systemPool = mergeUnder({ ...preset.pool, ...preset.systemPool }, cluster['systemPool'] ?? {});
  const userPools = cluster['userPools'] ?? [{}];
  const pools = Array.isArray(userPools)
    ? userPools.map((pool: unknown) => mergeUnder({ ...preset.pool, ...preset.userPool }, pool))
    : userPools;
  return { ...merged, cluster: { ...cluster, systemPool, userPools: pools } };
}

/**
 * The dev preset's smaller pools, Free tier, single registry and no Defender are
 * what the rules refuse in production: a spoke whose environment is production
 * under it would plan into findings whose fixes undo the preset. Names the
 * environment setting that makes it production, so the fix is one line.
 */
export function checkPreset(config: Config, input: unknown): Diagnostic[] {
  if (config.preset !== 'dev') return [];
  const problems = new Map<string, Diagnostic>();
  config.spokes.forEach((spoke, i) => {
    const own = writtenAt(input, ['spokes', i, 'environment']);
    const environment = spoke.environment ?? config.naming.environment;
    if (!isProductionEnvironment(environment)) return;
    const path: ConfigPath = own ? ['spokes', i, 'environment'] : ['naming', 'environment'];
    problems.set(
      path.join('.'),
      inputError(
        'config/preset-environment',
        path,
        'is a production environment, but preset dev leaves out what production needs (Standard tier, three system nodes, geo-replication, Defender)',
        "Name a non-production environment (dev, test, preprod), or remove the line to take the preset's dev; for production use preset baseline.",
        environment,
      ),
    );
  });
  return [...problems.values()];
}

function writtenAt(input: unknown, path: ConfigPath): boolean {
  let node = input;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node !== undefined;
}
