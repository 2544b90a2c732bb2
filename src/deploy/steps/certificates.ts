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
import { getSecret } from '../rest.js';
import type { PreflightProblem } from '../checks/problem.js';
import type { DeployStage } from '../stages.js';

/**
 * The secrets the services stage writes. All three or none: a run that wrote
 * some (a throttled write) writes the whole set again, since the ingress pair
 * and its root must come from one CA.
 */
const SECRETS = ['gateway-public-tls', 'ingress-internal-tls', 'ingress-internal-root'];

const SERVICES = 'services-';

export type CertificateSource =
  | { readonly kind: 'keyVault' }
  | { readonly kind: 'selfSigned'; readonly make: () => CertificateParameters }
  /** `parameters` absent: no PFX files given this time. */
  | { readonly kind: 'pfx'; readonly parameters?: CertificateParameters };

/** `sourceOf(spoke)`: each spoke has its own ingress and vault. */
export function putCertificates(sourceOf: (spoke: string) => CertificateSource): Step {
  return {
    when: 'before',
    applies: (stage) => stage.name.startsWith(SERVICES),
    async run({ stage, clients, listener, secure }) {
      const source = sourceOf(stage.name.slice(SERVICES.length));
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
      const missing = await missingSecrets(clients, group, vault.name);
      if (missing.length === 0) {
        listener({ kind: 'step', stage: stage.name, message: `the certificates in ${vault.name} are kept` });
        return;
      }
      if (source.kind === 'pfx') {
        throw new MissingInputError(
          `ingress.certificates is pfx and ${vault.name} lacks ${missing.join(', ')}: give the certificates with --gateway-pfx FILE and --ingress-pfx FILE (password in BASEPLATE_PFX_PASSWORD), or set ingress.certificates to selfSigned for a non-production environment.`,
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

/**
 * Preflight: a spoke whose certificates come from PFX files, run without them,
 * while its vault lacks them (a first deployment), would stop at its services
 * stage after the earlier stages ran. Said before anything is deployed.
 */
export async function certificateProblems(
  stages: readonly DeployStage[],
  sourceOf: (spoke: string) => CertificateSource,
  clientsFor: (subscriptionId: string) => AzureClients,
): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const stage of stages.filter((s) => s.name.startsWith(SERVICES))) {
    const source = sourceOf(stage.name.slice(SERVICES.length));
    const vault = stage.resources.find((r) => r.type === 'Microsoft.KeyVault/vaults');
    if (!vault || source.kind !== 'pfx' || source.parameters) continue;
    const missing = await missingSecrets(
      clientsFor(stage.subscriptionId),
      stage.resourceGroup ?? '',
      vault.name,
    );
    if (missing.length === 0) continue;
    problems.push({
      check: 'certificates',
      stage: stage.name,
      message: `ingress.certificates is pfx and ${vault.name} lacks ${missing.join(', ')}.`,
      fix: 'Give the certificates with --gateway-pfx FILE and --ingress-pfx FILE (password in BASEPLATE_PFX_PASSWORD), or set ingress.certificates to selfSigned for a non-production environment.',
    });
  }
  return problems;
}

/** The certificate secrets the vault lacks. */
export async function missingSecrets(clients: AzureClients, group: string, vault: string): Promise<string[]> {
  const missing: string[] = [];
  for (const name of SECRETS) {
    const secret = await ifExists(`reading secret ${name} of ${vault}`, () =>
      getSecret(clients, group, vault, name),
    );
    if (!secret) missing.push(name);
  }
  return missing;
}
