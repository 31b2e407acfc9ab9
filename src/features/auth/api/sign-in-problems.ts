/**
 * Sign-in errors an analyst can act on, in plain words. Entra's answers carry an AADSTS code at
 * the start of the description (learn.microsoft.com/entra/identity-platform/reference-error-codes);
 * the codes below are grouped by what the analyst can do about them. Entra's own text is kept
 * (`detail`) because it is what an administrator searches for.
 */

import { cloudName } from '../../../kusto/cloud-info';
import type { SignInProblem } from '../../../kusto/errors';

export type { SignInProblem };

/** Where a failed sign-in was going: what the words and links are built from. */
export interface SignInAttempt {
  clientId: string;
  /** Login endpoint of the cloud, e.g. https://login.microsoftonline.com. */
  loginEndpoint: string;
  /** Tenant id or domain the authority named. */
  tenant: string;
  /** The cluster the token was for, if any (the admin-consent link asks for its scope). */
  clusterUrl?: string;
  /** The app's origin (the admin-consent redirect). */
  origin: string;
}

const CONSENT = new Set(['65001', '65004', '90094', '90095', '90008', '650056', '650057', '90099', '700016', '500011']);
const NOT_IN_TENANT = new Set(['50020', '16000', '16003', '50034', '51004', '90072', '50014', '500213', '500212']);
const CONDITIONAL_ACCESS = new Set(['53003', '53000', '53001', '53002', '530032', '530035', '50131', '50005', '50097', '53011']);
const CLOUD = new Set(['90038', '1000104', '900432', '900382', '90002', '50049']);

/** The first AADSTS code in a message, without the prefix. */
export function aadstsCode(message: string): string | undefined {
  return /\bAADSTS(\d{4,7})\b/.exec(message)?.[1];
}

/**
 * Entra's v2 admin-consent endpoint for this app and the cluster's scope
 * (learn.microsoft.com/entra/identity-platform/v2-admin-consent).
 */
export function adminConsentUrl(attempt: SignInAttempt): string {
  const params = new URLSearchParams({
    client_id: attempt.clientId,
    scope: attempt.clusterUrl ? `${attempt.clusterUrl.replace(/\/+$/, '')}/.default` : 'openid profile',
    redirect_uri: `${attempt.origin}/`,
  });
  return `${attempt.loginEndpoint}/${encodeURIComponent(attempt.tenant)}/v2.0/adminconsent?${params.toString()}`;
}

/** What an MSAL error or a provider's error description means for the analyst. */
export function explainSignInError(message: string, attempt: SignInAttempt): SignInProblem {
  const code = aadstsCode(message);
  const base = { detail: message, ...(code ? { code: `AADSTS${code}` } : {}) };
  if (code && CONSENT.has(code)) {
    return {
      ...base,
      kind: 'consent-required',
      title: `KQL Workbench is not approved in the tenant ${attempt.tenant}.`,
      advice: `An administrator of that tenant has to grant consent to the application ${attempt.clientId} once, for everyone: send them the admin-consent link.`,
      adminConsentUrl: adminConsentUrl(attempt),
    };
  }
  if (code && NOT_IN_TENANT.has(code)) {
    return {
      ...base,
      kind: 'not-in-tenant',
      title: `Your account is not a member or guest of the tenant ${attempt.tenant}.`,
      advice: 'Ask an administrator of that tenant to invite your account as a guest, or switch to an account that belongs to it.',
    };
  }
  if (code && CONDITIONAL_ACCESS.has(code)) {
    return {
      ...base,
      kind: 'conditional-access',
      title: 'A Conditional Access policy of your organization blocked the sign-in.',
      advice: 'The policy decides by device, location or app; your administrator can tell you which one applied (the sign-in logs name it).',
    };
  }
  if (code && CLOUD.has(code)) {
    return {
      ...base,
      kind: 'cloud-mismatch',
      title: `The tenant ${attempt.tenant} is not in ${cloudName(attempt.loginEndpoint)}.`,
      advice: 'Sign in to the cloud the tenant and cluster belong to (US Government and China are separate clouds with their own accounts).',
    };
  }
  return { ...base, kind: 'other', title: 'Sign-in failed.', advice: 'Try again; if it keeps failing, give your administrator the text below.' };
}

/** A cluster in another cloud than the account: no token of this account can ever work there. */
export function cloudMismatchProblem(input: { clusterUrl: string; clusterLoginEndpoint: string; accountLoginEndpoint: string; accountName: string }): SignInProblem {
  const clusterCloud = cloudName(input.clusterLoginEndpoint);
  return {
    kind: 'cloud-mismatch',
    title: `${input.clusterUrl} is in ${clusterCloud}; you are signed in to ${cloudName(input.accountLoginEndpoint)}.`,
    advice: `Sign in to ${clusterCloud} with an account of that cloud to query this cluster.`,
    detail: `The cluster's /v1/rest/auth/metadata names the login endpoint ${input.clusterLoginEndpoint}; ${input.accountName} signed in at ${input.accountLoginEndpoint}.`,
    signInCloud: { loginEndpoint: input.clusterLoginEndpoint, name: clusterCloud },
  };
}
