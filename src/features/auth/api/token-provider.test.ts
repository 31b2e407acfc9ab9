import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import type { KustoError } from '../../../kusto/errors';
import { createMsalTokenProvider } from './token-provider';

const account = { homeAccountId: 'h', environment: 'e', tenantId: 't', username: 'ada@local.test', localAccountId: 'l', name: 'Ada Analyst', idToken: 'idt' };

function fakeMsal(silent: () => Promise<unknown>) {
  return {
    getActiveAccount: () => account,
    getAllAccounts: () => [account],
    acquireTokenSilent: vi.fn(silent),
    acquireTokenRedirect: vi.fn(async () => undefined),
  };
}

function provider(msal: ReturnType<typeof fakeMsal>, beforeRedirect = vi.fn()) {
  return createMsalTokenProvider(msal as unknown as IPublicClientApplication, { trustedHosts: ['localhost'], origin: 'https://localhost:5173', beforeRedirect });
}

describe('createMsalTokenProvider', () => {
  it('asks for <cluster>/.default silently, renewing through redirect.html', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'at' }));
    expect(await provider(msal).getToken('https://localhost:8443')).toBe('at');
    expect(msal.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({
      scopes: ['https://localhost:8443/.default'], redirectUri: 'https://localhost:5173/redirect.html', forceRefresh: false, account,
    }));
  });

  it('refuses an untrusted host before asking MSAL', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'at' }));
    const error = await provider(msal).getToken('https://evil.example.com').catch((e: KustoError) => e);
    expect(error).toMatchObject({ kind: 'untrusted-host' });
    expect((error as KustoError).message).toContain('evil.example.com');
    expect(msal.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('saves the draft and redirects when interaction is required', async () => {
    const msal = fakeMsal(async () => { throw new InteractionRequiredAuthError('login_required'); });
    const beforeRedirect = vi.fn();
    const error = await provider(msal, beforeRedirect).getToken('https://localhost:8443').catch((e: KustoError) => e);
    expect(error).toMatchObject({ kind: 'unauthorized' });
    expect(beforeRedirect).toHaveBeenCalled();
    expect(beforeRedirect.mock.invocationCallOrder[0]).toBeLessThan(msal.acquireTokenRedirect.mock.invocationCallOrder[0]!);
    expect(msal.acquireTokenRedirect).toHaveBeenCalledWith(expect.objectContaining({ scopes: ['https://localhost:8443/.default'] }));
  });

  it('does not fail when another interaction is already in progress', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'at' }));
    msal.acquireTokenRedirect.mockRejectedValueOnce(Object.assign(new Error('interaction_in_progress'), { errorCode: 'interaction_in_progress' }));
    await expect(provider(msal).interact('https://localhost:8443')).resolves.toBeUndefined();
  });
});
