import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS as the service does it for browser clients: the page origin is reflected (the service has
 * no allow-list of origins; the bearer token is the gate), so `Vary: Origin` keeps caches honest.
 * Exposed headers let the SPA read the ids it needs for support and cancel, Retry-After on 429, and
 * WWW-Authenticate on 401 (a claims challenge is only readable by script if it is exposed).
 */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'content-language', 'cache-control'];
const DEFAULT_ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Cache-Control, x-ms-app, x-ms-user, x-ms-user-id, x-ms-client-request-id, x-ms-client-version, x-ms-version, x-ms-readonly';
const EXPOSED_HEADERS = 'x-ms-activity-id, x-ms-client-request-id, Retry-After, WWW-Authenticate';

function isAllowedHeader(name: string): boolean {
  const h = name.trim().toLowerCase();
  return ALLOWED_HEADERS.includes(h) || h.startsWith('x-ms-');
}

export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** Preflight: 204 without auth (a browser never sends credentials on OPTIONS). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  const list = typeof requested === 'string' ? requested.split(',').map((h) => h.trim()).filter(Boolean) : [];
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', list.length > 0 && list.every(isAllowedHeader) ? list.join(', ') : DEFAULT_ALLOW_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204, { 'Content-Length': 0 });
  res.end();
}
