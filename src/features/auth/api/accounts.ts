/**
 * Accounts as the app sees them: one per person-and-home-tenant (MSAL's `homeAccountId`,
 * `<uid>.<utid>`), each with a tenant profile per tenant it got tokens from (a B2B guest has one
 * in each resource tenant). MSAL lists every tenant profile as its own AccountInfo
 * (msal-common docs/multi-tenant-accounts.md); the app lists people, and picks the profile per
 * request.
 */

import type { AccountInfo } from '@azure/msal-browser';

/** The home tenant id: the `utid` half of the home account id (client_info), else the profile's tenant. */
export function homeTenantIdOf(account: AccountInfo): string | undefined {
  const [, utid] = account.homeAccountId.split('.');
  return utid || account.tenantId || undefined;
}

function isHomeProfile(account: AccountInfo): boolean {
  return account.tenantId === homeTenantIdOf(account);
}

/** One entry per home account, the home tenant's profile when MSAL has it, in the order MSAL lists them. */
export function homeAccounts(all: readonly AccountInfo[]): AccountInfo[] {
  const byHome = new Map<string, AccountInfo>();
  for (const account of all) {
    const seen = byHome.get(account.homeAccountId);
    if (!seen || (!isHomeProfile(seen) && isHomeProfile(account))) byHome.set(account.homeAccountId, account);
  }
  return [...byHome.values()];
}

/** What the header and the connection pane call an account. */
export function accountLabel(account: Pick<AccountInfo, 'name' | 'username'>): string {
  return account.name || account.username || 'Signed-in account';
}

/**
 * The account to ask MSAL with for a tenant: that tenant's profile when the account has one, else
 * the account re-aimed at the tenant (MSAL then looks tokens up under that tenant and, finding none,
 * redeems the account's one refresh token at the tenant's authority).
 */
export function profileFor(all: readonly AccountInfo[], home: AccountInfo, tenantId: string): AccountInfo {
  const profile = all.find((a) => a.homeAccountId === home.homeAccountId && a.tenantId === tenantId);
  if (profile) return profile;
  const { idTokenClaims: _claims, idToken: _idToken, ...rest } = home;
  return { ...rest, tenantId, localAccountId: '' };
}

/** The home tenant's profile of an account when MSAL has one, else the account as given. */
export function homeProfileOf(all: readonly AccountInfo[], account: AccountInfo): AccountInfo {
  return homeAccounts([account, ...all.filter((a) => a.homeAccountId === account.homeAccountId)])[0] ?? account;
}
