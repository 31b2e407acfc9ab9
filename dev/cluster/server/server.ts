import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { APP_URL, CLUSTER_PORT, SPA_CLIENT_ID } from '../../stack';
import type { DevCertificate } from '../../certs';
import type { EngineQuery, EngineTable, KustoEngine } from '../engine/types';
import { KustoEngineError } from '../engine/types';
import { createTokenValidator, KeysUnavailable, Unauthorized, type AuthOptions, type Caller } from './auth';
import { applyCors, answerPreflight } from './cors';
import { databaseVerdict, engineViewFor, notAuthorizedMessage, type DatabaseAccess } from './database-access';
import {
  badRequest,
  engineErrorToHttp,
  entityNotFound,
  forbidden,
  HttpError,
  oneApiError,
  payloadTooLarge,
  serviceError,
  throttled,
  timeoutError,
  type RequestContext,
} from './errors';
import { claimsChallengeHeader, FAULT_HEADER, FAULT_OPTION, FaultSyntaxError, MALFORMED_FRAME, parseFaults, type Faults } from './faults';
import { toJson } from './json';
import { isManagementCommand } from '../../../src/kusto/text-kind';
import { commandOf, runCommand, v1Body, type ResultTable } from './mgmt';
import { streamQuery, V1Format, V2Format, type ErrorPlacement } from './query-stream';
import {
  extractSetStatements,
  option,
  optionBool,
  parseRequestFields,
  parseTimespanMs,
  RequestShapeError,
  truncationLimits,
  type KustoRequest,
} from './request-options';
import { RunningQueries } from './running-queries';
import { ClientGone, ResponseSink } from './sink';

export interface ClusterLimits {
  /** Queries running at once; one more gets 429 + Retry-After. */
  maxConcurrentQueries: number;
  /** Request bodies above this get 413. */
  maxBodyBytes: number;
  /** The service's default query timeout is 4 minutes (DOCS query-limits.md). */
  defaultServerTimeoutMs: number;
  /** ... and the largest servertimeout it accepts is 1 hour. */
  maxServerTimeoutMs: number;
  /** Retry-After seconds sent with 429. */
  retryAfterSeconds: number;
}

export const DEFAULT_LIMITS: ClusterLimits = {
  maxConcurrentQueries: 8,
  maxBodyBytes: 1024 * 1024,
  defaultServerTimeoutMs: 4 * 60_000,
  maxServerTimeoutMs: 60 * 60_000,
  retryAfterSeconds: 1,
};

export interface StartClusterOptions {
  /** Default CLUSTER_PORT (8443); 0 picks a free port (tests). */
  port?: number;
  /**
   * Interface to bind; default 'localhost' (loopback only), as the identity provider and the app
   * do: a developer's cluster is nobody else's to reach.
   */
  host?: string;
  /** The server key and certificate, and the CA that signed them (trusted when fetching the provider's keys). */
  tls: DevCertificate;
  engine: KustoEngine;
  auth: AuthOptions;
  /** Public URL; default https://localhost:<port>. Also the default token audience. */
  url?: string;
  /** Enables the x-ms-local-fault switches. Off for `npm start`. */
  testSwitches?: boolean;
  /** Databases served and the tenants that may read each; default: every engine database, any accepted caller. */
  access?: DatabaseAccess;
  /**
   * What `/v1/rest/auth/metadata` tells clients. `loginEndpoint`: the cloud's login host
   * (Entra: https://login.microsoftonline.com); default: the origin of `auth.issuer`.
   */
  metadata?: { loginEndpoint?: string };
  limits?: Partial<ClusterLimits>;
  log?: (line: string) => void;
}

export interface RunningCluster {
  url: string;
  /** The IP address it listens on (a loopback address unless `host` said otherwise). */
  address: string;
  close(): Promise<void>;
}

const PATHS = {
  metadata: '/v1/rest/auth/metadata',
  queryV2: '/v2/rest/query',
  queryV1: '/v1/rest/query',
  mgmt: '/v1/rest/mgmt',
} as const;

class BodyTooLarge extends Error {}

/**
 * Refuses on the declared Content-Length before reading anything: a client may not make the
 * server take in (and the test stack hold) more than the limit. A chunked body is read only up to
 * the limit. Either way the connection is closed after the 413 (`payloadTooLarge` says `Connection: close`), since the rest
 * of the body is never read.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge();
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new BodyTooLarge();
    parts.push(buf);
  }
  return Buffer.concat(parts);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = toJson(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, err: HttpError): void {
  if (res.headersSent || res.destroyed) return;
  if (err.body === null) {
    res.writeHead(err.status, { ...err.headers, 'Content-Length': 0 });
    res.end();
    return;
  }
  sendJson(res, err.status, err.body, err.headers);
}

/** A management result served through the query pipeline (`.show` on the query endpoint). */
function tablesAsQuery(tables: ResultTable[]): EngineQuery {
  return {
    tables: tables.map<EngineTable>((t) => ({
      tableKind: 'PrimaryResult',
      tableName: 'PrimaryResult',
      columns: t.Columns,
      visualization: null,
      async *chunks() {
        yield t.Rows;
      },
    })),
    stats: () => ({ rowsScanned: 0, rowsTotal: 0 }),
  };
}

function placementOf(options: Record<string, unknown>): ErrorPlacement {
  const raw = option(options, 'results_error_reporting_placement');
  if (typeof raw === 'string') {
    const v = raw.toLowerCase();
    if (v === 'in_data') return 'InData';
    if (v === 'end_of_dataset') return 'EndOfDataSet';
  }
  return 'EndOfTable';
}

export async function startCluster(options: StartClusterOptions): Promise<RunningCluster> {
  const limits: ClusterLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const engine = options.engine;
  const running = new RunningQueries(limits.maxConcurrentQueries);
  /** Tries seen per client request id, for the `times=<n>` fault modifier (bounded: oldest dropped). */
  const faultTries = new Map<string, number>();
  function faultApplies(faults: Faults, clientRequestId: string): boolean {
    if (faults.times === undefined) return true;
    const tries = (faultTries.get(clientRequestId) ?? 0) + 1;
    faultTries.delete(clientRequestId);
    faultTries.set(clientRequestId, tries);
    if (faultTries.size > 1000) faultTries.delete(faultTries.keys().next().value as string);
    return tries <= faults.times;
  }
  const versions = new Map<string, number>();
  let url = options.url ?? '';
  const validator = createTokenValidator({ ca: options.tls.ca, ...options.auth }, () => url);

  const access = options.access ?? {};

  /** The database's name as the engine spells it, if this caller may read it through this cluster. */
  function findDatabaseName(ctx: RequestContext, caller: Caller, name: string | undefined): string {
    if (name === undefined) throw badRequest(ctx, "Database name is missing: send 'db' in the request body.");
    const all = engine.databases();
    const found = all.find((d) => d.Name === name) ?? all.find((d) => d.Name.toLowerCase() === name.toLowerCase());
    const verdict = found ? databaseVerdict(access, caller, found.Name) : 'not-served';
    if (!found || verdict === 'not-served') throw entityNotFound(ctx, name, 'Database');
    if (verdict === 'forbidden') throw forbidden(ctx, notAuthorizedMessage(caller, found.Name));
    return found.Name;
  }

  async function runQuery(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
    caller: Caller,
    request: KustoRequest,
    version: 'v1' | 'v2',
    faults: Faults,
    readonly: boolean,
  ): Promise<void> {
    // Kusto's rule for "is this a command" (src/kusto/text-kind.ts), shared with the app.
    const isCommand = isManagementCommand(request.csl);
    if (isCommand && !/^\.show\b/i.test(commandOf(request.csl))) {
      throw badRequest(
        ctx,
        "Control commands (starting with a dot '.') cannot be served from the query endpoint unless they are .show control commands. Send them to /v1/rest/mgmt.",
      );
    }
    const database = isCommand ? request.db : findDatabaseName(ctx, caller, request.db);
    const { statements, rest } = isCommand ? { statements: [], rest: request.csl } : extractSetStatements(request.csl);
    const truncation = truncationLimits(request.options, statements);
    let timeoutMs = limits.defaultServerTimeoutMs;
    const requested = option(request.options, 'servertimeout');
    if (requested !== undefined) {
      const parsed = parseTimespanMs(requested);
      if (parsed === undefined) throw badRequest(ctx, `Invalid value '${String(requested)}' for the 'servertimeout' option: expected a timespan.`);
      timeoutMs = parsed;
    }
    if (optionBool(request.options, 'norequesttimeout')) timeoutMs = limits.maxServerTimeoutMs;
    timeoutMs = Math.min(timeoutMs, limits.maxServerTimeoutMs);

    const entry = running.tryStart({
      clientRequestId: ctx.clientRequestId,
      activityId: ctx.activityId,
      database: database ?? '',
      text: request.csl,
      caller,
      application: headerValue(req, 'x-ms-app') ?? (typeof option(request.options, 'request_app_name') === 'string' ? String(option(request.options, 'request_app_name')) : undefined),
    });
    if (!entry) {
      throw throttled(
        ctx,
        `The request was denied due to throttling: ${limits.maxConcurrentQueries} queries are already running (request concurrency limit).`,
        limits.retryAfterSeconds,
      );
    }
    const timer = setTimeout(() => running.stop(entry, 'timeout'), timeoutMs);
    const onClose = () => {
      if (!res.writableFinished) running.stop(entry, 'disconnected');
    };
    res.on('close', onClose);
    const sink = new ResponseSink(res, {
      ...(faults.cutAfterWrites !== undefined ? { cutAfterWrites: faults.cutAfterWrites } : {}),
      ...(faults.malformed ? { malformedText: MALFORMED_FRAME } : {}),
      ...(faults.paceMs ? { paceMs: faults.paceMs } : {}),
    });
    try {
      let query: EngineQuery;
      if (isCommand) {
        const tables = await runCommand(
          { engine: engineViewFor(engine, access, caller), caller, database, readonly, running, request: ctx, versions },
          request.csl,
        );
        query = tablesAsQuery(tables);
      } else {
        const stoppedEarly = new Promise<never>((_, reject) => {
          entry.controller.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
        });
        stoppedEarly.catch(() => undefined);
        try {
          query = await Promise.race([
            engine.execute(database ?? '', rest, { parameters: request.parameters, signal: entry.controller.signal }),
            stoppedEarly,
          ]);
        } catch (e) {
          if (entry.stopReason === 'timeout') throw new HttpError(504, timeoutError(ctx, timeoutMs));
          if (entry.stopReason === 'disconnected') throw new ClientGone();
          if (e instanceof KustoEngineError) throw engineErrorToHttp(ctx, e, database ?? '');
          throw e;
        }
      }
      const mode = optionBool(request.options, 'results_progressive_enabled')
        ? 'progressive'
        : optionBool(request.options, 'results_v2_fragment_primary_tables')
          ? 'fragmented'
          : 'datatable';
      const format =
        version === 'v2'
          ? new V2Format(sink, ctx, query.tables, mode, placementOf(request.options), () => query.stats())
          : new V1Format(sink, ctx, query.tables);
      await streamQuery({ query, entry, sink, format, truncation, ctx, database: database ?? '', timeoutMs });
      sink.end();
    } finally {
      clearTimeout(timer);
      res.off('close', onClose);
      running.finish(entry);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, setCaller: (c: Caller) => void): Promise<void> {
    const path = new URL(req.url ?? '/', 'https://localhost').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    if (method === 'OPTIONS') return answerPreflight(req, res);

    if (path === PATHS.metadata) {
      if (method !== 'GET') throw new HttpError(405, null, { Allow: 'GET, OPTIONS' });
      // The service's shape (Azure/azure-kusto-node packages/azure-kusto-data/src/cloudSettings.ts):
      // LoginEndpoint is the cloud's login host; the tenant is the client's to choose.
      const loginEndpoint = (options.metadata?.loginEndpoint ?? new URL(options.auth.issuer).origin).replace(/\/$/, '');
      return sendJson(res, 200, {
        AzureAD: {
          LoginEndpoint: loginEndpoint,
          LoginMfaRequired: false,
          KustoClientAppId: SPA_CLIENT_ID,
          KustoClientRedirectUri: `${APP_URL}/`,
          KustoServiceResourceId: url,
          FirstPartyAuthorityUrl: options.metadata?.loginEndpoint ? loginEndpoint : options.auth.issuer.replace(/\/$/, ''),
        },
        dSTS: null,
      });
    }

    const endpoint = path === PATHS.queryV2 ? 'v2' : path === PATHS.queryV1 ? 'v1' : path === PATHS.mgmt ? 'mgmt' : null;
    if (endpoint === null) {
      throw new HttpError(
        404,
        oneApiError(ctx, {
          code: 'NotFound',
          message: 'The requested resource was not found.',
          type: 'Kusto.Data.Exceptions.KustoServiceException',
          atMessage: `No endpoint at '${path}'. The local cluster serves ${Object.values(PATHS).join(', ')}.`,
          permanent: true,
        }),
      );
    }
    const allowed = endpoint === 'mgmt' ? ['POST'] : ['GET', 'POST'];
    if (!allowed.includes(method)) throw new HttpError(405, null, { Allow: [...allowed, 'OPTIONS'].join(', ') });

    let caller: Caller;
    try {
      caller = await validator.authenticate(headerValue(req, 'authorization'));
    } catch (e) {
      if (e instanceof Unauthorized) {
        log(`401 ${ctx.clientRequestId}: ${e.message}`);
        throw new HttpError(401, null, { 'WWW-Authenticate': `Bearer authorization_uri="${options.auth.issuer}", error="invalid_token"` });
      }
      if (e instanceof KeysUnavailable) throw serviceError(ctx, 503, e.message);
      throw e;
    }
    setCaller(caller);

    let fields: Record<string, unknown>;
    if (method === 'GET') {
      fields = Object.fromEntries(new URL(req.url ?? '/', 'https://localhost').searchParams);
    } else {
      let body: Buffer;
      try {
        body = await readBody(req, limits.maxBodyBytes);
      } catch (e) {
        if (e instanceof BodyTooLarge) throw payloadTooLarge(ctx, limits.maxBodyBytes);
        throw e;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw badRequest(ctx, 'the request body is not valid JSON.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest(ctx, 'the request body must be a JSON object {db, csl, properties}.');
      fields = parsed as Record<string, unknown>;
    }
    let request: KustoRequest;
    try {
      request = parseRequestFields(fields);
    } catch (e) {
      if (e instanceof RequestShapeError) throw badRequest(ctx, e.message);
      throw e;
    }

    let faults: Faults = {};
    if (options.testSwitches) {
      const fromOption = option(request.options, FAULT_OPTION);
      const fromSet = extractSetStatements(request.csl).statements.find((st) => st.name === FAULT_OPTION)?.value;
      try {
        faults = parseFaults(
          [headerValue(req, FAULT_HEADER), typeof fromOption === 'string' ? fromOption : undefined, typeof fromSet === 'string' ? fromSet : undefined]
            .filter(Boolean)
            .join(','),
        );
      } catch (e) {
        if (e instanceof FaultSyntaxError) throw badRequest(ctx, e.message);
        throw e;
      }
      if (faults.claimsChallenge !== undefined && !caller.acrs.includes(faults.claimsChallenge)) {
        log(`401 ${ctx.clientRequestId}: claims challenge for acrs ${faults.claimsChallenge}`);
        throw new HttpError(401, null, { 'WWW-Authenticate': claimsChallengeHeader(caller.issuer, faults.claimsChallenge) });
      }
      if (faults.latencyMs) {
        const ms = faults.latencyMs;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, ms);
          res.once('close', () => {
            clearTimeout(t);
            resolve();
          });
        });
        if (res.destroyed) return;
      }
      const failThisTry = (faults.throttle || faults.serverErrorStatus !== undefined) && faultApplies(faults, ctx.clientRequestId);
      if (faults.throttle && failThisTry) throw throttled(ctx, 'The request was denied due to throttling (test switch x-ms-local-fault: throttle).', limits.retryAfterSeconds);
      if (faults.serverErrorStatus !== undefined && failThisTry) throw serviceError(ctx, faults.serverErrorStatus, 'Service error (test switch x-ms-local-fault: server-error).');
    }

    const readonlyHeader = headerValue(req, 'x-ms-readonly');
    const readonly =
      (readonlyHeader !== undefined && readonlyHeader.toLowerCase() !== 'false') ||
      optionBool(request.options, 'request_readonly') ||
      optionBool(request.options, 'request_readonly_hardline');

    if (endpoint === 'mgmt') {
      // A command may name a database it is about to create; one that exists must be readable here.
      const db = request.db;
      if (db !== undefined && engine.databases().some((d) => d.Name.toLowerCase() === db.toLowerCase())) findDatabaseName(ctx, caller, db);
      const tables = await runCommand(
        { engine: engineViewFor(engine, access, caller), caller, database: request.db, readonly, running, request: ctx, versions },
        request.csl,
      );
      const text = toJson(v1Body(tables));
      if (faults.cutAfterWrites !== undefined || faults.malformed) {
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        if (faults.malformed) return void res.end(text.slice(0, -2) + MALFORMED_FRAME);
        res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
        return;
      }
      return sendJson(res, 200, v1Body(tables));
    }
    await runQuery(req, res, ctx, caller, request, endpoint, faults, readonly);
  }

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    const started = performance.now();
    const ctx: RequestContext = {
      activityId: randomUUID(),
      clientRequestId: headerValue(req, 'x-ms-client-request-id') ?? `LOCAL.Server;${randomUUID()}`,
    };
    let caller: Caller | undefined;
    res.setHeader('x-ms-activity-id', ctx.activityId);
    res.setHeader('x-ms-client-request-id', ctx.clientRequestId);
    applyCors(req, res);
    res.on('close', () => {
      const who = caller ? ` ${caller.username ?? caller.appId ?? caller.id}` : '';
      const state = res.writableFinished ? String(res.statusCode) : `${res.statusCode} (connection closed early)`;
      log(`${req.method} ${req.url?.split('?')[0]} ${state} ${Math.round(performance.now() - started)}ms ${ctx.clientRequestId}${who}`);
    });
    handle(req, res, ctx, (c) => (caller = c)).catch((e: unknown) => {
      if (e instanceof HttpError) return sendError(res, e);
      if (e instanceof ClientGone) return;
      log(`500 ${ctx.clientRequestId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) return sendError(res, serviceError(ctx, 500, e instanceof Error ? e.message : String(e)));
      res.destroy();
    });
  });

  const port = options.port ?? CLUSTER_PORT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const actualPort = bound.port;
  url ||= `https://localhost:${actualPort}`;

  return {
    url,
    address: bound.address,
    async close() {
      running.stopAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
