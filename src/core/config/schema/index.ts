/**
 * The configuration: the only input of Baseplate. This schema is the single
 * source of the TypeScript types, the validation, the defaults and the
 * generated JSON Schema (`baseplate.schema.json`). Every default reproduces the
 * spec's baseline; the field descriptions name the spec section behind it.
 */
import { z } from 'zod';
import { cluster } from './cluster.js';
import { hub, otherNetwork, spokeSubnets } from './network.js';
import { cost, gitops, monitoring, policy, upgrades, verification } from './operations.js';
import { cidrString, namePart, tags, uuid, zones } from './primitives.js';
import { ingress, keyVault, registry, workload } from './services.js';

import { PRESETS } from '../source.js';

export { PRESETS };
export type { PresetName } from '../source.js';

const naming = z
  .strictObject({
    businessUnit: namePart(10)
      .default('bu0001')
      .meta({ description: 'Business unit, the first part of every name (spec reference: bu0001).' }),
    workload: namePart(10)
      .default('a0008')
      .meta({ description: 'Workload or application ID (spec reference: a0008).' }),
    environment: namePart(8).default('prod').meta({
      description:
        'Environment, e.g. prod, preprod, dev; spokes may override it. The preset sets it when the file does not: prod for baseline, dev for dev.',
    }),
    suffix: z
      .string()
      .regex(/^[a-z0-9]{4,6}$/, { error: 'must be 4–6 lower-case letters or digits' })
      .optional()
      .meta({
        description:
          'Suffix that makes the registry and Key Vault names globally unique. `baseplate init` picks a random one; omit to derive it from the other names.',
      }),
  })
  .meta({ description: 'The parts every resource name is built from.' });

const spoke = z
  .strictObject({
    name: namePart(8).meta({
      description: 'Short spoke ID used in names, e.g. 00 (spec: bu0001a0008-00).',
      examples: ['00'],
    }),
    environment: namePart(8)
      .optional()
      .meta({ description: "This spoke's environment (e.g. preprod); defaults to naming.environment." }),
    subscriptionId: uuid.optional().meta({
      description: "Subscription of this spoke's stages; defaults to the top-level subscriptionId.",
    }),
    addressSpace: cidrString.meta({
      description: 'The spoke virtual network address space, e.g. 10.240.0.0/16.',
      examples: ['10.240.0.0/16'],
    }),
    subnets: spokeSubnets.prefault({}),
    subnetPerNodePool: z.boolean().default(false).meta({
      description: 'One node subnet per pool (spec: "separate subnets for system and user node pools").',
    }),
    names: z
      .strictObject({
        registry: z
          .string()
          .optional()
          .meta({ description: 'Use this registry name instead of the derived one.' }),
        keyVault: z
          .string()
          .optional()
          .meta({ description: 'Use this Key Vault name instead of the derived one.' }),
      })
      .prefault({})
      .meta({ description: 'Overrides for the globally unique names.' }),
    cluster: cluster.prefault({}).meta({ description: 'The AKS cluster of this spoke.' }),
    ingress: ingress.prefault({}),
    registry: registry.prefault({}),
    keyVault: keyVault.prefault({}),
    workload: workload.prefault({}),
  })
  .meta({
    description: 'A spoke virtual network and the one AKS cluster it holds (spec: "Spoke virtual network").',
  });

export const DEFAULT_SPOKES = [{ name: '00', addressSpace: '10.240.0.0/16' }];

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'JSON Schema of this file, for editors.' }),
    preset: z.enum(PRESETS).default('baseline').meta({
      description:
        'baseline: the spec as written. dev: cheaper tier and sizes for non-production (spec: "Don\'t have the same configuration for dev/test and production").',
    }),
    naming: naming.prefault({}),
    location: z
      .string()
      .default('eastus2')
      .meta({ description: 'Azure region of every resource, e.g. eastus2.' }),
    zones: zones.default([1, 2, 3]).meta({
      description:
        'Availability zones; spec: "node pools that span availability zones one, two, and three". [] for a region without zones.',
    }),
    subscriptionId: uuid
      .optional()
      .meta({ description: 'Default subscription of every stage; otherwise given at deploy time.' }),
    tags: tags.default({}).meta({
      description:
        'Tags on every resource, for cost reports (spec: "Cost management"). At most 12 beside Baseplate\'s workload, environment and component: a private DNS zone takes 15 tags. Names without < > % & \\ ? /, up to 512 characters; values up to 256.',
    }),
    otherNetworks: z.array(otherNetwork).default([]).meta({
      description: 'On-premises and other peered ranges that no network, pod or service range may overlap.',
    }),
    ipPlan: z
      .strictObject({
        scaleOutFactor: z.number().min(1).max(10).default(4).meta({
          description:
            'Node subnets and pod ranges hold this many times the nodes the pools can reach with upgrade surge; spec "Plan the IP addresses": "Suppose you want to scale out by 400%. You need four times the number of addresses".',
        }),
      })
      .prefault({})
      .meta({ description: 'Headroom of the IP address plan.' }),
    hub: hub.prefault({}),
    spokes: z.array(spoke).min(1).prefault(DEFAULT_SPOKES).meta({
      description: 'Spokes, one cluster each; add spokes instead of redesigning (spec: "Network topology").',
    }),
    monitoring: monitoring.prefault({}),
    policy: policy.prefault({}),
    upgrades: upgrades.prefault({}),
    cost: cost.prefault({}),
    defender: z
      .strictObject({
        enabled: z.boolean().default(true).meta({
          description:
            'Microsoft Defender for Containers on the clusters and the subscription plan (spec: "Enable Defender for Containers"); the dev preset turns it off.',
        }),
      })
      .prefault({})
      .meta({ description: 'Microsoft Defender for Containers (spec: "Security monitoring").' }),
    gitops: gitops.prefault({}),
    verify: verification.prefault({}),
  })
  .meta({
    title: 'Baseplate configuration',
    description: 'One file that describes an AKS baseline deployment.',
  });

/** What a user writes: everything optional that has a default. */
export type ConfigInput = z.input<typeof ConfigSchema>;
/** The resolved configuration: every default filled in. */
export type Config = z.output<typeof ConfigSchema>;
export type SpokeConfig = Config['spokes'][number];
export type NodePoolConfig =
  SpokeConfig['cluster']['systemPool'] | SpokeConfig['cluster']['userPools'][number];
export type MaintenanceWindowConfig = Config['upgrades']['nodeOsWindow'];
