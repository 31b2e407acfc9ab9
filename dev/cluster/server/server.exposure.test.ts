/**
 * What the local cluster exposes before it does any work: the interfaces it listens on, and how
 * much of an oversized request it reads before refusing it.
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { startCluster, type RunningCluster } from './server';
import { createTestKeys, FakeEngine, TEST_ISSUER, userClaims } from './test-support';

const LIMIT = 4096;
let tls: DevCertificate;
let engine: FakeEngine;
let cluster: RunningCluster;
let token: string;

beforeAll(async () => {
  tls = await ensureDevCertificate();
  const keys = await createTestKeys();
  engine = new FakeEngine();
  cluster = await startCluster({
    port: 0,
    tls,
    engine,
    auth: { issuer: TEST_ISSUER, keySet: keys.keySet, acceptedTyps: ['at+jwt'] },
    limits: { maxBodyBytes: LIMIT },
  });
  token = await keys.mint(userClaims(cluster.url));
});

afterAll(async () => {
  await cluster?.close();
});

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}

describe('network exposure', () => {
  it('listens on a loopback address only, like the identity provider and the app', () => {
    expect(isIP(cluster.address)).not.toBe(0);
    expect(isLoopbackAddress(cluster.address)).toBe(true);
  });

  it('answers 413 from Content-Length before a byte of the body is sent', async () => {
    // Headers only: a server that reads the body before answering never answers this request.
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpsRequest(cluster.url + '/v2/rest/query', {
        method: 'POST',
        ca: tls.ca,
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(50 * 1024 * 1024),
        },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => reject(new Error('no answer within 5 s while the body was withheld')), 5000).unref();
    });
    const parts: Buffer[] = [];
    for await (const chunk of response) parts.push(chunk as Buffer);
    expect(response.statusCode).toBe(413);
    expect(response.headers['connection']).toBe('close');
    expect((JSON.parse(Buffer.concat(parts).toString('utf8')) as { error: { code: string } }).error.code).toBe('PayloadTooLarge');
    expect(engine.received).toHaveLength(0);
  });
});
