/**
 * Test kit for the cluster server: a scriptable fake engine, locally minted tokens (no identity
 * provider needed) and a small HTTPS client that can read a response as it streams.
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type {
  DatabaseSchema,
  EncodedRow,
  EngineQuery,
  EngineStats,
  EngineTable,
  ExecuteOptions,
  KustoColumn,
  KustoEngine,
  Visualization,
} from '../engine/types';
import { KustoEngineError } from '../engine/types';

export const TEST_ISSUER = 'https://issuer.test';

export interface TestKeys {
  keySet: JSONWebKeySet;
  mint(claims: JWTPayload & { aud?: string | string[] }, options?: { typ?: string; expiresIn?: string | number; key?: CryptoKey }): Promise<string>;
  otherKey: CryptoKey;
}

/** Keys of a test issuer; `issuer` lets a test stand up a second tenant. */
export async function createTestKeys(issuer = TEST_ISSUER): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  return {
    keySet: { keys: [jwk] },
    otherKey: other.privateKey,
    async mint(claims, options = {}) {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: options.typ ?? 'at+jwt' })
        .setIssuer(issuer)
        .setIssuedAt();
      if (typeof options.expiresIn === 'number') jwt.setExpirationTime(options.expiresIn);
      else jwt.setExpirationTime(options.expiresIn ?? '5m');
      return jwt.sign(options.key ?? privateKey);
    },
  };
}

export function userClaims(aud: string, who: 'ada' | 'victor' = 'ada'): JWTPayload {
  return who === 'ada'
    ? { aud, oid: 'oid-ada', sub: 'sub-ada', tid: 'tenant', name: 'Ada Analyst', preferred_username: 'analyst@local.test', scp: 'user_impersonation', azp: 'spa' }
    : { aud, oid: 'oid-victor', sub: 'sub-victor', tid: 'tenant', name: 'Victor Viewer', preferred_username: 'viewer@local.test', scp: 'user_impersonation', azp: 'spa' };
}

/** A deferred value the test resolves to let a fake engine go on. */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KustoEngineError('cancelled', 'Cancelled', 'query was cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject);
  });
}

export interface FakeTable {
  name?: string;
  columns: KustoColumn[];
  /** Chunks as the engine would yield them; a function runs per chunk (may await gates, may throw). */
  chunks: (EncodedRow[] | ((signal?: AbortSignal) => Promise<EncodedRow[]>))[];
  visualization?: Visualization;
}

export type FakeScript = (options: ExecuteOptions) => Promise<FakeTable[]> | FakeTable[];

/** A KustoEngine that answers scripted queries by their exact (trimmed) text. */
export class FakeEngine implements KustoEngine {
  readonly scripts = new Map<string, FakeScript>();
  readonly received: { database: string; csl: string; options: ExecuteOptions | undefined }[] = [];
  readonly calls: string[] = [];
  stats: EngineStats = { rowsScanned: 42, rowsTotal: 100 };
  schema: DatabaseSchema[] = [
    {
      Name: 'Samples',
      Tables: {
        StormEvents: {
          Name: 'StormEvents',
          Folder: 'Storms',
          DocString: 'Storm events',
          OrderedColumns: [
            { Name: 'StartTime', Type: 'System.DateTime', CslType: 'datetime' },
            { Name: 'State', Type: 'System.String', CslType: 'string' },
          ],
        },
        Scratch: { Name: 'Scratch', OrderedColumns: [{ Name: 'a', Type: 'System.String', CslType: 'string' }] },
      },
      Functions: {
        Top: { Name: 'Top', InputParameters: [{ Name: 'n', CslType: 'long' }], Body: '{ StormEvents | take n }' },
      },
    },
  ];

  script(csl: string, script: FakeScript): this {
    this.scripts.set(csl.trim(), script);
    return this;
  }

  async execute(database: string, csl: string, options?: ExecuteOptions): Promise<EngineQuery> {
    this.received.push({ database, csl, options });
    const script = this.scripts.get(csl.trim());
    if (!script) throw new KustoEngineError('semantic', 'SEM0100', `'table' operator: Failed to resolve table expression named '${csl.trim()}'`, { line: 1, column: 1, offset: 0 });
    const tables = await script(options ?? {});
    return {
      tables: tables.map<EngineTable>((t) => ({
        tableKind: 'PrimaryResult',
        tableName: t.name ?? 'PrimaryResult',
        columns: t.columns,
        visualization: t.visualization ?? null,
        async *chunks(signal?: AbortSignal) {
          for (const chunk of t.chunks) {
            yield typeof chunk === 'function' ? await chunk(signal) : chunk;
          }
        },
      })),
      stats: () => this.stats,
    };
  }

  databases(): DatabaseSchema[] {
    return this.schema;
  }

  async createTable(database: string, table: string, columns: KustoColumn[]): Promise<void> {
    this.calls.push(`createTable ${database}.${table}(${columns.map((c) => `${c.ColumnName}:${c.ColumnType}`).join(',')})`);
    const db = this.schema.find((d) => d.Name === database);
    if (db) db.Tables[table] = { Name: table, OrderedColumns: columns.map((c) => ({ Name: c.ColumnName, Type: 'System.Object', CslType: c.ColumnType })) };
  }

  async dropTable(database: string, table: string): Promise<void> {
    this.calls.push(`dropTable ${database}.${table}`);
    const db = this.schema.find((d) => d.Name === database);
    if (db) delete db.Tables[table];
  }

  async ingestInlineCsv(database: string, table: string, csv: string): Promise<number> {
    this.calls.push(`ingest ${database}.${table} ${JSON.stringify(csv)}`);
    return csv.split('\n').filter((l) => l.trim() !== '').length;
  }

  async setOrAppend(database: string, table: string, csl: string): Promise<number> {
    this.calls.push(`setOrAppend ${database}.${table} ${csl}`);
    return 7;
  }

  async close(): Promise<void> {}
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  ca: string;
}

function send(url: string, options: CallOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const req = httpsRequest(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        ca: options.ca,
        agent: false,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}), accept: 'application/json', ...options.headers },
      },
      resolve,
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function call(url: string, options: CallOptions): Promise<HttpResult> {
  const res = await send(url, options);
  const parts: Buffer[] = [];
  for await (const chunk of res) parts.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') };
}

/** A response read as it arrives: wait for text to show up, or for the end/abort. */
export async function open(url: string, options: CallOptions) {
  const res = await send(url, options);
  let text = '';
  let ended = false;
  let aborted = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    wake();
  });
  res.on('end', () => {
    ended = true;
    wake();
  });
  res.on('aborted', () => {
    aborted = true;
  });
  res.on('error', () => {
    aborted = true;
    ended = true;
    wake();
  });
  res.on('close', () => {
    if (!res.complete) aborted = true;
    ended = true;
    wake();
  });
  const until = async (predicate: () => boolean, what: string, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (ended) throw new Error(`response ended before: ${what}; got ${text.slice(0, 500)}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for: ${what}; got ${text.slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, remaining);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  };
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    get text() {
      return text;
    },
    get aborted() {
      return aborted;
    },
    waitFor: (needle: string, timeoutMs?: number) => until(() => text.includes(needle), JSON.stringify(needle), timeoutMs),
    async done(): Promise<string> {
      await until(() => ended, 'end of response').catch(() => undefined);
      if (!ended) throw new Error('response did not end');
      return text;
    },
  };
}

/** Frames of a v2 body, one per line as the server writes them. */
export function framesOf(text: string): Record<string, unknown>[] {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error('v2 body is not an array');
  return parsed as Record<string, unknown>[];
}
