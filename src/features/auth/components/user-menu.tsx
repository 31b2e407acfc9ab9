import { useMsal } from '@azure/msal-react';
import { selectors } from '../../../testing/selectors';

export function UserMenu() {
  const { instance } = useMsal();
  const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0] ?? null;
  if (!account) return null;
  const name = account.name || account.username;

  function signOut() {
    // Without id_token_hint the provider ignores post_logout_redirect_uri and strands the user.
    instance
      .logoutRedirect({ account, idTokenHint: account?.idToken, postLogoutRedirectUri: `${window.location.origin}/` })
      // interaction_in_progress: a sign-in or renewal redirect is already leaving the page.
      .catch(() => undefined);
  }

  return (
    <div className="user-menu">
      <span className="user-name" title={account.username}>{name}</span>
      <button type="button" onClick={signOut}>{selectors.header.signOut.name}</button>
    </div>
  );
}
