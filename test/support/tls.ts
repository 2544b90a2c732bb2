/**
 * A self-signed certificate for a loopback HTTPS server in tests (the Azure stand-in):
 * localhost and 127.0.0.1, valid from an hour ago for a day. Clients trust it by passing
 * the certificate itself as `ca`. Made once per process: RSA key generation is slow.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  /** PKCS#8 PEM. */
  readonly key: string;
  readonly cert: string;
}

let cached: TestCertificate | undefined;

export function testServerCertificate(): TestCertificate {
  cached ??= make();
  return cached;
}

function make(): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(String(publicKey.export({ type: 'spki', format: 'pem' })));
  const serial = randomBytes(16);
  serial[0] = 0x40 | (serial[0]! & 0x3f);
  cert.serialNumber = serial.toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now - 3_600_000 + 86_400_000);
  const name = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  const signingKey = forge.pki.privateKeyFromPem(String(privateKey.export({ type: 'pkcs1', format: 'pem' })));
  cert.sign(signingKey, forge.md.sha256.create());
  return {
    key: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    cert: forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n'),
  };
}
