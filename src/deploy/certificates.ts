/**
 * The TLS material that `baseplate deploy` passes to the services stage as its three
 * secure parameters (see core/artifacts/platform/certificates.ts): the gateway's PFX,
 * the ingress controller's PEM and the root Application Gateway trusts on its backend
 * hop. Made self-signed for non-production, or taken from the user's own PFX files.
 * Values live in memory only; errors, warnings and descriptions never carry a key or
 * a password.
 */
import type { KeyObject } from 'node:crypto';
import {
  createHmac,
  createPrivateKey,
  createHash,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';

export interface CertificateParameters {
  /** Base64 PFX of the public host names, no password (Application Gateway). */
  readonly gatewayCertificate: string;
  /** PEM: PKCS#8 private key, then the leaf and its chain (the ingress controller). */
  readonly ingressCertificate: string;
  /** Base64 DER of the internal certificate's root (Application Gateway's backend trust). */
  readonly ingressTrustedRoot: string;
}

export interface CertificateResult {
  readonly parameters: CertificateParameters;
  /** Problems that do not stop a deployment but will show later (names, expiry, chain). */
  readonly warnings: readonly string[];
}

/** A certificate the user gave cannot be used; the message says which file and what to do. */
export class CertificateError extends Error {}

/** Where the CLI reads a PFX password from, named in errors. */
export const PFX_PASSWORD_VARIABLE = 'BASEPLATE_PFX_PASSWORD';

export interface PfxFile {
  readonly pfx: Buffer;
  readonly password?: string;
  /** Where the password comes from, named in errors (default `BASEPLATE_PFX_PASSWORD`). */
  readonly passwordFrom?: string;
}

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------
// Self-signed (non-production)

/**
 * A self-signed gateway certificate for the public host names, and the internal wildcard
 * issued by a small self-signed CA, as production has it: the CA is the trusted root and
 * the ingress PEM carries key, leaf and CA. New keys every call.
 */
export function selfSignedCertificates(input: {
  publicHostNames: readonly string[];
  ingressDomain: string;
  now?: Date;
  validDays?: number;
}): CertificateResult {
  const [first] = input.publicHostNames;
  if (first === undefined)
    throw new CertificateError('self-signed certificates need at least one public host name');
  const validDays = input.validDays ?? 365;
  if (!(validDays > 0))
    throw new CertificateError('self-signed certificates need a positive number of valid days');
  const now = input.now ?? new Date();
  // An hour back, for clocks a little behind.
  const validity = {
    from: new Date(now.getTime() - 3_600_000),
    to: new Date(now.getTime() + validDays * DAY_MS),
  };

  const gatewayKey = newKey();
  const gateway = issue({
    subject: first,
    names: input.publicHostNames,
    key: gatewayKey,
    validity,
  });

  const caKey = newKey();
  const ca = issue({ subject: 'Baseplate internal ingress CA', names: [], key: caKey, validity, ca: true });
  const ingressKey = newKey();
  const wildcard = `*.${input.ingressDomain}`;
  const ingress = issue({
    subject: wildcard,
    names: [wildcard],
    key: ingressKey,
    validity,
    issuer: { certificate: ca.forge, key: caKey },
  });

  return {
    parameters: {
      gatewayCertificate: writePfx(gatewayKey.node, [gateway.x509]).toString('base64'),
      ingressCertificate: pem(ingressKey.node, [ingress.x509, ca.x509]),
      ingressTrustedRoot: ca.x509.raw.toString('base64'),
    },
    warnings: [],
  };
}

interface KeyPair {
  readonly node: KeyObject;
  readonly forge: forge.pki.rsa.PrivateKey;
  readonly forgePublic: forge.pki.rsa.PublicKey;
}

/** RSA 2048 from node:crypto (native, fast), handed to forge for signing. */
function newKey(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    node: privateKey,
    forge: forge.pki.privateKeyFromPem(String(privateKey.export({ type: 'pkcs1', format: 'pem' }))),
    forgePublic: forge.pki.publicKeyFromPem(String(publicKey.export({ type: 'spki', format: 'pem' }))),
  };
}

function issue(spec: {
  subject: string;
  names: readonly string[];
  key: KeyPair;
  validity: { from: Date; to: Date };
  ca?: boolean;
  issuer?: { certificate: forge.pki.Certificate; key: KeyPair };
}): { forge: forge.pki.Certificate; x509: X509Certificate } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.key.forgePublic;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = spec.validity.from;
  cert.validity.notAfter = spec.validity.to;
  cert.setSubject([
    { name: 'commonName', value: spec.subject },
    { name: 'organizationName', value: 'Baseplate self-signed (not for production)' },
  ]);
  cert.setIssuer(spec.issuer ? spec.issuer.certificate.subject.attributes : cert.subject.attributes);
  const extensions: object[] = [{ name: 'subjectKeyIdentifier' }];
  if (spec.issuer) {
    const keyIdentifier = spec.issuer.certificate.generateSubjectKeyIdentifier().getBytes();
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier });
  }
  if (spec.ca) {
    extensions.push(
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    );
  } else {
    extensions.push(
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: spec.names.map((value) => ({ type: 2, value })) },
    );
  }
  cert.setExtensions(extensions);
  cert.sign((spec.issuer?.key ?? spec.key).forge, forge.md.sha256.create());
  return { forge: cert, x509: new X509Certificate(der(forge.pki.certificateToAsn1(cert))) };
}

/** 16 random bytes, positive and with no leading zero (a minimal DER INTEGER). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x40 | ((bytes[0] ?? 0) & 0x3f);
  return bytes.toString('hex');
}

// ---------------------------------------------------------------------------------------
// The user's own PFX files

type Role = 'gateway PFX' | 'ingress PFX';

/**
 * The user's certificates: the gateway's re-encoded as a PFX with no password (Application
 * Gateway reads the Key Vault secret without one), the ingress one as PEM, and the ingress
 * chain's root. Refuses what cannot work (CertificateError); warns about what would work
 * badly: names not covered, expired certificates, a chain without its root.
 */
export function fromPfxFiles(input: {
  gateway: PfxFile;
  ingress: PfxFile;
  publicHostNames: readonly string[];
  ingressDomain: string;
  now?: Date;
}): CertificateResult {
  const now = input.now ?? new Date();
  const warnings: string[] = [];
  const gateway = readPfx(input.gateway, 'gateway PFX', warnings);
  const ingress = readPfx(input.ingress, 'ingress PFX', warnings);

  const [gatewayLeaf] = gateway.chain;
  const [ingressLeaf] = ingress.chain;
  for (const host of input.publicHostNames) {
    if (gatewayLeaf.checkHost(host, { subject: 'never' }) === undefined) {
      warnings.push(
        `gateway PFX: the certificate ${describeName(gatewayLeaf)} does not cover ${host} (its names: ${namesOf(gatewayLeaf) || 'none'}); clients of ${host} will see a name mismatch.`,
      );
    }
  }
  if (gateway.chain.length === 1 && !selfSigned(gatewayLeaf)) {
    warnings.push(
      `gateway PFX: it holds the leaf certificate alone; include its intermediate certificates so that clients can build the chain.`,
    );
  }

  const wildcard = `*.${input.ingressDomain}`;
  if (!dnsNames(ingressLeaf).some((name) => name.toLowerCase() === wildcard.toLowerCase())) {
    warnings.push(
      `ingress PFX: the certificate ${describeName(ingressLeaf)} does not cover ${wildcard} (its names: ${namesOf(ingressLeaf) || 'none'}); Application Gateway checks the backend's certificate against the internal host names.`,
    );
  }
  // Application Gateway must trust the root of the chain. A PFX without it leaves the
  // top of the chain given, which Application Gateway may refuse: tell the user.
  const root = ingress.chain[ingress.chain.length - 1] ?? ingressLeaf;
  if (!selfSigned(root)) {
    warnings.push(
      `ingress PFX: it holds no root certificate, so Application Gateway is told to trust ${describeName(root)}, the top of the chain given; export the PFX with its whole chain, root included.`,
    );
  }

  for (const [role, chain] of [
    ['gateway PFX', gateway.chain],
    ['ingress PFX', ingress.chain],
  ] as const) {
    for (const certificate of chain) {
      const from = new Date(certificate.validFrom);
      const to = new Date(certificate.validTo);
      if (to.getTime() <= now.getTime()) {
        warnings.push(
          `${role}: the certificate ${describeName(certificate)} expired on ${to.toISOString()}.`,
        );
      } else if (from.getTime() > now.getTime()) {
        warnings.push(
          `${role}: the certificate ${describeName(certificate)} is not valid until ${from.toISOString()}.`,
        );
      }
    }
  }

  return {
    parameters: {
      gatewayCertificate: writePfx(gateway.key, gateway.chain).toString('base64'),
      ingressCertificate: pem(ingress.key, ingress.chain),
      ingressTrustedRoot: root.raw.toString('base64'),
    },
    warnings,
  };
}

interface Opened {
  readonly key: KeyObject;
  /** The leaf first, then each certificate's issuer, as far as the file goes. */
  readonly chain: readonly [X509Certificate, ...X509Certificate[]];
}

/** Opens a PFX with forge (which decrypts and checks the MAC); keys and certificates go to node:crypto. */
function readPfx(file: PfxFile, role: Role, warnings: string[]): Opened {
  if (file.pfx.subarray(0, 64).toString('latin1').includes('-----BEGIN')) {
    throw new CertificateError(
      `the ${role} is PEM text, not a PFX: make one with \`openssl pkcs12 -export -in cert.pem -inkey key.pem -out cert.pfx\``,
    );
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = openPfx(file.pfx, file.password);
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    const from = file.passwordFrom ?? PFX_PASSWORD_VARIABLE;
    if (/password|decrypt/i.test(reason)) {
      throw new CertificateError(
        file.password
          ? `the ${role} did not open with the password in ${from}: set it to this file's password`
          : `the ${role} is protected by a password: set ${from}`,
      );
    }
    // forge's messages are fixed texts (at most an OID), never file content.
    throw new CertificateError(
      `the ${role} is not a readable PKCS#12 file (${reason}): export it again as .pfx`,
    );
  }

  const bags = pfx.safeContents.flatMap((contents) => contents.safeBags);
  const keyBags = bags.filter((bag) => bag.type === OID.keyBag || bag.type === OID.shroudedKeyBag);
  const certificateBags = bags.filter((bag) => bag.type === OID.certBag);
  const [keyBag] = keyBags;
  if (keyBag === undefined) {
    throw new CertificateError(`the ${role} holds no private key: export the PFX with its private key`);
  }
  if (keyBags.length > 1) {
    throw new CertificateError(
      `the ${role} holds ${keyBags.length} private keys: export a PFX with one certificate, its private key and its chain`,
    );
  }
  if (certificateBags.length === 0) {
    throw new CertificateError(
      `the ${role} holds no certificate: export the PFX with its certificate and chain`,
    );
  }

  let key: KeyObject;
  try {
    // forge parses RSA keys; any other kind it leaves as the PKCS#8 structure.
    const info = keyBag.key
      ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
      : keyBag.asn1;
    key = createPrivateKey({ key: der(info), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CertificateError(`the ${role}'s private key could not be read: export the PFX again`);
  }
  const certificates = unique(certificateBags.map((bag) => certificateOf(bag, role)));

  const leaf = certificates.find((certificate) => matches(certificate, key));
  if (leaf === undefined) {
    throw new CertificateError(
      `the ${role} holds no certificate for its private key: export the certificate together with its own key`,
    );
  }
  const chain: [X509Certificate, ...X509Certificate[]] = [leaf];
  let rest = certificates.filter((certificate) => certificate !== leaf);
  for (let top = leaf; !selfSigned(top);) {
    const issuer = rest.find((candidate) => issuedBy(top, candidate));
    if (issuer === undefined) break;
    chain.push(issuer);
    rest = rest.filter((certificate) => certificate !== issuer);
    top = issuer;
  }
  if (rest.length > 0) {
    warnings.push(
      `${role}: ${rest.length} certificate(s) outside the chain of ${describeName(leaf)} were left out: ${rest.map(describeName).join(', ')}.`,
    );
  }
  return { key, chain };
}

/** "No password" is tried as the empty one (OpenSSL's `-passout pass:`), then as none (forge's `null`). */
function openPfx(bytes: Buffer, password: string | undefined): forge.pkcs12.Pkcs12Pfx {
  // One password variable may serve two files of which only one has a password: a file
  // that refuses the password given is tried without one too.
  const attempts = password ? [password, '', undefined] : ['', undefined];
  let first: unknown;
  for (const attempt of attempts) {
    try {
      // Parsed afresh each time: forge changes the ASN.1 it reads.
      return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary'), false), false, attempt);
    } catch (error) {
      first ??= error;
    }
  }
  throw first;
}

/**
 * The certificate's DER. forge keeps a certificate it cannot parse (an EC key, an ECDSA
 * signature) as ASN.1, and re-encodes one it can: there the outer signature algorithm is
 * rebuilt from the OID, so it is taken back from the TBS, which X.509 requires to equal it.
 */
function certificateOf(bag: forge.pkcs12.Bag, role: Role): X509Certificate {
  try {
    if (!bag.cert) return new X509Certificate(der(bag.asn1));
    const certificate = forge.pki.certificateToAsn1(bag.cert);
    const [tbs] = asArray(certificate.value);
    const fields = asArray(tbs?.value);
    const algorithm = fields[fields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 2 : 1];
    if (Array.isArray(certificate.value) && algorithm) certificate.value[1] = algorithm;
    return new X509Certificate(der(certificate));
  } catch {
    throw new CertificateError(
      `the ${role} holds a certificate that could not be read: export the PFX again`,
    );
  }
}

function asArray(value: forge.Bytes | forge.asn1.Asn1[] | undefined): forge.asn1.Asn1[] {
  return Array.isArray(value) ? value : [];
}

function unique(certificates: readonly X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certificates.filter((certificate) => {
    if (seen.has(certificate.fingerprint256)) return false;
    seen.add(certificate.fingerprint256);
    return true;
  });
}

function matches(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false;
  }
}

/** Issuer name matches and the issuer's key verifies the signature. */
function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.issuer === issuer.subject && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function selfSigned(certificate: X509Certificate): boolean {
  return issuedBy(certificate, certificate);
}

// ---------------------------------------------------------------------------------------
// Encoding

/**
 * A PFX with the empty password, like `openssl pkcs12 -export -passout pass:` (what the
 * AKS baseline stores for Application Gateway): the key in a 3DES shrouded bag, the chain in
 * plain certificate bags, leaf first, and a SHA-1 MAC. Readers treat the empty password and
 * none alike. Built here rather than with forge's toPkcs12Asn1, which takes RSA keys only.
 */
function writePfx(key: KeyObject, chain: readonly X509Certificate[]): Buffer {
  const { asn1 } = forge;
  const seq = (items: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
  const oid = (id: string) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
  const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
  const explicit = (item: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]);
  const data = (bags: forge.asn1.Asn1[]) =>
    seq([oid(OID.data), explicit(octets(asn1.toDer(seq(bags)).getBytes()))]);

  const [leaf] = chain;
  // localKeyId pairs the key with its certificate: SHA-1 of the leaf, as OpenSSL does.
  const localKeyId = leaf
    ? createHash('sha1').update(leaf.raw).digest('binary')
    : randomBytes(20).toString('binary');
  const attributes = set([seq([oid(OID.localKeyId), set([octets(localKeyId)])])]);
  const keyInfo = asn1.fromDer(key.export({ type: 'pkcs8', format: 'der' }).toString('binary'));
  const keyBag = seq([
    oid(OID.shroudedKeyBag),
    explicit(forge.pki.encryptPrivateKeyInfo(keyInfo, '', { algorithm: '3des' })),
    attributes,
  ]);
  const certificateBags = chain.map((certificate, index) =>
    seq([
      oid(OID.certBag),
      explicit(seq([oid(OID.x509Certificate), explicit(octets(certificate.raw.toString('binary')))])),
      ...(index === 0 ? [attributes] : []),
    ]),
  );
  const authenticatedSafe = asn1.toDer(seq([data(certificateBags), data([keyBag])])).getBytes();

  const salt = randomBytes(8).toString('binary');
  const iterations = 2048;
  const macKey = forge.pkcs12.generateKey('', forge.util.createBuffer(salt), 3, iterations, 20);
  const mac = createHmac('sha1', Buffer.from(macKey.getBytes(), 'binary'))
    .update(Buffer.from(authenticatedSafe, 'binary'))
    .digest('binary');
  const pfx = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    seq([oid(OID.data), explicit(octets(authenticatedSafe))]),
    seq([
      seq([seq([oid(OID.sha1), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]), octets(mac)]),
      octets(salt),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(iterations).getBytes()),
    ]),
  ]);
  return der(pfx);
}

/** PKCS#8 key, then the certificates in chain order. */
function pem(key: KeyObject, chain: readonly X509Certificate[]): string {
  const keyPem = String(key.export({ type: 'pkcs8', format: 'pem' }));
  return [keyPem, ...chain.map((certificate) => certificate.toString())]
    .map((block) => (block.endsWith('\n') ? block : `${block}\n`))
    .join('');
}

function der(value: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(value).getBytes(), 'binary');
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  sha1: '1.3.14.3.2.26',
} as const;

// ---------------------------------------------------------------------------------------
// Descriptions for logs

/**
 * One line per certificate that the parameters carry (the gateway's leaf, the ingress leaf,
 * the trusted root): subject, names, issuer, expiry and SHA-256 thumbprint. Never key
 * material. Empty parameters are left out.
 */
export function describeCertificates(parameters: CertificateParameters): string[] {
  const lines: string[] = [];
  if (parameters.gatewayCertificate) {
    const gateway = readPfx({ pfx: Buffer.from(parameters.gatewayCertificate, 'base64') }, 'gateway PFX', []);
    lines.push(`gatewayCertificate: ${facts(gateway.chain[0])}`);
  }
  if (parameters.ingressCertificate) {
    const [leaf] = parameters.ingressCertificate.match(CERTIFICATE_PEM) ?? [];
    if (leaf === undefined) throw new CertificateError('ingressCertificate holds no certificate');
    lines.push(`ingressCertificate: ${facts(new X509Certificate(leaf))}`);
  }
  if (parameters.ingressTrustedRoot) {
    lines.push(
      `ingressTrustedRoot: ${facts(new X509Certificate(Buffer.from(parameters.ingressTrustedRoot, 'base64')))}`,
    );
  }
  return lines;
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function facts(certificate: X509Certificate): string {
  return [
    `subject ${describeName(certificate)}`,
    `names ${namesOf(certificate) || 'none'}`,
    `issuer ${certificate.issuer.split('\n').join(', ')}`,
    `valid until ${new Date(certificate.validTo).toISOString()}`,
    `SHA-256 ${certificate.fingerprint256}`,
  ].join('; ');
}

/** Node's multi-line distinguished name on one line. */
function describeName(certificate: X509Certificate): string {
  return `"${certificate.subject.split('\n').join(', ')}"`;
}

function namesOf(certificate: X509Certificate): string {
  return certificate.subjectAltName ?? '';
}

function dnsNames(certificate: X509Certificate): string[] {
  return namesOf(certificate)
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
}
