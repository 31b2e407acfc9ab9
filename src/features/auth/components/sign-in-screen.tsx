import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useMemo, useState } from 'react';
import { useRuntimeConfig } from '../../../config/runtime-config-context';
import { selectors } from '../../../testing/selectors';
import { splitAuthority } from '../api/cluster-authority';
import { loginHintFrom } from '../api/login-hint';
import { describeAuthError } from '../api/msal';
import { explainSignInError } from '../api/sign-in-problems';
import { clusterScope } from '../api/token-provider';
import { SignInProblemNotice } from './sign-in-problem';

interface SignInScreenProps {
  /** The cluster whose token the sign-in asks for, so the first query needs no second trip. */
  clusterUrl: string;
  /** An error the identity provider returned on the last redirect. */
  redirectError: unknown;
}

export function SignInScreen({ clusterUrl, redirectError }: SignInScreenProps) {
  const { instance, inProgress } = useMsal();
  const config = useRuntimeConfig();
  const [error, setError] = useState<unknown>(null);
  const shown = error ?? redirectError;
  const loginHint = useMemo(() => loginHintFrom(window.location.search, config.auth.loginHint), [config.auth.loginHint]);
  const problem = useMemo(() => {
    if (!shown) return null;
    const authority = splitAuthority(config.auth.authority);
    return explainSignInError(describeAuthError(shown), {
      clientId: config.auth.clientId,
      loginEndpoint: authority?.loginEndpoint ?? config.auth.authority,
      tenant: authority?.tenant ?? 'organizations',
      clusterUrl,
      origin: window.location.origin,
    });
  }, [shown, config.auth, clusterUrl]);

  async function signIn() {
    setError(null);
    try {
      // MSAL adds openid, profile and offline_access itself.
      await instance.loginRedirect({ scopes: [clusterScope(clusterUrl)], redirectUri: `${window.location.origin}/`, ...(loginHint ? { loginHint } : {}) });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <main className="sign-in">
      <p className="sign-in-product">KQL Workbench</p>
      <h1>{selectors.signIn.heading.name}</h1>
      <p>Sign in with your organization account to query {clusterUrl}.</p>
      {problem ? <SignInProblemNotice problem={problem} /> : null}
      <button type="button" className="run-button" onClick={() => void signIn()} disabled={inProgress !== InteractionStatus.None}>
        {selectors.signIn.button.name}
      </button>
    </main>
  );
}
