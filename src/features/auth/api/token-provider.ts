/**
 * TokenProvider over MSAL: one token per cluster (each cluster URL is its own resource, and a
 * token request gets a token for one resource only — MSAL resources-and-scopes.md), from that
 * cluster's authority: its own cloud (cluster-authority.ts), the connection's tenant, the
 * account's profile in that tenant (MSAL multi-tenant-accounts.md).
 */

import {
  BrowserAuthErrorCodes,
  InteractionRequiredAuthError,
  type AccountInfo,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { CloudInfoCache } from '../../../kusto/cloud-info';
import { isKustoError, kustoError, type KustoError } from '../../../kusto/errors';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import type { TokenProvider } from '../../../kusto/types';
import { accountLabel, homeTenantIdOf, profileFor } from './accounts';
import { accountInCloud, clusterAuthority, type ClusterAuthority } from './cluster-authority';
import { describeAuthError, silentRedirectUri } from './msal';
import { cloudMismatchProblem, explainSignInError } from './sign-in-problems';
import type { TenantDirectory } from './tenant-directory';

export function clusterScope(clusterUrl: string): string {
  return `${clusterUrl.replace(/\/+$/, '')}/.default`;
}

/** What config and the connection list say about a cluster's sign-in. */
export interface ClusterRoute {
  connectionTenant?: string;
  pinnedAuthority?: string;
  configTenant?: string;
}

/** Where an interactive sign-in is about to go, for the app to save what it must resume afterwards. */
export interface PendingRedirect {
  clusterUrl: string;
  authority: string;
  tenant: string;
  /** A claims challenge is being answered. */
  claims?: string;
}

export interface MsalTokenProviderOptions {
  trustedHosts: readonly string[];
  origin: string;
  /** config.json `auth.authority`. */
  defaultAuthority: string;
  clientId: string;
  /** The account whose tokens the workbench uses (its home profile or any profile of it). */
  account: () => AccountInfo | null;
  route: (clusterUrl: string) => ClusterRoute;
  cloudInfo: CloudInfoCache;
  tenants: TenantDirectory;
  /** Called right before the page leaves for the identity provider, to save anything unsaved. */
  beforeRedirect?: (pending: PendingRedirect) => void;
  /**
   * Whether the page may leave for the identity provider on its own for this request: an error to
   * show instead (a sign-in there just failed, a claims challenge was just answered), so no
   * cluster can loop the page (redirect-journal.ts).
   */
  redirectBlockedBy?: (pending: PendingRedirect) => KustoError | null;
}

export interface TokenOptions {
  forceRefresh?: boolean;
  /** A claims challenge's claims request (JSON): the token must satisfy it, so the user is asked. */
  claims?: string;
}

function isInteractionInProgress(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorCode?: unknown }).errorCode === BrowserAuthErrorCodes.interactionInProgress;
}

export interface MsalTokenProvider extends TokenProvider {
  getToken(clusterUrl: string, options?: TokenOptions): Promise<string>;
  /** `force`: the user asked for it (a "Sign in again" button), so no gate applies. */
  interact(clusterUrl: string, options?: Pick<TokenOptions, 'claims'> & { force?: boolean }): Promise<void>;
  /** The authority a cluster's tokens come from, for the connection pane (null: not decided yet). */
  authorityOf(clusterUrl: string): Promise<ClusterAuthority>;
}

export function createMsalTokenProvider(msal: IPublicClientApplication, options: MsalTokenProviderOptions): MsalTokenProvider {
  function home(): AccountInfo {
    const account = options.account();
    if (!account) throw kustoError('unauthorized', 'You are signed out. Sign in to run queries.');
    return account;
  }

  function assertTrusted(clusterUrl: string): void {
    // Checked before anything is asked of the cluster or MSAL: a token must never be minted for,
    // let alone sent to, a host nobody trusted (src/kusto/README.md, trusted endpoints).
    if (!isTrustedKustoHost(clusterUrl, options.trustedHosts)) throw kustoError('untrusted-host', untrustedHostMessage(clusterUrl));
  }

  async function authorityOf(clusterUrl: string): Promise<ClusterAuthority> {
    const route = options.route(clusterUrl);
    const cloud = route.pinnedAuthority ? undefined : await options.cloudInfo.get(clusterUrl);
    const account = options.account();
    const found = clusterAuthority({
      connectionTenant: route.connectionTenant,
      pinnedAuthority: route.pinnedAuthority,
      configTenant: route.configTenant,
      defaultAuthority: options.defaultAuthority,
      cloud,
      homeTenantId: account ? homeTenantIdOf(account) : undefined,
    });
    if (!found) throw kustoError('unauthorized', `No tenant is known for ${clusterUrl}: name one for its connection.`);
    return found;
  }

  /** The cluster's authority, and the account's profile there; refuses a cluster in another cloud. */
  async function target(clusterUrl: string): Promise<{ authority: ClusterAuthority; account: AccountInfo }> {
    const account = home();
    const authority = await authorityOf(clusterUrl);
    if (!accountInCloud(account.environment, authority.loginEndpoint)) {
      const problem = cloudMismatchProblem({
        clusterUrl,
        clusterLoginEndpoint: authority.loginEndpoint,
        accountLoginEndpoint: `https://${account.environment}`,
        accountName: accountLabel(account),
      });
      throw kustoError('unauthorized', `${problem.title} ${problem.advice}`, { signIn: problem });
    }
    const tenantId = options.tenants.idOf(authority.tenant) ?? authority.tenant;
    return { authority, account: profileFor(msal.getAllAccounts(), account, tenantId) };
  }

  function signInError(error: unknown, clusterUrl: string, authority: ClusterAuthority): KustoError {
    const message = describeAuthError(error);
    const problem = explainSignInError(message, {
      clientId: options.clientId,
      loginEndpoint: authority.loginEndpoint,
      tenant: authority.tenant,
      clusterUrl,
      origin: options.origin,
    });
    return kustoError('unauthorized', problem.kind === 'other' ? `Could not get a token for ${clusterUrl}: ${message}` : `${problem.title} ${problem.advice}`, { signIn: problem });
  }

  async function interact(clusterUrl: string, { claims, force = false }: Pick<TokenOptions, 'claims'> & { force?: boolean } = {}): Promise<void> {
    assertTrusted(clusterUrl);
    const { authority, account } = await target(clusterUrl);
    const pending: PendingRedirect = { clusterUrl, authority: authority.authority, tenant: authority.tenant, ...(claims ? { claims } : {}) };
    const blocked = force ? null : (options.redirectBlockedBy?.(pending) ?? null);
    if (blocked) throw blocked;
    options.beforeRedirect?.(pending);
    try {
      await msal.acquireTokenRedirect({
        account,
        authority: authority.authority,
        scopes: [clusterScope(clusterUrl)],
        redirectUri: `${options.origin}/`,
        // Back to the app's home, not to the address at this moment: the address bar follows the
        // editor after a debounce, so it may still hold an older query, which the app would then
        // take for a link and open (and run). The user's tabs are saved before this call
        // (tabs-store.ts) and come back as they were, typed text and active tab included.
        redirectStartPage: `${options.origin}/`,
        ...(claims ? { claims } : {}),
      });
    } catch (e) {
      // Another redirect (sign-in, sign-out) is already under way: the page is about to leave.
      if (!isInteractionInProgress(e)) throw signInError(e, clusterUrl, authority);
    }
  }

  return {
    authorityOf,
    interact,
    async getToken(clusterUrl, { forceRefresh = false, claims }: TokenOptions = {}) {
      assertTrusted(clusterUrl);
      if (claims) {
        // A claims challenge asks for more than the session gave (a Conditional Access step-up):
        // only the identity provider's pages can satisfy it (learn.microsoft.com/entra/identity-platform/claims-challenge).
        await interact(clusterUrl, { claims });
        throw kustoError('unauthorized', 'The cluster asks for a stronger sign-in; redirecting to the identity provider…');
      }
      const { authority, account } = await target(clusterUrl);
      try {
        const result = await msal.acquireTokenSilent({
          account,
          authority: authority.authority,
          scopes: [clusterScope(clusterUrl)],
          redirectUri: silentRedirectUri(options.origin),
          forceRefresh,
        });
        if (result.tenantId) options.tenants.learn(authority.tenant, result.tenantId);
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError) {
          await interact(clusterUrl);
          throw kustoError('unauthorized', 'Your sign-in needs to be renewed; redirecting to the identity provider…');
        }
        if (isKustoError(e)) throw e;
        throw signInError(e, clusterUrl, authority);
      }
    },
  };
}
