/**
 * The template hash as the stand-in computes it. Resource Manager documents no
 * algorithm, only the contract (deployments 2025-04-01): a deployment records
 * "the hash produced for the template" as properties.templateHash, and
 * Deployments_CalculateTemplateHash (POST /providers/Microsoft.Resources/calculateTemplateHash)
 * answers the same hash, with the minified template, for the same template. The
 * stand-in keeps that contract: a hash of the minified JSON, as a decimal number
 * as Azure's are; any change to the template changes it.
 */
import { createHash } from 'node:crypto';

export function minified(template: unknown): string {
  return JSON.stringify(template);
}

export function templateHash(template: unknown): string {
  return BigInt(`0x${createHash('sha256').update(minified(template)).digest('hex').slice(0, 16)}`).toString();
}
