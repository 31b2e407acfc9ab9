import { describe, expect, it } from 'vitest';
import { claimsFromChallenge, parseBearerChallenge } from './claims-challenge';

// The example of learn.microsoft.com/entra/identity-platform/claims-challenge.
const DOCS_EXAMPLE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ=="';

describe('claims challenge', () => {
  it('reads the auth-params of a Bearer challenge, quoted or not', () => {
    expect(parseBearerChallenge(DOCS_EXAMPLE)).toMatchObject({ realm: '', error: 'insufficient_claims', authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize' });
    expect(parseBearerChallenge('Bearer error=invalid_token, error_description="a, b"')).toEqual({ error: 'invalid_token', error_description: 'a, b' });
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
  });

  it('returns the decoded claims request of an insufficient_claims challenge', () => {
    expect(claimsFromChallenge(DOCS_EXAMPLE)).toBe('{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}');
  });

  it('returns null for a plain invalid_token 401, a missing header, and claims that are not a JSON object', () => {
    expect(claimsFromChallenge('Bearer authorization_uri="https://idp", error="invalid_token"')).toBeNull();
    expect(claimsFromChallenge(null)).toBeNull();
    expect(claimsFromChallenge(`Bearer error="insufficient_claims", claims="${btoa('not json')}"`)).toBeNull();
    expect(claimsFromChallenge(`Bearer error="insufficient_claims", claims="${btoa('[1]')}"`)).toBeNull();
  });
});
