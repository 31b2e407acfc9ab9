/**
 * Who is who in the local tenants: membership (member or B2B guest), the claims each tenant puts
 * in its tokens, and the AADSTS errors Entra answers with when a sign-in cannot go through. Pure
 * functions over `dev/stack.ts`, so the provider's policy is testable without a browser.
 */
import { DEMO_USERS, LOCAL_TENANTS, type DemoUser, type LocalTenant } from '../stack';

export interface Membership {
  /** The user's object id in this tenant (a guest has one of its own there). */
  oid: string;
  guest: boolean;
}

/** A tenant by id or by domain, case-insensitively, like the tenant segment of an Entra authority. */
export function findTenant(segment: string, tenants: readonly LocalTenant[] = LOCAL_TENANTS): LocalTenant | undefined {
  const wanted = segment.toLowerCase();
  return tenants.find((t) => t.id === wanted || t.domain.toLowerCase() === wanted);
}

/** oidc-provider's account id is the home object id: one id for the account in every tenant. */
export function userByAccountId(accountId: string, users: readonly DemoUser[] = DEMO_USERS): DemoUser | undefined {
  return users.find((u) => u.oid === accountId);
}

export function userByEmail(email: string, users: readonly DemoUser[] = DEMO_USERS): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return users.find((u) => u.email.toLowerCase() === wanted);
}

export function membership(user: DemoUser, tenantId: string): Membership | undefined {
  if (user.homeTenantId === tenantId) return { oid: user.oid, guest: false };
  const guest = user.guestOf.find((g) => g.tenantId === tenantId);
  return guest ? { oid: guest.oid, guest: true } : undefined;
}

/**
 * Entra's `client_info` (base64url JSON `{uid, utid}` of the HOME tenant): MSAL builds the home
 * account id `<uid>.<utid>` from it, so tokens from a guest tenant land on the same account as
 * tenant profiles (msal-common AccountEntity.generateHomeAccountId, docs/multi-tenant-accounts.md).
 */
export function clientInfo(user: DemoUser): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: user.homeTenantId }), 'utf8').toString('base64url');
}

/**
 * Identity claims a tenant puts in ID and access tokens. A guest's `oid` is its object in the
 * resource tenant and `idp` names the home tenant's issuer, as Entra writes them for B2B users.
 */
export function tenantClaims(user: DemoUser, tenant: LocalTenant, issuerOf: (tenantId: string) => string): Record<string, string> | undefined {
  const member = membership(user, tenant.id);
  if (!member) return undefined;
  return {
    oid: member.oid,
    tid: tenant.id,
    name: user.name,
    preferred_username: user.email,
    email: user.email,
    ...(member.guest ? { idp: issuerOf(user.homeTenantId) } : {}),
  };
}

/**
 * The `acrs` values a claims request asks for in the access token (Conditional Access
 * authentication context): `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}` or
 * `"values":[…]` — learn.microsoft.com/entra/identity-platform/claims-challenge.
 */
export function requestedAcrs(claims: unknown): string[] {
  if (typeof claims !== 'string' || claims.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(claims);
  } catch {
    return [];
  }
  const acrs = (parsed as { access_token?: { acrs?: { value?: unknown; values?: unknown } } } | null)?.access_token?.acrs;
  if (!acrs) return [];
  const values = [acrs.value, ...(Array.isArray(acrs.values) ? acrs.values : [])];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

export interface SignInError {
  error: string;
  error_description: string;
}

/**
 * The sign-in errors the local provider answers with, worded and numbered like Entra's
 * (learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
export const signInErrors = {
  /** Interactive sign-in by an account that has no user object in the tenant. */
  notInTenant(user: DemoUser, tenant: LocalTenant, homeIssuer: string, clientId: string, clientName: string): SignInError {
    return {
      error: 'invalid_request',
      error_description:
        `AADSTS50020: User account '${user.email}' from identity provider '${homeIssuer}' does not exist in tenant '${tenant.name}' ` +
        `and cannot access the application '${clientId}'(${clientName}) in that tenant. The account needs to be added as an ` +
        'external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.',
    };
  },
  /** The same, for a silent (prompt=none) request: interaction_required so MSAL falls back to a redirect. */
  notInTenantSilently: {
    error: 'interaction_required',
    error_description: "AADSTS16000: The signed-in user account doesn't exist in this tenant and can't access the application in that tenant.",
  } satisfies SignInError,
  blockedByConditionalAccess(): SignInError {
    return {
      error: 'access_denied',
      error_description:
        'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    };
  },
  consentRequiredSilently(clientId: string, clientName: string): SignInError {
    return {
      error: 'consent_required',
      error_description:
        `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId}' named '${clientName}'. ` +
        'Send an interactive authorization request for this user and resource.',
    };
  },
  adminConsentRequired(clientName: string): SignInError {
    return {
      error: 'access_denied',
      error_description:
        `AADSTS90094: ${clientName} needs permission to access resources in your organization that only an admin can grant. ` +
        'Please ask an admin to grant permission to this app before you can use it.',
    };
  },
};
