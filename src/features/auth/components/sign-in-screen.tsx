import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';
import { selectors } from '../../../testing/selectors';
import { describeAuthError } from '../api/msal';
import { clusterScope } from '../api/token-provider';

interface SignInScreenProps {
  /** The cluster whose token the sign-in asks for, so the first query needs no second trip. */
  clusterUrl: string;
  /** An error the identity provider returned on the last redirect. */
  redirectError: unknown;
}

export function SignInScreen({ clusterUrl, redirectError }: SignInScreenProps) {
  const { instance, inProgress } = useMsal();
  const [error, setError] = useState<unknown>(null);
  const shown = error ?? redirectError;

  async function signIn() {
    setError(null);
    try {
      // MSAL adds openid, profile and offline_access itself.
      await instance.loginRedirect({ scopes: [clusterScope(clusterUrl)], redirectUri: `${window.location.origin}/` });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <main className="sign-in">
      <p className="sign-in-product">KQL Workbench</p>
      <h1>{selectors.signIn.heading.name}</h1>
      <p>Sign in with your organization account to query {clusterUrl}.</p>
      {shown ? (
        <div role="alert" className="error-box">
          Sign-in failed: {describeAuthError(shown)}
        </div>
      ) : null}
      <button type="button" className="run-button" onClick={() => void signIn()} disabled={inProgress !== InteractionStatus.None}>
        {selectors.signIn.button.name}
      </button>
    </main>
  );
}
