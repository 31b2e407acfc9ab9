/**
 * A minimal browser for the provider's tests: a cookie jar, no redirects followed, and the
 * authorization-code + PKCE requests MSAL makes. Test support only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { APP_URL, SPA_CLIENT_ID } from '../stack';
import { httpsRequest, type HttpsResponse } from '../https-request';

export const REDIRECT_URI = `${APP_URL}/`;

/** Cookies of one browser, enough for oidc-provider's session and interaction cookies (path-blind). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: HttpsResponse): void {
    const setCookie = res.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export function str(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** Parameters of an authorization response delivered in the fragment (MSAL's response_mode). */
export function fragmentParams(url: string): URLSearchParams {
  return new URLSearchParams(new URL(url).hash.slice(1));
}

/** What MSAL sends for `acquireToken*({ scopes: ['https://localhost:8443/.default'] })`. */
export const msalScope = (resource: string) => `${resource}/.default openid profile offline_access`;

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function createBrowser(ca: string, base: () => string) {
  async function browse(jar: CookieJar, url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await httpsRequest(new URL(url, base()), {
      ca,
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    jar.store(res);
    return res;
  }

  function location(res: HttpsResponse): string {
    const value = res.headers.location;
    if (typeof value !== 'string') throw new Error(`expected a redirect, got ${res.status}: ${res.text.slice(0, 300)}`);
    return new URL(value, base()).href;
  }

  /** `origin: null` = a script, which sends no Origin header. */
  async function token(authority: string, form: Record<string, string>, origin: string | null = APP_URL) {
    const res = await httpsRequest(`${authority}/token`, {
      ca,
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        accept: 'application/json',
        ...(origin ? { origin } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { res, json: JSON.parse(res.text) as Record<string, unknown> };
  }

  function authorizeUrl(authority: string, resource: string, challenge: string, nonce: string, extra: Record<string, string> = {}): string {
    const params = new URLSearchParams({
      client_id: SPA_CLIENT_ID,
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: REDIRECT_URI,
      scope: msalScope(resource),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      nonce,
      state: 'state-1',
      client_info: '1',
      ...extra,
    });
    return `${authority}/auth?${params}`;
  }

  /** The form's action on a login page. */
  function formAction(page: HttpsResponse): string {
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    if (!action) throw new Error(`page has no form: ${page.text.slice(0, 300)}`);
    return action;
  }

  /**
   * oidc-provider's self-submitting form (form_post): switching the session to another account
   * first posts to end_session_confirm. A browser runs the page's script; this submits the form.
   */
  function autoSubmittedForm(page: HttpsResponse): { action: string; form: Record<string, string> } | undefined {
    if (!/document\.forms\[0\]\.submit\(\)/.test(page.text)) return undefined;
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    if (!action) return undefined;
    const form: Record<string, string> = {};
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form[m[1] ?? ''] = m[2] ?? '';
    return { action: action.replace(/&amp;/g, '&'), form };
  }

  /** Follows an authorization request through the provider's redirects until it returns to the app. */
  async function followToApp(jar: CookieJar, res: HttpsResponse): Promise<string> {
    let current = res;
    for (let hops = 0; hops < 10; hops++) {
      const posted = current.status === 200 ? autoSubmittedForm(current) : undefined;
      if (posted) {
        current = await browse(jar, posted.action, { form: posted.form });
        continue;
      }
      const next = location(current);
      if (next.startsWith(REDIRECT_URI)) return next;
      current = await browse(jar, next);
      if (current.status === 200 && !autoSubmittedForm(current)) throw new Error(`stopped on a page at ${next}: ${current.text.slice(0, 300)}`);
    }
    throw new Error('too many redirects');
  }

  return { browse, location, token, authorizeUrl, formAction, followToApp };
}
