import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { X509Certificate, randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

export interface DevCertificate {
  /** The server certificate's private key (PEM). */
  key: string;
  /** The server certificate for localhost, 127.0.0.1 and ::1, signed by the local CA (PEM). */
  cert: string;
  /** The local CA's certificate (PEM): what a client trusts to reach any of the three servers. */
  ca: string;
}

/** Where the certificates live: `dev/certs/` (git-ignored); tests pass a folder of their own. */
export const DEV_CERT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'certs');

const CA_CERT = 'ca.crt';
const CA_KEY = 'ca.key';
/** The server key and certificate in one file, so a renewal replaces both with one rename. */
const SERVER_PEM = 'localhost.pem';

const DAY_MS = 24 * 3600 * 1000;
/**
 * 397 days: the longest server certificate Chromium and Safari accept from a publicly trusted CA
 * (https://chromium.googlesource.com/chromium/src/+/HEAD/net/docs/certificate_lifetimes.md).
 * A local CA is exempt, but the short life costs nothing: the server certificate is re-signed
 * silently by the same CA, which the browser already trusts.
 */
const SERVER_LIFETIME_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const CA_LIFETIME_DAYS = 10 * 365;

export const CA_COMMON_NAME = 'KQL Workbench local development CA';

/**
 * The local stack's TLS: one certificate authority generated once per clone, and one server
 * certificate for localhost signed by it, served by the app, the provider and the cluster.
 * Trust the CA once (`npm start` prints how) and none of the three origins warns.
 * All three must be HTTPS: Chromium drops the provider's session cookie inside the hidden
 * renewal iframe when the embedding page is plain http.
 */
export async function ensureDevCertificate(certDir: string = DEV_CERT_DIR): Promise<DevCertificate> {
  const ca = await ensureCertificateAuthority(certDir);
  const server = await readServerPem(certDir);
  if (server && isCurrentServerCertificate(server.cert, ca.cert)) {
    return { key: server.key, cert: server.cert, ca: ca.cert };
  }
  const fresh = await signServerCertificate(ca);
  // Write beside and rename over: a reader sees the old pair or the new one, never half of each.
  // Two processes renewing at once each serve their own certificate, both signed by the same CA.
  const staging = join(certDir, `${SERVER_PEM}.${randomUUID()}.tmp`);
  await writeFile(staging, fresh.key + fresh.cert, { mode: 0o600 });
  await rename(staging, join(certDir, SERVER_PEM));
  return { ...fresh, ca: ca.cert };
}

/** The server key and certificate as `ensureDevCertificate` left them, read synchronously (vite.config.ts). */
export function readDevCertificateSync(certDir: string = DEV_CERT_DIR): { key: string; cert: string } | undefined {
  const path = join(certDir, SERVER_PEM);
  return existsSync(path) ? splitServerPem(readFileSync(path, 'utf8')) : undefined;
}

/** How to make the browser trust the local CA, for the platform `npm start` runs on. */
export function trustInstructions(certDir: string = DEV_CERT_DIR, platform: NodeJS.Platform = process.platform): string[] {
  const caPath = join(certDir, CA_CERT);
  switch (platform) {
    case 'darwin':
      return [`sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain "${caPath}"`];
    case 'win32':
      return [`certutil -user -addstore Root "${caPath}"`];
    default:
      return [
        `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "${CA_COMMON_NAME}" -i "${caPath}"   # Chromium/Chrome (libnss3-tools)`,
        `Firefox: Settings → Certificates → View Certificates → Authorities → Import "${caPath}"`,
      ];
  }
}

interface KeyAndCert {
  key: string;
  cert: string;
}

async function ensureCertificateAuthority(certDir: string): Promise<KeyAndCert> {
  const existing = await readCertificateAuthority(certDir);
  if (existing) return existing;
  // A folder from before the CA (a lone self-signed localhost.key/.crt) is moved out of the way.
  if (existsSync(certDir)) await retire(certDir);
  const ca = await generate([{ name: 'commonName', value: CA_COMMON_NAME }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + CA_LIFETIME_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const authority = { key: ca.private, cert: ca.cert };
  const server = await signServerCertificate(authority);
  // Several processes (Vitest workers, the stack) may get here at once on a fresh clone. Each
  // writes a complete folder and renames it into place: the first rename wins, and the others
  // read the winner's files, so every server and every client trusts the same CA.
  const staging = await mkdtemp(join(dirname(certDir), `${basename(certDir)}-`));
  await writeFile(join(staging, CA_KEY), ca.private, { mode: 0o600 });
  await writeFile(join(staging, CA_CERT), ca.cert);
  await writeFile(join(staging, SERVER_PEM), server.key + server.cert, { mode: 0o600 });
  try {
    await rename(staging, certDir);
    return authority;
  } catch {
    await rm(staging, { recursive: true, force: true });
    const winner = await readCertificateAuthority(certDir);
    if (!winner) throw new Error(`${certDir} exists but holds no ${CA_CERT}/${CA_KEY}`);
    return winner;
  }
}

async function readCertificateAuthority(certDir: string): Promise<KeyAndCert | undefined> {
  try {
    return { key: await readFile(join(certDir, CA_KEY), 'utf8'), cert: await readFile(join(certDir, CA_CERT), 'utf8') };
  } catch {
    return undefined;
  }
}

async function retire(certDir: string): Promise<void> {
  const aside = `${certDir}-retired-${randomUUID()}`;
  try {
    await rename(certDir, aside);
  } catch {
    return; // another process moved it first
  }
  await rm(aside, { recursive: true, force: true });
}

async function readServerPem(certDir: string): Promise<KeyAndCert | undefined> {
  try {
    return splitServerPem(await readFile(join(certDir, SERVER_PEM), 'utf8'));
  } catch {
    return undefined;
  }
}

function splitServerPem(pem: string): KeyAndCert | undefined {
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----\s*/.exec(pem)?.[0];
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*/.exec(pem)?.[0];
  return key && cert ? { key, cert } : undefined;
}

function isCurrentServerCertificate(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.verify(ca.publicKey) && Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_DAYS * DAY_MS;
  } catch {
    return false;
  }
}

async function signServerCertificate(ca: KeyAndCert): Promise<KeyAndCert> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + SERVER_LIFETIME_DAYS * DAY_MS),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
