/**
 * Errors as values the UI can act on. Kusto's own text (the OneAPI `@message`) is kept verbatim
 * because it is what an analyst searches for; `kind` decides what the UI offers (sign in again,
 * wait, fix the query).
 */

export type KustoErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'syntax'
  | 'semantic'
  | 'bad-request'
  | 'partial'
  | 'cancelled'
  | 'timeout'
  | 'server'
  | 'network'
  | 'untrusted-host'
  | 'malformed-response';

/** One entry of a `OneApiErrors` array or the `error` of an HTTP error body. */
export interface OneApiError {
  code: string;
  /** Short text (`message`). */
  message: string;
  /** The full description (`@message`), what the web UI shows. */
  description: string;
  type: string | null;
  permanent: boolean | null;
  innerCode: string | null;
  line: number | null;
  column: number | null;
}

/**
 * Why a token could not be had, in words the analyst can act on (src/features/auth/api/
 * sign-in-problems.ts builds it): carried on the `unauthorized` error of the request it stopped.
 */
export interface SignInProblem {
  kind: 'consent-required' | 'not-in-tenant' | 'conditional-access' | 'cloud-mismatch' | 'other';
  /** One line: what happened. */
  title: string;
  /** What to do about it. */
  advice: string;
  /** The identity provider's own text (with its AADSTS code), or the app's reason when there is none. */
  detail: string;
  code?: string;
  /** consent-required: where an administrator grants the app its permission for the whole tenant. */
  adminConsentUrl?: string;
  /** cloud-mismatch: the cloud to sign in to instead. */
  signInCloud?: { loginEndpoint: string; name: string };
}

export interface KustoError {
  kind: KustoErrorKind;
  /** What to show the user: Kusto's `@message` when there is one. */
  message: string;
  httpStatus?: number;
  /** Kusto's code, e.g. "SEM0100", "SYN0002", "LimitsExceeded". */
  code?: string;
  /** 1-based position in the query text, when the service reported one. */
  line?: number;
  column?: number;
  /** From `Retry-After` on 429. */
  retryAfterSeconds?: number;
  /** Every OneAPI error seen (partial failures can carry several). */
  oneApiErrors?: OneApiError[];
  /** `unauthorized` because sign-in failed in a way the analyst can act on. */
  signIn?: SignInProblem;
}

export function kustoError(kind: KustoErrorKind, message: string, extra: Omit<KustoError, 'kind' | 'message'> = {}): KustoError {
  return { kind, message, ...extra };
}

const KINDS: ReadonlySet<string> = new Set<KustoErrorKind>([
  'unauthorized', 'forbidden', 'throttled', 'syntax', 'semantic', 'bad-request', 'partial', 'cancelled',
  'timeout', 'server', 'network', 'untrusted-host', 'malformed-response',
]);

export function isKustoError(value: unknown): value is KustoError {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    KINDS.has((value as { kind: string }).kind) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

// The service has written positions in several ways over the years: properties on the error or
// its innererror (`@line`/`@pos`), or inside the text as "[line:position=1:5]" or "(1,5)".
const POSITION_IN_TEXT = [/\[line:position=(\d+):(\d+)\]/i, /\bline[: ]+(\d+)[,; ]+(?:position|pos|column|col)[: ]+(\d+)/i];

function positionOf(...bags: Record<string, unknown>[]): { line: number | null; column: number | null } {
  for (const bag of bags) {
    const line = positiveInt(bag['@line'] ?? bag['line']);
    const column = positiveInt(bag['@pos'] ?? bag['@position'] ?? bag['@column'] ?? bag['column'] ?? bag['position']);
    if (line !== null && column !== null) return { line, column };
  }
  for (const bag of bags) {
    for (const key of ['@message', 'message']) {
      const text = str(bag[key]);
      if (!text) continue;
      for (const pattern of POSITION_IN_TEXT) {
        const m = pattern.exec(text);
        if (m) return { line: Number(m[1]), column: Number(m[2]) };
      }
    }
  }
  return { line: null, column: null };
}

/** Reads one OneAPI error object: either `{error:{…}}` or the inner `{code, message, …}`. */
export function parseOneApiError(value: unknown): OneApiError | null {
  const error = isRecord(value) && isRecord(value['error']) ? value['error'] : value;
  if (!isRecord(error)) return null;
  const code = str(error['code']);
  const message = str(error['message']);
  const description = str(error['@message']);
  if (code === null && message === null && description === null) return null;
  const inner = isRecord(error['innererror']) ? error['innererror'] : {};
  const innerCode = str(inner['@errorCode']) ?? str(inner['code']);
  const { line, column } = positionOf(inner, error);
  return {
    code: code ?? innerCode ?? 'Unknown',
    message: message ?? description ?? '',
    description: description ?? message ?? '',
    type: str(error['@type']),
    permanent: typeof error['@permanent'] === 'boolean' ? error['@permanent'] : null,
    innerCode,
    line,
    column,
  };
}

function classifyBadRequest(e: OneApiError): KustoErrorKind {
  const codes = `${e.innerCode ?? ''} ${e.code}`;
  if (/\bSYN\d+/.test(codes) || /syntax error/i.test(e.description) || /SyntaxException/.test(e.type ?? '')) return 'syntax';
  if (/\bSEM\d+/.test(codes) || /semantic error/i.test(e.description) || /SemanticException/.test(e.type ?? '')) return 'semantic';
  return 'bad-request';
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

const STATUS_TEXT: Record<number, string> = {
  401: 'The cluster did not accept the sign-in token (401 Unauthorized).',
  403: 'You do not have access to this database (403 Forbidden).',
  404: 'The cluster has no such endpoint (404 Not Found).',
  413: 'The request is too large (413).',
  429: 'The cluster is throttling requests (429 Too Many Requests).',
  504: 'The query timed out (504).',
};

/**
 * Maps a non-200 answer to an error value. A 401 carries no body (the service and GRAF agree);
 * other codes carry a OneAPI body when `Accept: application/json` was sent, but proxies may
 * answer with HTML or text, so the body is only trusted when it parses.
 */
export function errorFromHttpResponse(status: number, bodyText: string, retryAfter: string | null = null): KustoError {
  let parsed: OneApiError | null = null;
  try {
    parsed = parseOneApiError(JSON.parse(bodyText));
  } catch {
    parsed = null;
  }
  const fallback = STATUS_TEXT[status] ?? `The cluster answered ${status}${bodyText.trim() ? `: ${bodyText.trim().slice(0, 500)}` : '.'}`;
  const extra: Omit<KustoError, 'kind' | 'message'> = { httpStatus: status };
  if (parsed) {
    extra.code = parsed.innerCode ?? parsed.code;
    if (parsed.line !== null) extra.line = parsed.line;
    if (parsed.column !== null) extra.column = parsed.column;
    extra.oneApiErrors = [parsed];
  }
  const message = parsed?.description || fallback;
  let kind: KustoErrorKind;
  if (status === 401) kind = 'unauthorized';
  else if (status === 403) kind = 'forbidden';
  else if (status === 429) {
    kind = 'throttled';
    const seconds = parseRetryAfter(retryAfter);
    if (seconds !== undefined) extra.retryAfterSeconds = seconds;
  } else if (status === 504 || status === 408) kind = 'timeout';
  else if (status >= 400 && status < 500) kind = parsed ? classifyBadRequest(parsed) : 'bad-request';
  else kind = 'server';
  return kustoError(kind, message, extra);
}

/** A partial failure: the rows that arrived are kept; these are the errors that came with them. */
export function partialError(errors: OneApiError[]): KustoError {
  const first = errors[0];
  const extra: Omit<KustoError, 'kind' | 'message'> = { oneApiErrors: errors };
  if (first) {
    extra.code = first.innerCode ?? first.code;
    if (first.line !== null) extra.line = first.line;
    if (first.column !== null) extra.column = first.column;
  }
  const message = errors.map((e) => e.description || e.message).filter(Boolean).join('\n') || 'The query failed part way; the results may be incomplete.';
  return kustoError('partial', message, extra);
}

/** Text for the UI: the message plus the position, the way the web UI reports it. */
export function describeKustoError(error: KustoError): string {
  const where = error.line !== undefined && error.column !== undefined ? ` (line ${error.line}, column ${error.column})` : '';
  const retry = error.retryAfterSeconds !== undefined ? ` Retry after ${error.retryAfterSeconds} s.` : '';
  return `${error.message}${where}${retry}`;
}
