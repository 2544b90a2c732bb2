/**
 * The TLS certificates of the ingress path, by their Key Vault secret names. Spec
 * "Ingress traffic flow": "End-to-end TLS is set up through Application Gateway by
 * using two different TLS certificates" — the public host's, and a wildcard for
 * the internal domain, both stored in Key Vault.
 *
 * How they get into a vault whose public access is off: through the Resource
 * Manager control plane, which the vault firewall does not block. The services
 * stage writes each secret from a `securestring` parameter given at deployment
 * (never in a file, never logged by Resource Manager), and skips it when none is
 * given (to rotate, or when the team puts it in the vault itself).
 */
import { API_VERSIONS } from '../arm/api-versions.js';
import type { ArmExpression } from '../arm/expression.js';
import { expression, literal } from '../arm/expression.js';
import type { ArmScope } from '../arm/scope.js';
import { localId } from '../arm/scope.js';
import type { ArmResource } from '../arm/template.js';
import { armResource } from '../arm/template.js';

export const CERTIFICATE_SECRETS = {
  /** PFX of the public host names, served by Application Gateway. */
  gateway: 'gateway-public-tls',
  /**
   * PEM (key and chain) of the wildcard for the internal domain, served by the ingress
   * controller. PEM, because the CSI driver converts a PFX only when the secret backs a
   * Key Vault certificate, which a secret written through Resource Manager does not.
   */
  ingress: 'ingress-internal-tls',
  /** The certificate that Application Gateway trusts on its backend hop (base64 CER, not a PFX). */
  ingressTrustedRoot: 'ingress-internal-root',
} as const;

export interface CertificateSecret {
  readonly secret: string;
  /** The services stage's parameter that carries it. */
  readonly parameter: string;
  readonly contentType: string;
  readonly description: string;
}

export const CERTIFICATE_PARAMETERS: readonly CertificateSecret[] = [
  {
    secret: CERTIFICATE_SECRETS.gateway,
    parameter: 'gatewayCertificate',
    contentType: 'application/x-pkcs12',
    description: 'Base64 PFX (no password) of the public host names, for Application Gateway.',
  },
  {
    secret: CERTIFICATE_SECRETS.ingress,
    parameter: 'ingressCertificate',
    contentType: 'application/x-pem-file',
    description:
      'PEM text (private key and certificate chain) of the internal wildcard, for the ingress controller.',
  },
  {
    secret: CERTIFICATE_SECRETS.ingressTrustedRoot,
    parameter: 'ingressTrustedRoot',
    contentType: 'application/x-x509-ca-cert',
    description: "Base64 CER of the internal certificate's root, which Application Gateway trusts.",
  },
];

/** The vault secrets, each written only when its parameter is given. */
export function certificateSecrets(vault: string, vaultId: ArmExpression): ArmResource[] {
  return CERTIFICATE_PARAMETERS.map((certificate) =>
    armResource('Microsoft.KeyVault/vaults/secrets', `${vault}/${certificate.secret}`, {
      condition: expression(
        `not(empty(parameters(${literal(certificate.parameter)})))`,
        '<when given at deployment>',
      ),
      comments: 'Written through Resource Manager from a secure parameter: no certificate in any file.',
      dependsOn: [vaultId],
      properties: {
        value: expression(`parameters(${literal(certificate.parameter)})`, '<secure parameter>'),
        contentType: certificate.contentType,
      },
    }),
  );
}

/** The versionless secret ID, so that a rotated certificate needs no redeployment. */
export function secretId(at: ArmScope, vault: string, secret: string): ArmExpression {
  const vaultId = localId(at)('Microsoft.KeyVault/vaults', vault);
  return expression(
    `format('{0}secrets/{1}', reference(${vaultId.$arm.slice(1, -1)}, ${literal(API_VERSIONS['Microsoft.KeyVault/vaults'])}).vaultUri, ${literal(secret)})`,
    `https://${vault.toLowerCase()}.vault.azure.net/secrets/${secret}`,
  );
}
