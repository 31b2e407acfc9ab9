import type { Page } from '@playwright/test';

export interface PolicyViolation {
  blockedURI: string;
  effectiveDirective: string;
}

/**
 * Records every content security policy violation the page reports (the `securitypolicyviolation`
 * event, https://www.w3.org/TR/CSP3/#violation-events), from the first document on. Read them with
 * `policyViolations`.
 */
export async function recordPolicyViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { blockedURI: string; effectiveDirective: string }[] = [];
    (window as unknown as { __policyViolations: typeof seen }).__policyViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ blockedURI: e.blockedURI, effectiveDirective: e.effectiveDirective }));
  });
}

export function policyViolations(page: Page): Promise<PolicyViolation[]> {
  return page.evaluate(() => (window as unknown as { __policyViolations?: PolicyViolation[] }).__policyViolations ?? []);
}
