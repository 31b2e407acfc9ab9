/**
 * A claims challenge: a 401 whose `WWW-Authenticate` says `error="insufficient_claims"` and
 * carries `claims="<base64 of a claims request>"`. The client gets a new token with those claims
 * (interactively: Conditional Access may need a step-up) and sends the request again
 * (learn.microsoft.com/entra/identity-platform/claims-challenge).
 */

/** The auth-params of a `Bearer` challenge, names lower-cased. Quoted values may contain commas. */
export function parseBearerChallenge(header: string): Record<string, string> | null {
  const match = /^\s*Bearer\b(.*)$/is.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const m of (match[1] ?? '').matchAll(pattern)) {
    const name = (m[1] ?? '').toLowerCase();
    params[name] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return params;
}

function decodeBase64(text: string): string | null {
  try {
    // Entra sends standard base64; base64url is accepted too.
    const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(normalized + '='.repeat((4 - (normalized.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * The claims request (a JSON string, what MSAL's `claims` takes) of a claims challenge, or null
 * when the header is anything else: a plain `invalid_token` 401 is renewed, not stepped up.
 */
export function claimsFromChallenge(header: string | null): string | null {
  if (!header) return null;
  const params = parseBearerChallenge(header);
  if (params?.['error'] !== 'insufficient_claims' || !params['claims']) return null;
  const json = decodeBase64(params['claims']);
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? json : null;
  } catch {
    return null;
  }
}
