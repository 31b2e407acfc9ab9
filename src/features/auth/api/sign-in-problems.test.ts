import { describe, expect, it } from 'vitest';
import { aadstsCode, cloudMismatchProblem, explainSignInError, type SignInAttempt } from './sign-in-problems';

const attempt: SignInAttempt = {
  clientId: '00001111-aaaa-2222-bbbb-3333cccc4444',
  loginEndpoint: 'https://login.microsoftonline.com',
  tenant: 'contoso.onmicrosoft.com',
  clusterUrl: 'https://help.kusto.windows.net',
  origin: 'https://kqlw.contoso.com',
};

// Descriptions as Entra words them (reference-error-codes.md), as MSAL reports them: "<error>: <description>".
const ENTRA = {
  consent: "invalid_grant: AADSTS65001: The user or administrator has not consented to use the application with ID '00001111-aaaa-2222-bbbb-3333cccc4444' named 'KQL Workbench'.",
  adminConsent: 'access_denied: AADSTS90094: KQL Workbench needs permission to access resources in your organization that only an admin can grant.',
  notInTenant: "invalid_request: AADSTS50020: User account 'ada@fabrikam.com' from identity provider 'https://sts.windows.net/x/' does not exist in tenant 'Contoso' and cannot access the application.",
  blocked: 'access_denied: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  crossCloud: "invalid_request: AADSTS90038: The specified tenant 'Y' belongs to the National Cloud 'X'.",
};

describe('sign-in problems', () => {
  it('finds the AADSTS code anywhere in the message', () => {
    expect(aadstsCode(ENTRA.notInTenant)).toBe('50020');
    expect(aadstsCode('interaction_in_progress: Interaction is currently in progress.')).toBeUndefined();
  });

  it('consent required names the app id and links to the tenant admin-consent endpoint with the cluster scope', () => {
    for (const message of [ENTRA.consent, ENTRA.adminConsent]) {
      const problem = explainSignInError(message, attempt);
      expect(problem.kind).toBe('consent-required');
      expect(problem.advice).toContain(attempt.clientId);
      const url = new URL(problem.adminConsentUrl ?? '');
      expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent');
      expect(url.searchParams.get('client_id')).toBe(attempt.clientId);
      expect(url.searchParams.get('scope')).toBe('https://help.kusto.windows.net/.default');
      expect(url.searchParams.get('redirect_uri')).toBe('https://kqlw.contoso.com/');
    }
  });

  it('tells apart an account not in the tenant, a Conditional Access block and a cloud mismatch, keeping Entra’s text', () => {
    const notIn = explainSignInError(ENTRA.notInTenant, attempt);
    expect(notIn).toMatchObject({ kind: 'not-in-tenant', code: 'AADSTS50020', detail: ENTRA.notInTenant });
    expect(notIn.title).toContain('contoso.onmicrosoft.com');
    expect(explainSignInError(ENTRA.blocked, attempt)).toMatchObject({ kind: 'conditional-access', code: 'AADSTS53003' });
    expect(explainSignInError(ENTRA.crossCloud, attempt)).toMatchObject({ kind: 'cloud-mismatch', code: 'AADSTS90038' });
    expect(explainSignInError('user_cancelled: User cancelled the flow.', attempt)).toMatchObject({ kind: 'other' });
  });

  it('a cluster in another cloud names both clouds and offers to sign in to the cluster’s', () => {
    const problem = cloudMismatchProblem({
      clusterUrl: 'https://x.kusto.usgovcloudapi.net',
      clusterLoginEndpoint: 'https://login.microsoftonline.us',
      accountLoginEndpoint: 'https://login.microsoftonline.com',
      accountName: 'ada@contoso.com',
    });
    expect(problem.title).toBe('https://x.kusto.usgovcloudapi.net is in Azure US Government; you are signed in to Azure (public cloud).');
    expect(problem.signInCloud).toEqual({ loginEndpoint: 'https://login.microsoftonline.us', name: 'Azure US Government' });
  });
});
