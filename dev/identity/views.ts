/** Server-rendered pages of the local provider. No scripts except the logout auto-submit. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f3f4f6; margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); width: 20rem; }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  label { display: block; margin: .75rem 0 .25rem; font-size: .9rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; font-size: 1rem; background: #0f6cbd; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  [role=alert] { color: #b10e1c; background: #fde7e9; padding: .5rem; border-radius: 4px; margin: 0 0 .5rem; }
  .hint { color: #555; font-size: .8rem; margin-top: 1rem; }
  .tenant { color: #333; margin: 0 0 .5rem; }
  .notice { background: #fff4ce; padding: .5rem; border-radius: 4px; }
  button.secondary { background: #fff; color: #0f6cbd; border: 1px solid #0f6cbd; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageOptions {
  action: string;
  email?: string;
  error?: string;
  clientName: string;
  /** The organisation signing in (Entra shows the tenant's branding). */
  tenantName: string;
  /** Why the user is asked to sign in again (a step-up for a claims challenge). */
  notice?: string;
}

export function loginPage({ action, email, error, clientName, tenantName, notice }: LoginPageOptions): string {
  return page(
    'Sign in — local identity',
    `<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p class="tenant">Organization: ${escapeHtml(tenantName)}</p>
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" required autofocus value="${escapeHtml(email ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Local development provider. Demo users are listed in dev/stack.ts.</p>`,
  );
}

export interface AccountPickerOptions {
  action: string;
  clientName: string;
  tenantName: string;
  /** The account signed in to this browser session. */
  account: { email: string; name: string };
}

/** prompt=select_account: continue with the session's account or sign in with another one. */
export function accountPickerPage({ action, clientName, tenantName, account }: AccountPickerOptions): string {
  return page(
    'Pick an account — local identity',
    `<h1>Pick an account</h1>
<p class="tenant">to continue to ${escapeHtml(clientName)} (${escapeHtml(tenantName)})</p>
<form method="post" action="${escapeHtml(action)}">
  <button type="submit" name="choice" value="current">${escapeHtml(account.name)} — ${escapeHtml(account.email)}</button>
  <button type="submit" name="choice" value="another" class="secondary">Use another account</button>
</form>`,
  );
}

/**
 * oidc-provider renders a confirmation page on end_session and only signs out after a POST of
 * its xsrf form. Entra signs out without asking, so the page submits itself (the button is
 * the no-script fallback).
 */
export function logoutPage(form: string): string {
  const withYes = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    'Signing out — local identity',
    `<h1>Signing out…</h1>
${withYes}
<button type="submit" form="op.logoutForm">Sign out</button>
<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out — local identity', '<h1>You have signed out.</h1>');
}

export function errorPage(fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
    .join('\n');
  return page('Error — local identity', `<h1>Sign-in error</h1>\n${rows}`);
}
