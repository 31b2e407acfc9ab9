import type { AccountInfo } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import { accountLabel, homeAccounts, homeTenantIdOf, profileFor } from './accounts';
import { createTenantDirectory, TENANT_IDS_KEY } from './tenant-directory';

const HOME = '72f988bf-0000-4000-8000-00000000c0de';
const PARTNER = '4f5b2c1d-0000-4000-8000-00000000fab1';

function account(homeAccountId: string, tenantId: string, name: string, extra: Partial<AccountInfo> = {}): AccountInfo {
  return { homeAccountId, environment: 'localhost:9443', tenantId, username: `${name.toLowerCase()}@local.test`, localAccountId: `${name}-${tenantId}`, name, ...extra };
}

const adaHome = account(`ada.${HOME}`, HOME, 'Ada', { idToken: 'idt', idTokenClaims: { tid: HOME }, loginHint: 'ada@local.test' });
const adaGuest = account(`ada.${HOME}`, PARTNER, 'Ada');
const victor = account(`victor.${HOME}`, HOME, 'Victor');
const fionaGuestOnly = account(`fiona.${PARTNER}`, HOME, 'Fiona');

describe('accounts', () => {
  it('lists each person once, with the home tenant profile when MSAL has it', () => {
    expect(homeAccounts([adaGuest, victor, adaHome])).toEqual([adaHome, victor]);
    // Signed in only as a guest so far: the guest profile stands for the account.
    expect(homeAccounts([fionaGuestOnly])).toEqual([fionaGuestOnly]);
  });

  it('reads the home tenant from the home account id', () => {
    expect(homeTenantIdOf(adaGuest)).toBe(HOME);
    expect(homeTenantIdOf(fionaGuestOnly)).toBe(PARTNER);
    expect(homeTenantIdOf(account('sub-only', 'tid-x', 'X'))).toBe('tid-x');
  });

  it('asks MSAL with the tenant profile, or the account aimed at a tenant it has no profile in yet', () => {
    expect(profileFor([adaHome, adaGuest], adaHome, PARTNER)).toBe(adaGuest);
    const aimed = profileFor([adaHome], adaHome, PARTNER);
    expect(aimed).toMatchObject({ homeAccountId: adaHome.homeAccountId, tenantId: PARTNER, loginHint: 'ada@local.test' });
    expect(aimed.idTokenClaims).toBeUndefined();
  });

  it('labels an account by name, else username', () => {
    expect(accountLabel({ name: '', username: 'x@y.test' })).toBe('x@y.test');
    expect(accountLabel(adaHome)).toBe('Ada');
  });
});

describe('tenant directory', () => {
  it('learns a domain’s tenant id from a token and keeps it across loads', () => {
    const storage = window.localStorage;
    storage.removeItem(TENANT_IDS_KEY);
    const directory = createTenantDirectory(storage);
    expect(directory.idOf('Fabrikam.test')).toBeUndefined();
    expect(directory.idOf(PARTNER.toUpperCase())).toBe(PARTNER);
    directory.learn('Fabrikam.test', PARTNER);
    expect(directory.idOf('fabrikam.test')).toBe(PARTNER);
    expect(createTenantDirectory(storage).idOf('fabrikam.test')).toBe(PARTNER);
    expect(createTenantDirectory(storage).domainOf(PARTNER)).toBe('fabrikam.test');
  });

  it('ignores what is not a tenant id, stored or learned', () => {
    const storage = window.localStorage;
    storage.setItem(TENANT_IDS_KEY, JSON.stringify({ 'a.test': 'not-a-guid', 'b.test': 42 }));
    const directory = createTenantDirectory(storage);
    expect(directory.idOf('a.test')).toBeUndefined();
    directory.learn('c.test', 'also-not');
    expect(directory.idOf('c.test')).toBeUndefined();
  });
});
