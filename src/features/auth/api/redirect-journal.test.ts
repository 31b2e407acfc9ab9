import { describe, expect, it } from 'vitest';
import { kustoError } from '../../../kusto/errors';
import { REDIRECT_JOURNAL_KEY, redirectBlockedBy, takeRedirectRecord, writeRedirectRecord } from './redirect-journal';

const pending = { clusterUrl: 'https://c.kusto.windows.net', authority: 'https://login.microsoftonline.com/fabrikam.com', tenant: 'fabrikam.com' };

describe('redirect journal', () => {
  it('reads back what was written before the redirect, once', () => {
    const storage = window.sessionStorage;
    writeRedirectRecord(storage, { pending: { ...pending, claims: '{"access_token":{}}' }, at: 5, resume: [{ tabId: 't1' }] });
    expect(takeRedirectRecord(storage)).toEqual({ pending: { ...pending, claims: '{"access_token":{}}' }, at: 5, resume: [{ tabId: 't1' }] });
    expect(takeRedirectRecord(storage)).toBeNull();
    storage.setItem(REDIRECT_JOURNAL_KEY, '{"pending":{"clusterUrl":1}}');
    expect(takeRedirectRecord(storage)).toBeNull();
  });

  it('blocks a second trip to an authority whose sign-in just failed, and only that one', () => {
    const failure = kustoError('unauthorized', 'not in tenant');
    const returned = { record: { pending, at: 0 }, failure };
    expect(redirectBlockedBy(returned, pending)).toBe(failure);
    expect(redirectBlockedBy(returned, { ...pending, authority: 'https://login.microsoftonline.com/contoso.com' })).toBeNull();
    expect(redirectBlockedBy(null, pending)).toBeNull();
  });

  it('blocks a second claims challenge from the cluster whose challenge was just answered', () => {
    const returned = { record: { pending: { ...pending, claims: '{}' }, at: 0 }, failure: null };
    expect(redirectBlockedBy(returned, { ...pending, claims: '{}' })?.message).toMatch(/asked again for a stronger sign-in/);
    expect(redirectBlockedBy(returned, pending)).toBeNull();
    expect(redirectBlockedBy(returned, { ...pending, clusterUrl: 'https://other.kusto.windows.net', claims: '{}' })).toBeNull();
  });
});
