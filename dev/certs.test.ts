import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CA_COMMON_NAME, ensureDevCertificate, readDevCertificateSync, type DevCertificate } from './certs';

let root: string;
let certDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kqlw-certs-'));
  certDir = join(root, 'certs');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A TLS handshake to a server with `tls`, trusting only `ca`: resolves with the status, rejects on a certificate error. */
async function handshake(tls: DevCertificate, ca: string, host = 'localhost'): Promise<number> {
  const server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', servername: host, port, ca, path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('ensureDevCertificate', () => {
  it('makes one CA and a localhost certificate signed by it, which a client trusting only the CA accepts', async () => {
    const tls = await ensureDevCertificate(certDir);
    const ca = new X509Certificate(tls.ca);
    const server = new X509Certificate(tls.cert);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain(CA_COMMON_NAME);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(await handshake(tls, tls.ca)).toBe(200);
    // The server certificate alone is no trust anchor: clients must be given the CA.
    await expect(handshake(tls, tls.cert)).rejects.toThrow();
  });

  it('gives parallel first callers on a fresh clone the same CA, and leaves no staging folders', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => ensureDevCertificate(certDir)));
    expect(new Set(all.map((tls) => tls.ca)).size).toBe(1);
    for (const tls of all) expect(await handshake(tls, all[0]!.ca)).toBe(200);
    expect((await readdir(root)).sort()).toEqual(['certs']);
    expect(readDevCertificateSync(certDir)?.cert).toBe((await ensureDevCertificate(certDir)).cert);
  });

  it('keeps the CA across starts and re-signs an expiring server certificate with it', async () => {
    const first = await ensureDevCertificate(certDir);
    expect(await ensureDevCertificate(certDir)).toEqual(first);
    // A server certificate signed by another CA stands in for one that no longer verifies.
    const other = await ensureDevCertificate(join(root, 'other'));
    await writeFile(join(certDir, 'localhost.pem'), other.key + other.cert);
    const renewed = await ensureDevCertificate(certDir);
    expect(renewed.ca).toBe(first.ca);
    expect(renewed.cert).not.toBe(other.cert);
    expect(await handshake(renewed, first.ca)).toBe(200);
  });

  it('replaces a folder from before the CA (a lone self-signed localhost.crt)', async () => {
    await mkdir(certDir);
    await writeFile(join(certDir, 'localhost.crt'), 'old');
    await writeFile(join(certDir, 'localhost.key'), 'old');
    const tls = await ensureDevCertificate(certDir);
    expect(await readFile(join(certDir, 'ca.crt'), 'utf8')).toBe(tls.ca);
    expect(await readdir(certDir)).not.toContain('localhost.crt');
    expect(await handshake(tls, tls.ca)).toBe(200);
  });
});
