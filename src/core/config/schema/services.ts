/**
 * The services around each cluster. Spec: "Deploy ingress resources", "Ingress
 * traffic flow", "Container image reference", "Add secret management",
 * "Disaster recovery" (registry geo-replication).
 */
import { z } from 'zod';
import { ipString } from './primitives.js';

const hostName = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  error: 'must be a lower-case DNS name such as bicycle.contoso.com',
});

/** The spec's public host name: the default of a configuration with one spoke. */
export const DEFAULT_HOST_NAME = 'bicycle.contoso.com';

export const ingress = z
  .strictObject({
    hostNames: z.array(hostName).min(1).default([DEFAULT_HOST_NAME]).meta({
      description:
        'Public host names served by Application Gateway (spec: "bicycle.contoso.com", the default with one spoke). Required when there is more than one spoke: each gateway serves its own names.',
    }),
    internalDomain: hostName.default('aks-ingress.contoso.com').meta({
      description:
        'Domain of the wildcard certificate between Application Gateway and the ingress controller (spec: "*.aks-ingress.contoso.com").',
    }),
    certificates: z.enum(['pfx', 'selfSigned', 'keyVault']).default('pfx').meta({
      description:
        'Where the TLS certificates come from: pfx files given at deploy time, self-signed (non-production), or secrets already in the Key Vault.',
    }),
    staticIp: ipString.optional().meta({
      description: "The ingress internal load balancer's private IP; defaults to the ingress subnet's first.",
    }),
    applicationGateway: z
      .strictObject({
        minCapacity: z.int().min(0).max(125).default(2).meta({
          description: 'Autoscale minimum instances; two or more keep both zones serving while one scales.',
        }),
        maxCapacity: z
          .int()
          .min(2)
          .max(125)
          .default(10)
          .meta({ description: 'Autoscale maximum; each instance takes an address in its subnet.' }),
      })
      .prefault({})
      .meta({ description: 'Application Gateway WAF_v2 autoscaling.' }),
  })
  .meta({ description: 'Ingress through Application Gateway and the Traefik internal ingress controller.' });

export const registry = z
  .strictObject({
    sku: z.enum(['Premium']).default('Premium').meta({
      description:
        'Premium: the only tier with Private Link and geo-replication, both part of this architecture (spec: "Tradeoff").',
    }),
    geoReplication: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .meta({ description: 'Spec: "Geo-replication is enabled for Container Registry".' }),
        locations: z
          .array(z.string())
          .default([])
          .meta({ description: "Replica regions; empty means the cluster region's paired region." }),
      })
      .prefault({})
      .meta({ description: 'Registry replicas in other regions (spec: "Disaster recovery").' }),
  })
  .meta({ description: 'The cluster\'s private container registry (spec: "Container image reference").' });

export const keyVault = z
  .strictObject({
    softDeleteRetentionDays: z
      .int()
      .min(7)
      .max(90)
      .default(90)
      .meta({ description: 'Days a deleted vault or secret can be recovered.' }),
  })
  .meta({ description: 'The cluster\'s Key Vault (spec: "Add secret management").' });

export const workload = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Deploy the spec's sample web application." }),
  })
  .meta({ description: 'The sample workload behind the ingress controller.' });
