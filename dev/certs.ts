import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

export interface DevCertificate {
  key: string;
  cert: string;
}

const certDir = join(dirname(fileURLToPath(import.meta.url)), 'certs');
const keyPath = join(certDir, 'localhost.key');
const certPath = join(certDir, 'localhost.crt');

/**
 * One self-signed certificate for localhost, shared by the provider, the cluster and the app.
 * All three must be HTTPS: Chromium drops the provider's session cookie inside the hidden
 * renewal iframe when the embedding page is plain http. Generated once, git-ignored.
 */
export async function ensureDevCertificate(): Promise<DevCertificate> {
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  }
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
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
  // Several processes (Vitest workers, the stack) may get here at once on a fresh clone. Each
  // writes into its own folder and renames it into place: the first rename wins, and the others
  // read the winner's files, so every server and every test trusts the same certificate.
  const staging = await mkdtemp(join(dirname(certDir), `${basename(certDir)}-`));
  await writeFile(join(staging, basename(keyPath)), pems.private, { mode: 0o600 });
  await writeFile(join(staging, basename(certPath)), pems.cert);
  try {
    await rename(staging, certDir);
    return { key: pems.private, cert: pems.cert };
  } catch {
    await rm(staging, { recursive: true, force: true });
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  }
}
