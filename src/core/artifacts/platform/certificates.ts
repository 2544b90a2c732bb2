/**
 * The TLS certificates of the ingress path, by their Key Vault secret names. Spec
 * "Ingress traffic flow": "End-to-end TLS is set up through Application Gateway by
 * using two different TLS certificates" — the public host's, and a wildcard for
 * the internal domain, both stored in Key Vault. Nothing secret is in any template:
 * deploy puts the secrets in the vault; templates name them.
 */
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';

export const CERTIFICATE_SECRETS = {
  /** PFX of the public host names, served by Application Gateway. */
  gateway: 'gateway-public-tls',
  /** PFX of the wildcard for the internal domain, served by the ingress controller. */
  ingress: 'ingress-internal-tls',
  /** The certificate that Application Gateway trusts on its backend hop. */
  ingressTrustedRoot: 'ingress-internal-root',
} as const;

/** The versionless secret ID, so that a rotated certificate needs no redeployment. */
export function secretId(at: ArmScope, vault: string, secret: string): ArmExpression {
  const vaultId = localId(at)('Microsoft.KeyVault/vaults', vault);
  return expression(
    `format('{0}secrets/{1}', reference(${vaultId.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.KeyVault/vaults'])}).vaultUri, ${literal(secret)})`,
    `https://${vault.toLowerCase()}.vault.azure.net/secrets/${secret}`,
  );
}
