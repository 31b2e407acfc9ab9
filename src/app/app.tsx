import { InteractionStatus } from '@azure/msal-browser';
import { useIsAuthenticated, useMsal } from '@azure/msal-react';
import { useEffect } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import type { ReturnedRedirect } from '../features/auth/api/msal';
import { SignInScreen } from '../features/auth/components/sign-in-screen';
import { selectors } from '../testing/selectors';
import type { Boot } from './bootstrap';
import { removeUnownedStorage } from './account-data';
import { AppProvider } from './provider';
import { useActiveAccount } from './use-active-account';
import { Workbench } from './workbench';

function Screens({ redirectError, returned }: { redirectError: unknown; returned: ReturnedRedirect | null }) {
  const config = useRuntimeConfig();
  const { inProgress } = useMsal();
  const signedIn = useIsAuthenticated();
  const [active, switchAccount] = useActiveAccount();
  useEffect(() => void removeUnownedStorage(), []);
  if (inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect) {
    return <p className="loading">Signing in…</p>;
  }
  const account = signedIn ? active : null;
  // Keyed by account: another account gets its own tabs, connections and history, never the last one's.
  return account ? (
    <Workbench key={account.homeAccountId} account={account} onUseAccount={switchAccount} returned={returned} />
  ) : (
    <SignInScreen clusterUrl={config.clusters[0].url} redirectError={redirectError} />
  );
}

export function StartupError({ title, lines }: { title: string; lines: string[] }) {
  return (
    <main className="startup-error">
      <h1>{title}</h1>
      <div role="alert" className="error-box">
        <ul>{lines.map((line, i) => <li key={i}>{line}</li>)}</ul>
      </div>
    </main>
  );
}

export function App({ boot }: { boot: Boot }) {
  if (boot.state === 'config-error') return <StartupError title={selectors.config.heading.name} lines={boot.problems} />;
  if (boot.state === 'auth-error') return <StartupError title="Sign-in could not start" lines={[boot.message]} />;
  return (
    <AppProvider config={boot.config} msal={boot.auth.msal}>
      <Screens redirectError={boot.auth.redirectError} returned={boot.auth.returned} />
    </AppProvider>
  );
}
