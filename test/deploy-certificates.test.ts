import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import tls from 'node:tls';
import forge from 'node-forge';
import { OPENSSL_EC_CHAIN, OPENSSL_EC_PFX } from './support/openssl-pfx.js';
import type { CertificateParameters, PfxFile } from '../src/deploy/certificates.js';
import {
  CertificateError,
  describeCertificates,
  fromPfxFiles,
  selfSignedCertificates,
} from '../src/deploy/certificates.js';

const HOSTS = ['bicycle.contoso.com', 'www.contoso.com'];
const DOMAIN = 'aks-ingress.contoso.com';
/** Now, for the certificates made here: TLS handshakes check validity against the clock. */
const NOW = new Date();
/** Within the OpenSSL fixture's validity, whatever the clock says. */
const FIXTURE_NOW = new Date('2030-06-01T12:00:00Z');
const DAY = 86_400_000;
/** Serial numbers of the test certificates. */
let serial = 1;

describe('self-signed certificates', () => {
  const now = new Date();
  const { parameters, warnings } = selfSignedCertificates({
    publicHostNames: HOSTS,
    ingressDomain: DOMAIN,
    now,
    validDays: 30,
  });

  it('gives the gateway a PFX that opens with no password and serves every host name', async () => {
    const pfx = Buffer.from(parameters.gatewayCertificate, 'base64');
    assert.equal(pfx.toString('base64'), parameters.gatewayCertificate, 'plain base64');
    tls.createSecureContext({ pfx });
    for (const host of HOSTS) {
      // Trusting the gateway's own certificate: it is self-signed.
      const peer = await handshake({ pfx }, host, (certificate) => certificate.toString());
      assert.match(peer.subjectAltName ?? '', new RegExp(`DNS:${host.replace(/\./g, '\\.')}`));
      assert.match(peer.subject, /CN=bicycle\.contoso\.com/);
      assert.equal(peer.checkHost(host, { subject: 'never' }), host);
    }
  });

  it('gives the ingress a PEM of one private key, the wildcard leaf and its CA', () => {
    const keys = privateKeysOf(parameters.ingressCertificate);
    assert.equal(keys.length, 1);
    assert.ok(parameters.ingressCertificate.startsWith('-----BEGIN PRIVATE KEY-----'), 'PKCS#8 first');
    const [leaf, ca, ...more] = certificatesOf(parameters.ingressCertificate);
    assert.equal(more.length, 0);
    assert.ok(leaf && ca);
    assert.ok(leaf.checkPrivateKey(createPrivateKey(keys[0]!)));
    assert.match(leaf.subjectAltName ?? '', /DNS:\*\.aks-ingress\.contoso\.com/);
    assert.equal(leaf.checkHost(`bu0001a0008-00.${DOMAIN}`, { subject: 'never' }), `*.${DOMAIN}`);
    assert.equal(leaf.ca, false);
    assert.equal(ca.ca, true);
    assert.match(leaf.keyUsage?.join(' ') ?? '', /1\.3\.6\.1\.5\.5\.7\.3\.1/, 'serverAuth');
  });

  it("makes the trusted root the CA's DER, which verifies the ingress leaf", async () => {
    const root = new X509Certificate(Buffer.from(parameters.ingressTrustedRoot, 'base64'));
    const [leaf, ca] = certificatesOf(parameters.ingressCertificate);
    assert.equal(root.fingerprint256, ca?.fingerprint256);
    assert.ok(leaf?.verify(root.publicKey));
    assert.ok(leaf?.checkIssued(root));
    assert.ok(root.verify(root.publicKey), 'self-signed');
    // What Application Gateway does on its backend hop: trust the root, check the name.
    const peer = await handshake(
      { key: parameters.ingressCertificate, cert: parameters.ingressCertificate },
      `bu0001a0008-00.${DOMAIN}`,
      () => root.toString(),
    );
    assert.equal(peer.fingerprint256, leaf?.fingerprint256);
  });

  it('is valid from an hour back for the days asked, with random positive serials and SHA-256', () => {
    assert.deepEqual(warnings, []);
    const all = [servedLeaf(parameters), ...certificatesOf(parameters.ingressCertificate)];
    for (const certificate of all) {
      assert.equal(Date.parse(certificate.validFrom), Math.floor((now.getTime() - 3_600_000) / 1000) * 1000);
      assert.equal(Date.parse(certificate.validTo), Math.floor((now.getTime() + 30 * DAY) / 1000) * 1000);
      assert.match(certificate.serialNumber, /^[0-7][0-9A-F]{31}$/i);
      assert.equal(
        forge.pki.certificateFromPem(certificate.toString()).signatureOid,
        '1.2.840.113549.1.1.11',
      );
    }
    assert.equal(new Set(all.map((certificate) => certificate.serialNumber)).size, all.length);
  });

  it('refuses an empty host name list', () => {
    assert.throws(
      () => selfSignedCertificates({ publicHostNames: [], ingressDomain: DOMAIN }),
      CertificateError,
    );
  });
});

describe("the user's PFX files", () => {
  const keys = { root: rsaKey(), intermediate: rsaKey(), leaf: rsaKey(), ingress: rsaKey() };
  const validity = { from: new Date(NOW.getTime() - 100 * DAY), to: new Date(NOW.getTime() + 300 * DAY) };
  const root = issue({ cn: 'Contoso Root', key: keys.root, ca: true, validity });
  const intermediate = issue({
    cn: 'Contoso Issuing',
    key: keys.intermediate,
    ca: true,
    issuer: root,
    validity,
  });
  const gatewayLeaf = issue({ cn: HOSTS[0]!, names: HOSTS, key: keys.leaf, issuer: intermediate, validity });
  const ingressLeaf = issue({
    cn: `*.${DOMAIN}`,
    names: [`*.${DOMAIN}`],
    key: keys.ingress,
    issuer: root,
    validity,
  });
  const password = 'correct horse battery staple';
  // Bags in no particular order: the chain is rebuilt from the signatures.
  const gatewayPfx = pfxOf(gatewayLeaf, [gatewayLeaf, root, intermediate], password);
  const ingressPfx = pfxOf(ingressLeaf, [ingressLeaf, root], password);
  const convert = (gateway: PfxFile, ingress: PfxFile, now = NOW) =>
    fromPfxFiles({ gateway, ingress, publicHostNames: HOSTS, ingressDomain: DOMAIN, now });

  it('round trips password-protected files: the gateway PFX opens with no password and keeps its chain', async () => {
    const { parameters, warnings } = convert({ pfx: gatewayPfx, password }, { pfx: ingressPfx, password });
    assert.deepEqual(warnings, []);
    const pfx = Buffer.from(parameters.gatewayCertificate, 'base64');
    tls.createSecureContext({ pfx });
    const peer = await handshake(
      { pfx },
      'www.contoso.com',
      () => root.x509.toString(),
      (socket) => {
        const chain = socket.getPeerCertificate(true);
        assert.ok(chain.raw.equals(gatewayLeaf.x509.raw), 'the leaf, byte for byte');
        assert.ok(
          chain.issuerCertificate.raw.equals(intermediate.x509.raw),
          'the intermediate, byte for byte',
        );
      },
    );
    assert.equal(peer.fingerprint256, gatewayLeaf.x509.fingerprint256);
  });

  it('round trips the ingress PFX to key, leaf and chain, and its root to the trusted root', () => {
    const { parameters } = convert({ pfx: gatewayPfx, password }, { pfx: ingressPfx, password });
    const [key, ...others] = privateKeysOf(parameters.ingressCertificate);
    assert.equal(others.length, 0);
    assert.match(key!, /^-----BEGIN PRIVATE KEY-----/);
    const chain = certificatesOf(parameters.ingressCertificate);
    assert.deepEqual(
      chain.map((certificate) => certificate.fingerprint256),
      [ingressLeaf.x509.fingerprint256, root.x509.fingerprint256],
    );
    assert.ok(chain[0]!.checkPrivateKey(createPrivateKey(key!)));
    assert.equal(parameters.ingressTrustedRoot, root.x509.raw.toString('base64'));
    assert.ok(
      chain[0]!.verify(new X509Certificate(Buffer.from(parameters.ingressTrustedRoot, 'base64')).publicKey),
    );
  });

  it('opens files with no password, and one password variable for two files of which one has none', () => {
    const open = pfxOf(ingressLeaf, [ingressLeaf, root], null);
    const empty = pfxOf(ingressLeaf, [ingressLeaf, root], '');
    assert.deepEqual(convert({ pfx: gatewayPfx, password }, { pfx: open }).warnings, []);
    assert.deepEqual(convert({ pfx: gatewayPfx, password }, { pfx: empty }).warnings, []);
    assert.deepEqual(convert({ pfx: gatewayPfx, password }, { pfx: open, password }).warnings, []);
  });

  it('refuses a wrong or missing password without repeating it', () => {
    const wrong = 'not the password 12345';
    for (const [file, pattern] of [
      [
        { pfx: gatewayPfx, password: wrong },
        /gateway PFX did not open with the password in BASEPLATE_PFX_PASSWORD/,
      ],
      [{ pfx: gatewayPfx }, /gateway PFX is protected by a password: set BASEPLATE_PFX_PASSWORD/],
      [{ pfx: gatewayPfx, password: wrong, passwordFrom: '--gateway-password' }, /--gateway-password/],
    ] as const) {
      const error = thrown(() => convert(file, { pfx: ingressPfx, password }));
      assert.match(error.message, pattern);
      assert.ok(!error.message.includes(wrong) && !error.message.includes(password), error.message);
    }
  });

  it('refuses a PFX without a private key or without a certificate, naming the file', () => {
    const noKey = pfxOf(null, [ingressLeaf, root], password);
    assert.match(
      thrown(() => convert({ pfx: gatewayPfx, password }, { pfx: noKey, password })).message,
      /the ingress PFX holds no private key: export the PFX with its private key/,
    );
    const noCertificate = pfxOf(gatewayLeaf, [], password);
    assert.match(
      thrown(() => convert({ pfx: noCertificate, password }, { pfx: ingressPfx, password })).message,
      /the gateway PFX holds no certificate/,
    );
    const wrongCertificate = pfxOf(gatewayLeaf, [ingressLeaf], password);
    assert.match(
      thrown(() => convert({ pfx: wrongCertificate, password }, { pfx: ingressPfx, password })).message,
      /the gateway PFX holds no certificate for its private key/,
    );
  });

  it('refuses what is not a PFX', () => {
    assert.match(
      thrown(() =>
        convert({ pfx: Buffer.from('-----BEGIN CERTIFICATE-----\n') }, { pfx: ingressPfx, password }),
      ).message,
      /the gateway PFX is PEM text, not a PFX/,
    );
    assert.match(
      thrown(() => convert({ pfx: Buffer.from([1, 2, 3, 4, 5]) }, { pfx: ingressPfx, password })).message,
      /the gateway PFX is not a readable PKCS#12 file/,
    );
  });

  it('warns about a host name the gateway certificate does not cover, matching a wildcard to one label', () => {
    const wildcard = issue({
      cn: '*.contoso.com',
      names: ['*.contoso.com'],
      key: keys.leaf,
      issuer: intermediate,
      validity,
    });
    const file = { pfx: pfxOf(wildcard, [wildcard, intermediate, root], password), password };
    const covered = fromPfxFiles({
      gateway: file,
      ingress: { pfx: ingressPfx, password },
      publicHostNames: ['bicycle.contoso.com', 'shop.bicycle.contoso.com'],
      ingressDomain: DOMAIN,
      now: NOW,
    });
    assert.equal(covered.warnings.length, 1, covered.warnings.join('\n'));
    assert.match(covered.warnings[0]!, /gateway PFX: .* does not cover shop\.bicycle\.contoso\.com/);
  });

  it('warns when the ingress certificate is not the wildcard of the internal domain', () => {
    const { warnings } = fromPfxFiles({
      gateway: { pfx: gatewayPfx, password },
      ingress: { pfx: ingressPfx, password },
      publicHostNames: HOSTS,
      ingressDomain: 'internal.contoso.com',
      now: NOW,
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /ingress PFX: .* does not cover \*\.internal\.contoso\.com/);
  });

  it('warns about expired and not yet valid certificates', () => {
    const later = new Date(validity.to.getTime() + DAY);
    const expired = convert({ pfx: gatewayPfx, password }, { pfx: ingressPfx, password }, later).warnings;
    assert.ok(
      expired.some((w) => /^gateway PFX: the certificate "CN=bicycle\.contoso\.com" expired on /.test(w)),
    );
    assert.ok(
      expired.some((w) => /^ingress PFX: the certificate "CN=\*\.aks-ingress\.contoso\.com" expired/.test(w)),
    );
    const earlier = new Date(validity.from.getTime() - DAY);
    const early = convert({ pfx: gatewayPfx, password }, { pfx: ingressPfx, password }, earlier).warnings;
    assert.ok(early.some((w) => /^gateway PFX: .* is not valid until /.test(w)));
  });

  it('trusts the top of the chain given when the ingress PFX has no root, and says so', () => {
    const issued = issue({
      cn: `*.${DOMAIN}`,
      names: [`*.${DOMAIN}`],
      key: keys.ingress,
      issuer: intermediate,
      validity,
    });
    const { parameters, warnings } = convert(
      { pfx: gatewayPfx, password },
      { pfx: pfxOf(issued, [issued, intermediate], password), password },
    );
    assert.equal(parameters.ingressTrustedRoot, intermediate.x509.raw.toString('base64'));
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /ingress PFX: it holds no root certificate.*"CN=Contoso Issuing".*root included/,
    );
  });

  it('warns about a gateway PFX with the leaf alone, and leaves out certificates outside the chain', () => {
    const { parameters, warnings } = convert(
      { pfx: pfxOf(gatewayLeaf, [gatewayLeaf, ingressLeaf], password), password },
      { pfx: ingressPfx, password },
    );
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0]!, /gateway PFX: 1 certificate\(s\) outside the chain .* were left out/);
    assert.match(warnings[1]!, /gateway PFX: it holds the leaf certificate alone/);
    assert.equal(gatewayChainLength(parameters), 1);
  });

  it('reads an OpenSSL 3 PFX (AES-256, SHA-256 MAC) of an ECDSA chain', () => {
    const file = { pfx: Buffer.from(OPENSSL_EC_PFX.replace(/\s/g, ''), 'base64'), password: 's3cret' };
    const { parameters, warnings } = fromPfxFiles({
      gateway: file,
      ingress: file,
      publicHostNames: ['bicycle.contoso.com'],
      ingressDomain: DOMAIN,
      now: FIXTURE_NOW,
    });
    assert.deepEqual(warnings, []);
    const pfx = Buffer.from(parameters.gatewayCertificate, 'base64');
    tls.createSecureContext({ pfx });
    assert.equal(servedLeaf(parameters).fingerprint256, OPENSSL_EC_CHAIN[0]);
    assert.equal(gatewayChainLength(parameters), 3);
    const chain = certificatesOf(parameters.ingressCertificate);
    assert.deepEqual(
      chain.map((certificate) => certificate.fingerprint256),
      OPENSSL_EC_CHAIN,
    );
    const [key] = privateKeysOf(parameters.ingressCertificate);
    assert.equal(createPrivateKey(key!).asymmetricKeyType, 'ec');
    assert.ok(chain[0]!.checkPrivateKey(createPrivateKey(key!)));
    assert.equal(
      new X509Certificate(Buffer.from(parameters.ingressTrustedRoot, 'base64')).fingerprint256,
      OPENSSL_EC_CHAIN[2],
    );
  });
});

describe('certificate descriptions', () => {
  it('name subject, names, expiry and thumbprint, and no key material', () => {
    const { parameters } = selfSignedCertificates({ publicHostNames: HOSTS, ingressDomain: DOMAIN });
    const lines = describeCertificates(parameters);
    assert.equal(lines.length, 3);
    const [gateway, ingress, root] = lines;
    assert.match(
      gateway!,
      /^gatewayCertificate: subject "CN=bicycle\.contoso\.com.*DNS:www\.contoso\.com.*valid until \d{4}-.*SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
    );
    assert.ok(gateway!.includes(servedLeaf(parameters).fingerprint256));
    assert.match(ingress!, /^ingressCertificate: subject "CN=\*\.aks-ingress\.contoso\.com/);
    assert.match(root!, /^ingressTrustedRoot: subject "CN=Baseplate internal ingress CA/);
    const text = lines.join('\n');
    assert.ok(!text.includes('PRIVATE KEY'));
    const key = privateKeysOf(parameters.ingressCertificate)[0]!;
    const keyBase64 = createPrivateKey(key).export({ type: 'pkcs8', format: 'der' }).toString('base64');
    for (let at = 0; at + 16 <= keyBase64.length; at += 16) {
      assert.ok(!text.includes(keyBase64.slice(at, at + 16)), 'no part of the key');
    }
    assert.ok(!text.includes(parameters.gatewayCertificate.slice(0, 32)));
  });

  it('leave out empty parameters', () => {
    assert.deepEqual(
      describeCertificates({ gatewayCertificate: '', ingressCertificate: '', ingressTrustedRoot: '' }),
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------

/** A loopback TLS server with `server` options; resolves with the certificate the client verified. */
async function handshake(
  server: tls.TlsOptions,
  servername: string,
  trust: (served: X509Certificate) => string,
  inspect?: (socket: tls.TLSSocket) => void,
): Promise<X509Certificate> {
  const served = new X509Certificate(
    await connect(
      server,
      servername,
      { rejectUnauthorized: false },
      (socket) => socket.getPeerCertificate().raw,
    ),
  );
  const verified = await connect(server, servername, { ca: trust(served) }, (socket) => {
    inspect?.(socket);
    return socket.getPeerX509Certificate();
  });
  assert.ok(verified);
  return verified;
}

async function connect<T>(
  server: tls.TlsOptions,
  servername: string,
  client: tls.ConnectionOptions,
  read: (socket: tls.TLSSocket) => T,
): Promise<T> {
  const listener = tls.createServer(server, (socket) => socket.end());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = listener.address() as AddressInfo;
    return await new Promise<T>((resolve, reject) => {
      const socket = tls.connect({ ...client, host: '127.0.0.1', port, servername }, () => {
        try {
          resolve(read(socket));
        } catch (error) {
          reject(error);
        }
        socket.end();
      });
      socket.on('error', reject);
    });
  } finally {
    await new Promise((resolve) => listener.close(resolve));
  }
}

function certificatesOf(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (block) => new X509Certificate(block),
  );
}

function privateKeysOf(pem: string): string[] {
  return pem.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
}

/** The gateway PFX's leaf, read by OpenSSL through a TLS context. */
function servedLeaf(parameters: CertificateParameters): X509Certificate {
  const socket = new tls.TLSSocket(new PassThrough(), {
    secureContext: tls.createSecureContext({ pfx: Buffer.from(parameters.gatewayCertificate, 'base64') }),
    isServer: true,
  });
  const certificate = socket.getX509Certificate();
  socket.destroy();
  assert.ok(certificate);
  return certificate;
}

/** How many certificates the gateway PFX holds, read with forge. */
function gatewayChainLength(parameters: CertificateParameters): number {
  const der = Buffer.from(parameters.gatewayCertificate, 'base64').toString('binary');
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), '');
  return pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.length ?? 0;
}

function thrown(run: () => unknown): CertificateError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CertificateError, String(error));
    return error;
  }
  assert.fail('expected a CertificateError');
}

interface TestKey {
  readonly node: KeyObject;
  readonly private: forge.pki.rsa.PrivateKey;
  readonly public: forge.pki.rsa.PublicKey;
}

function rsaKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    node: privateKey,
    private: forge.pki.privateKeyFromPem(String(privateKey.export({ type: 'pkcs1', format: 'pem' }))),
    public: forge.pki.publicKeyFromPem(String(publicKey.export({ type: 'spki', format: 'pem' }))),
  };
}

interface Issued {
  readonly cert: forge.pki.Certificate;
  readonly key: TestKey;
  readonly x509: X509Certificate;
}

function issue(spec: {
  cn: string;
  names?: readonly string[];
  key: TestKey;
  ca?: boolean;
  issuer?: Issued;
  validity: { from: Date; to: Date };
}): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = spec.key.public;
  cert.serialNumber = (serial++).toString(16).padStart(4, '0');
  cert.validity.notBefore = spec.validity.from;
  cert.validity.notAfter = spec.validity.to;
  cert.setSubject([{ name: 'commonName', value: spec.cn }]);
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: spec.ca ?? false },
    ...(spec.ca ? [{ name: 'keyUsage', keyCertSign: true, cRLSign: true }] : []),
    ...(spec.names
      ? [{ name: 'subjectAltName', altNames: spec.names.map((value) => ({ type: 2, value })) }]
      : []),
  ]);
  cert.sign((spec.issuer?.key ?? spec.key).private, forge.md.sha256.create());
  return { cert, key: spec.key, x509: new X509Certificate(forge.pki.certificateToPem(cert)) };
}

/** A PFX as a user would export it: forge's, password-protected unless `null`. */
function pfxOf(owner: Issued | null, chain: readonly Issued[], password: string | null): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    owner ? owner.key.private : null,
    chain.map((issued) => issued.cert),
    password,
    // forge pairs the key with the first certificate, so it needs one to name the pair.
    { algorithm: 'aes256', generateLocalKeyId: chain.length > 0 },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
