import { InteractionRequiredAuthError, ServerError, type AccountInfo, type IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { createCloudInfoCache, PUBLIC_CLOUD, type CloudInfo } from '../../../kusto/cloud-info';
import type { KustoError } from '../../../kusto/errors';
import { createTenantDirectory } from './tenant-directory';
import { createMsalTokenProvider, type ClusterRoute, type MsalTokenProviderOptions } from './token-provider';

const HOME = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const PARTNER = '4f5b2c1d-0000-4000-8000-00000000fab1';
const CLUSTER = 'https://help.kusto.windows.net';
const account: AccountInfo = {
  homeAccountId: `oid.${HOME}`, environment: 'login.microsoftonline.com', tenantId: HOME, username: 'ada@contoso.com',
  localAccountId: 'oid', name: 'Ada Analyst', idToken: 'idt', loginHint: 'ada@contoso.com',
};

function fakeMsal(silent: (request: unknown) => Promise<unknown> = async () => ({ accessToken: 'at', tenantId: HOME })) {
  return {
    getAllAccounts: vi.fn(() => [account]),
    acquireTokenSilent: vi.fn(silent),
    acquireTokenRedirect: vi.fn(async () => undefined),
  };
}

function provider(msal: ReturnType<typeof fakeMsal>, extra: Partial<MsalTokenProviderOptions> & { cloud?: CloudInfo; routes?: Record<string, ClusterRoute> } = {}) {
  const cloudFetch = vi.fn(async () => extra.cloud ?? PUBLIC_CLOUD);
  const options: MsalTokenProviderOptions = {
    trustedHosts: [],
    origin: 'https://kqlw.contoso.com',
    defaultAuthority: `https://login.microsoftonline.com/${HOME}`,
    clientId: 'app-id',
    account: () => account,
    route: (url) => extra.routes?.[url] ?? {},
    cloudInfo: createCloudInfoCache(cloudFetch),
    tenants: createTenantDirectory(undefined),
    ...extra,
  };
  return { tokens: createMsalTokenProvider(msal as unknown as IPublicClientApplication, options), cloudFetch };
}

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: KustoError) => e);

describe('MSAL token provider', () => {
  it('asks for <cluster>/.default at the cluster’s authority: its cloud, the config tenant', async () => {
    const msal = fakeMsal();
    const { tokens, cloudFetch } = provider(msal);
    expect(await tokens.getToken(CLUSTER)).toBe('at');
    expect(cloudFetch).toHaveBeenCalledWith(CLUSTER);
    expect(msal.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({
      scopes: [`${CLUSTER}/.default`], authority: `https://login.microsoftonline.com/${HOME}`, account, forceRefresh: false,
      redirectUri: 'https://kqlw.contoso.com/redirect.html',
    }));
  });

  it('gets a guest token with the same account from the connection’s tenant, and learns the tenant id', async () => {
    const msal = fakeMsal(async () => ({ accessToken: 'guest-at', tenantId: PARTNER }));
    const tenants = createTenantDirectory(undefined);
    const { tokens } = provider(msal, { tenants, routes: { [CLUSTER]: { connectionTenant: 'fabrikam.com' } } });
    expect(await tokens.getToken(CLUSTER)).toBe('guest-at');
    const request = msal.acquireTokenSilent.mock.calls[0]![0] as { authority: string; account: AccountInfo };
    expect(request.authority).toBe('https://login.microsoftonline.com/fabrikam.com');
    expect(request.account).toMatchObject({ homeAccountId: account.homeAccountId, tenantId: 'fabrikam.com' });
    expect(tenants.idOf('fabrikam.com')).toBe(PARTNER);
  });

  it('refuses a cluster in another cloud with a cloud-mismatch problem, before asking MSAL', async () => {
    const msal = fakeMsal();
    const { tokens } = provider(msal, { cloud: { loginEndpoint: 'https://login.microsoftonline.us', loginMfaRequired: false } });
    const error = await failure(tokens.getToken('https://x.kusto.usgovcloudapi.net'));
    expect(error).toMatchObject({ kind: 'unauthorized', signIn: { kind: 'cloud-mismatch', signInCloud: { name: 'Azure US Government' } } });
    expect(msal.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('refuses an untrusted host before reading its metadata or asking MSAL', async () => {
    const msal = fakeMsal();
    const { tokens, cloudFetch } = provider(msal);
    expect(await failure(tokens.getToken('https://evil.example.com'))).toMatchObject({ kind: 'untrusted-host' });
    expect(cloudFetch).not.toHaveBeenCalled();
    expect(msal.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('answers a claims challenge with acquireTokenRedirect carrying the claims, after saving', async () => {
    const msal = fakeMsal();
    const beforeRedirect = vi.fn();
    const { tokens } = provider(msal, { beforeRedirect });
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    expect(await failure(tokens.getToken(CLUSTER, { forceRefresh: true, claims }))).toMatchObject({ kind: 'unauthorized' });
    expect(beforeRedirect).toHaveBeenCalledWith({ clusterUrl: CLUSTER, authority: `https://login.microsoftonline.com/${HOME}`, tenant: HOME, claims });
    expect(beforeRedirect.mock.invocationCallOrder[0]).toBeLessThan(msal.acquireTokenRedirect.mock.invocationCallOrder[0]!);
    expect(msal.acquireTokenRedirect).toHaveBeenCalledWith(expect.objectContaining({ claims, scopes: [`${CLUSTER}/.default`], authority: `https://login.microsoftonline.com/${HOME}` }));
    expect(msal.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it('does not leave the page when the app’s gate says no, unless the user asked', async () => {
    const msal = fakeMsal();
    const blocked = { kind: 'unauthorized' as const, message: 'asked again for a stronger sign-in' };
    const { tokens } = provider(msal, { redirectBlockedBy: (pending) => (pending.claims ? blocked : null) });
    expect(await failure(tokens.getToken(CLUSTER, { claims: '{"access_token":{}}' }))).toBe(blocked);
    expect(msal.acquireTokenRedirect).not.toHaveBeenCalled();
    // The user's own "Sign in again" goes through.
    await tokens.interact(CLUSTER, { claims: '{"access_token":{}}', force: true });
    expect(msal.acquireTokenRedirect).toHaveBeenCalledTimes(1);
  });

  it('redirects when interaction is required, coming back to the app’s home rather than the address of the moment', async () => {
    const msal = fakeMsal(async () => { throw new InteractionRequiredAuthError('login_required'); });
    const { tokens } = provider(msal);
    expect(await failure(tokens.getToken(CLUSTER))).toMatchObject({ kind: 'unauthorized' });
    expect(msal.acquireTokenRedirect).toHaveBeenCalledTimes(1);
    expect(msal.acquireTokenRedirect).toHaveBeenCalledWith(expect.objectContaining({ redirectUri: 'https://kqlw.contoso.com/', redirectStartPage: 'https://kqlw.contoso.com/' }));
  });

  it('turns an AADSTS answer into a sign-in problem the analyst can act on', async () => {
    const msal = fakeMsal(async () => { throw new ServerError('invalid_grant', "AADSTS65001: The user or administrator has not consented to use the application with ID 'app-id'."); });
    const { tokens } = provider(msal);
    const error = await failure(tokens.getToken(CLUSTER));
    expect(error.signIn?.kind).toBe('consent-required');
    expect(error.signIn?.adminConsentUrl).toMatch(new RegExp(`^https://login.microsoftonline.com/${HOME}/v2.0/adminconsent\\?client_id=app-id`));
  });

  it('does not fail when another interaction is already in progress', async () => {
    const msal = fakeMsal();
    msal.acquireTokenRedirect.mockRejectedValueOnce(Object.assign(new Error('interaction_in_progress'), { errorCode: 'interaction_in_progress' }));
    await expect(provider(msal).tokens.interact(CLUSTER)).resolves.toBeUndefined();
  });
});
