/** Value types shared by every section of the configuration. */
import { z } from 'zod';
import { parseCidr, parseIp } from '../../cidr.js';

const CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const IP_SHAPE = /^\d{1,3}(\.\d{1,3}){3}$/;

/** An IPv4 prefix with its host bits clear, as Azure requires (`10.240.0.0/16`). */
export const cidrString = z
  .string()
  .regex(CIDR_SHAPE, { error: 'must be an IPv4 CIDR prefix such as 10.240.0.0/16', abort: true })
  .superRefine((text, ctx) => {
    const parsed = parseCidr(text);
    if (parsed.ok) return;
    const network = parsed.reason.match(/the network is (\S+)$/)?.[1];
    ctx.addIssue({
      code: 'custom',
      message: parsed.reason,
      input: text,
      params: { fix: network ? `Write ${network}.` : 'Write a prefix such as 10.240.0.0/16.' },
    });
  });

export const ipString = z
  .string()
  .regex(IP_SHAPE, { error: 'must be an IPv4 address such as 10.240.4.4', abort: true })
  .refine((text) => parseIp(text) !== undefined, { error: 'is not a valid IPv4 address' });

export const uuid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, {
  error: 'must be a GUID such as 00000000-0000-0000-0000-000000000000',
});

export const armResourceId = z
  .string()
  .regex(
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+(\/[^/]+\/[^/]+)*$/i,
    {
      error: 'must be a full Azure resource ID (/subscriptions/…/resourceGroups/…/providers/…)',
    },
  );

export const email = z.email({ error: 'must be an email address' });

/** Availability zone numbers; the spec's cluster spans zones one, two and three. */
export const zone = z.literal([1, 2, 3]);

export const zones = z
  .array(zone)
  .max(3)
  .refine((list) => new Set(list).size === list.length, { error: 'lists a zone twice' });

/** Lower-case letters and digits, for the parts that end up in resource names. */
export const namePart = (max: number) =>
  z.string().regex(new RegExp(`^[a-z0-9]{1,${max}}$`), {
    error: `must be 1–${max} lower-case letters or digits`,
  });

/**
 * Azure tags. azure-tags.ts checks them against Azure's limits, counting the tags
 * Baseplate adds, and names each problem; the JSON Schema carries the limits of
 * one tag for editors.
 */
export const tags = z.record(z.string(), z.string()).meta({
  propertyNames: { type: 'string', minLength: 1, maxLength: 512, pattern: '^[^<>%&\\\\?/]*$' },
  additionalProperties: { type: 'string', maxLength: 256 },
});
