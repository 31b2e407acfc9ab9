import { KustoEngineError } from '../engine/types';

/** Where a OneAPI error came from: echoed in `@context` as the service does. */
export interface RequestContext {
  clientRequestId: string;
  activityId: string;
}

export interface OneApiErrorBody {
  code: string;
  message: string;
  '@type': string;
  '@message': string;
  '@context': Record<string, unknown>;
  '@permanent': boolean;
  [extra: string]: unknown;
}

export interface OneApiError {
  error: OneApiErrorBody;
}

interface ErrorFields {
  code: string;
  message: string;
  type: string;
  atMessage: string;
  permanent: boolean;
  extra?: Record<string, unknown>;
  inner?: Record<string, unknown>;
}

export function oneApiError(ctx: RequestContext, fields: ErrorFields): OneApiError {
  const error: OneApiErrorBody = {
    code: fields.code,
    message: fields.message,
    '@type': fields.type,
    '@message': fields.atMessage,
    '@context': {
      timestamp: new Date().toISOString(),
      serviceAlias: 'LOCAL',
      machineName: 'KSEngine000000',
      processName: 'Kusto.Local',
      processId: process.pid,
      clientRequestId: ctx.clientRequestId,
      activityId: ctx.activityId,
      subActivityId: ctx.activityId,
      activityType: 'GW.Http.CallContext',
      parentActivityId: ctx.activityId,
    },
    '@permanent': fields.permanent,
    ...fields.extra,
  };
  if (fields.inner) error.innererror = fields.inner;
  return { error };
}

/** A response that ends the request before any frame: status + OneAPI body (none for 401). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OneApiError | null,
    readonly headers: Record<string, string> = {},
  ) {
    super(body?.error['@message'] ?? `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

const BAD_REQUEST_MESSAGE = 'Request is invalid and cannot be executed.';

export function badRequest(ctx: RequestContext, detail: string, extra?: Record<string, unknown>): HttpError {
  return new HttpError(
    400,
    oneApiError(ctx, {
      code: 'General_BadRequest',
      message: BAD_REQUEST_MESSAGE,
      type: 'Kusto.Data.Exceptions.KustoBadRequestException',
      atMessage: `Request is invalid and cannot be processed: ${detail}`,
      permanent: true,
      ...(extra ? { extra } : {}),
    }),
  );
}

export function entityNotFound(ctx: RequestContext, name: string, kind: 'Database' | 'Table'): HttpError {
  const text = `Entity ID '${name}' of kind '${kind}' was not found.`;
  return new HttpError(
    400,
    oneApiError(ctx, {
      code: 'BadRequest_EntityNotFound',
      message: BAD_REQUEST_MESSAGE,
      type: 'Kusto.Data.Exceptions.EntityNotFoundException',
      atMessage: text,
      permanent: true,
      extra: { '@entityType': kind, '@entityName': name },
    }),
  );
}

export function forbidden(ctx: RequestContext, detail: string): HttpError {
  return new HttpError(
    403,
    oneApiError(ctx, {
      code: 'Forbidden',
      message: 'Caller is not authorized to perform this action',
      type: 'Kusto.Data.Exceptions.KustoRequestDeniedException',
      atMessage: detail,
      permanent: true,
    }),
  );
}

export function throttled(ctx: RequestContext, detail: string, retryAfterSeconds: number): HttpError {
  return new HttpError(
    429,
    oneApiError(ctx, {
      code: 'TooManyRequests',
      message: 'The request was denied due to throttling.',
      type: 'Kusto.Data.Exceptions.KustoRequestThrottledException',
      atMessage: detail,
      permanent: false,
    }),
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function payloadTooLarge(ctx: RequestContext, limit: number): HttpError {
  return new HttpError(
    413,
    oneApiError(ctx, {
      code: 'PayloadTooLarge',
      message: 'The request payload is too large.',
      type: 'Kusto.Data.Exceptions.KustoBadRequestException',
      atMessage: `Request body exceeds the limit of ${limit} bytes.`,
      permanent: true,
    }),
    // The rest of the body is never read, so this connection cannot carry another request.
    { Connection: 'close' },
  );
}

export function serviceError(ctx: RequestContext, status: number, detail: string): HttpError {
  return new HttpError(
    status,
    oneApiError(ctx, {
      code: 'Internal_ServiceError',
      message: 'Service error occurred.',
      type: 'Kusto.Data.Exceptions.KustoServiceException',
      atMessage: detail,
      permanent: false,
    }),
  );
}

export function timeoutError(ctx: RequestContext, timeoutMs: number): OneApiError {
  return oneApiError(ctx, {
    code: 'Request_ExecutionTimeout',
    message: 'Request execution timeout',
    type: 'Kusto.Data.Exceptions.KustoRequestExecutionTimeoutException',
    atMessage: `Query execution has exceeded the allowed limits (80DA0001): the request has exceeded the servertimeout of ${formatTimespan(timeoutMs)} (E_QUERY_TIMEOUT).`,
    permanent: false,
  });
}

export function cancelledError(ctx: RequestContext, reason: string): OneApiError {
  return oneApiError(ctx, {
    code: 'Request_Cancelled',
    message: 'Request was cancelled.',
    type: 'Kusto.Data.Exceptions.KustoRequestCanceledException',
    atMessage: `Query was cancelled: ${reason}`,
    permanent: true,
  });
}

/** The partial-failure error of a truncated result, as in the service's real payload (GO partialError.json). */
export function truncationError(ctx: RequestContext, limit: { kind: 'records' | 'size'; value: number }): OneApiError {
  const what = limit.kind === 'records' ? `${limit.value} records` : `${limit.value} bytes`;
  const internal =
    limit.kind === 'records'
      ? `Query result set has exceeded the internal record count limit ${limit.value} (E_QUERY_RESULT_SET_TOO_LARGE).`
      : `Query result set has exceeded the internal data size limit ${limit.value} (E_QUERY_RESULT_SET_TOO_LARGE).`;
  return oneApiError(ctx, {
    code: 'LimitsExceeded',
    message: internal,
    type: 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
    atMessage: `Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of ${what}, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003). See https://aka.ms/kustoquerylimits for more information and possible solutions..`,
    permanent: false,
  });
}

/** A runtime failure after the 200 was sent: reported in-stream as a partial query failure. */
export function partialFailure(ctx: RequestContext, err: unknown): OneApiError {
  const code = err instanceof KustoEngineError ? err.code : 'InternalError';
  const text = err instanceof Error ? err.message : String(err);
  return oneApiError(ctx, {
    code: 'PartialQueryFailure',
    message: 'Query execution failed after results started streaming.',
    type: 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureException',
    atMessage: `Query execution has partially failed: ${code}: ${text}`,
    permanent: false,
    extra: { '@errorCode': code },
  });
}

const ENGINE_TYPES: Record<string, string> = {
  syntax: 'Kusto.Data.Exceptions.SyntaxException',
  semantic: 'Kusto.Data.Exceptions.SemanticException',
  unsupported: 'Kusto.Data.Exceptions.KustoBadRequestException',
  runtime: 'Kusto.Data.Exceptions.KustoServiceException',
  cancelled: 'Kusto.Data.Exceptions.KustoRequestCanceledException',
  'not-found': 'Kusto.Data.Exceptions.EntityNotFoundException',
};

/**
 * An engine failure before any byte was sent, in the service's shape: the Kusto code in
 * `@message` and `innererror`, the position as "[line:position=L:C]" (how Kusto's analyzer
 * diagnostics read).
 */
export function engineErrorToHttp(ctx: RequestContext, err: KustoEngineError, database: string): HttpError {
  if (err.kind === 'cancelled') {
    return new HttpError(400, cancelledError(ctx, err.message));
  }
  const where = err.position ? ` [line:position=${err.position.line}:${err.position.column}]` : '';
  const label = err.kind === 'syntax' ? 'Syntax error' : err.kind === 'semantic' ? 'Semantic error' : 'Error';
  const detail = `${label}: ${err.code}: ${err.message}${where}`;
  const type = ENGINE_TYPES[err.kind] ?? 'Kusto.Data.Exceptions.KustoBadRequestException';
  const positionFields: Record<string, unknown> = err.position
    ? { '@line': String(err.position.line), '@pos': String(err.position.column), '@offset': err.position.offset }
    : {};
  const code = err.kind === 'syntax' ? 'BadRequest_SyntaxError' : err.kind === 'runtime' ? 'Internal_ServiceError' : 'General_BadRequest';
  return new HttpError(
    400,
    oneApiError(ctx, {
      code,
      message: BAD_REQUEST_MESSAGE,
      type,
      atMessage: `Request is invalid and cannot be processed: ${detail}`,
      permanent: err.kind !== 'runtime',
      extra: { '@errorCode': err.code, '@database': database, ...positionFields },
      inner: {
        code: err.code,
        message: err.message,
        '@type': type,
        '@message': detail,
        '@permanent': err.kind !== 'runtime',
        '@errorCode': err.code,
        '@errorMessage': err.message,
        ...positionFields,
      },
    }),
  );
}

export function formatTimespan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const fraction = Math.round((ms % 1000) * 10_000);
  const days = Math.floor(totalSeconds / 86400);
  const h = Math.floor((totalSeconds % 86400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const core = `${pad(h)}:${pad(m)}:${pad(s)}`;
  const withDays = days > 0 ? `${days}.${core}` : core;
  return fraction > 0 ? `${withDays}.${String(fraction).padStart(7, '0')}` : withDays;
}
