import { describe, expect, it } from 'vitest';
import { signInLikely } from './warm-up';

describe('signInLikely', () => {
  it('is true on the return from the provider (code in the fragment)', () => {
    expect(signInLikely('https://app.test/#code=abc&state=xyz', [])).toBe(true);
    // ... and on the page where sign-in started, to which MSAL carries the response over.
    expect(signInLikely('https://app.test/clusters/c/databases/d?query=H4sI', ['msal.kql-workbench-local.urlHash'])).toBe(true);
  });

  it('is true when the tab holds an MSAL account index', () => {
    expect(signInLikely('https://app.test/', ['msal.2.account.keys'])).toBe(true);
    expect(signInLikely('https://app.test/', ['msal.account.keys'])).toBe(true);
  });

  it('is false for a signed-out visitor, a link included', () => {
    expect(signInLikely('https://app.test/', [])).toBe(false);
    expect(signInLikely('https://app.test/clusters/c/databases/d?query=H4sI', ['msal.version', 'theme'])).toBe(false);
    expect(signInLikely('https://app.test/#state=only', [])).toBe(false);
  });
});
