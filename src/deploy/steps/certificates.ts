/**
 * Before each services stage: the TLS certificates into Key Vault, the way the
 * config's `ingress.certificates` says. The services stage writes them from
 * secure parameters (Resource Manager's control plane, which the vault's closed
 * firewall does not block) and leaves a secret alone when its parameter is empty.
 * So a re-run changes nothing: self-signed certificates are made only while the
 * vault has none, and PFX files are sent only when given.
 */
import type { CertificateParameters } from '../certificates.js';
import type { Step } from '../deploy.js';
import { MissingInputError } from '../deploy.js';
import { ifExists } from '../errors.js';
import type { AzureClients } from '../clients.js';

/** The secret the services stage writes first: its presence means the certificates are in place. */
const GATEWAY_SECRET = 'gateway-public-tls';

export type CertificateSource =
  | { readonly kind: 'keyVault' }
  | { readonly kind: 'selfSigned'; readonly make: () => CertificateParameters }
  /** `parameters` absent: no PFX files given this time. */
  | { readonly kind: 'pfx'; readonly parameters?: CertificateParameters };

/** `sourceOf(spoke)`: each spoke has its own ingress and vault. */
export function putCertificates(sourceOf: (spoke: string) => CertificateSource): Step {
  return {
    when: 'before',
    applies: (stage) => stage.name.startsWith('services-'),
    async run({ stage, clients, listener, secure }) {
      const source = sourceOf(stage.name.slice('services-'.length));
      const vault = stage.resources.find((r) => r.type === 'Microsoft.KeyVault/vaults');
      if (!vault || source.kind === 'keyVault') return;
      const group = stage.resourceGroup ?? '';
      if (source.kind === 'pfx' && source.parameters) {
        listener({
          kind: 'step',
          stage: stage.name,
          message: `writing the certificates of the PFX files into ${vault.name}`,
        });
        set(secure, source.parameters);
        return;
      }
      if (await hasCertificates(clients, group, vault.name)) {
        listener({ kind: 'step', stage: stage.name, message: `the certificates in ${vault.name} are kept` });
        return;
      }
      if (source.kind === 'pfx') {
        throw new MissingInputError(
          `ingress.certificates is pfx and ${vault.name} holds no certificates yet: give them with --gateway-pfx FILE and --ingress-pfx FILE (password in BASEPLATE_PFX_PASSWORD), or set ingress.certificates to selfSigned for a non-production environment.`,
        );
      }
      listener({
        kind: 'step',
        stage: stage.name,
        message: `writing self-signed certificates into ${vault.name} (non-production)`,
      });
      set(secure, source.make());
    },
  };
}

function set(secure: Map<string, string>, parameters: CertificateParameters): void {
  secure.set('gatewayCertificate', parameters.gatewayCertificate);
  secure.set('ingressCertificate', parameters.ingressCertificate);
  secure.set('ingressTrustedRoot', parameters.ingressTrustedRoot);
}

async function hasCertificates(clients: AzureClients, group: string, vault: string): Promise<boolean> {
  const secret = await ifExists(`reading secret ${GATEWAY_SECRET} of ${vault}`, () =>
    clients.keyVault.secrets.get(group, vault, GATEWAY_SECRET),
  );
  return secret !== undefined;
}
