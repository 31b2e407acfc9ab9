/**
 * The account to suggest on the identity provider's sign-in page (MSAL `loginHint`, OpenID
 * Connect `login_hint`): a `login_hint` parameter in the URL the app was opened with (a link an
 * administrator hands out), else config.json's `auth.loginHint`.
 */

/** Emails and UPNs only: the hint ends up in the identity provider's URL and on its page. */
const HINT = /^[^\s@<>"']{1,128}@[^\s@<>"']{1,255}$/;

export function loginHintFrom(search: string, configured: string | undefined): string | undefined {
  const fromUrl = new URLSearchParams(search).get('login_hint')?.trim();
  if (fromUrl && HINT.test(fromUrl)) return fromUrl;
  return configured;
}
