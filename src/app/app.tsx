import { InteractionStatus } from '@azure/msal-browser';
import { useIsAuthenticated, useMsal } from '@azure/msal-react';
import { useEffect } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { SignInScreen } from '../features/auth/components/sign-in-screen';
import { selectors } from '../testing/selectors';
import type { Boot } from './bootstrap';
import { removeUnownedStorage } from './account-data';
import { AppProvider } from './provider';
import { Workbench } from './workbench';

function Screens({ redirectError }: { redirectError: unknown }) {
  const config = useRuntimeConfig();
  const { instance, inProgress } = useMsal();
  const signedIn = useIsAuthenticated();
  useEffect(() => void removeUnownedStorage(), []);
  if (inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect) {
    return <p className="loading">Signing in…</p>;
  }
  const account = signedIn ? (instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null) : null;
  // Keyed by account: another account gets its own tabs, connections and history, never the last one's.
  return account ? (
    <Workbench key={account.homeAccountId} account={account} />
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
      <Screens redirectError={boot.auth.redirectError} />
    </AppProvider>
  );
}
