import type { AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';
import { selectors } from '../../../testing/selectors';
import { SignOutDialog, type SignOutChoice } from './sign-out-dialog';

interface UserMenuProps {
  account: AccountInfo;
  /** Removes what this browser keeps of the account, as chosen, before the sign-out redirect. */
  forgetAccount: (choice: SignOutChoice) => Promise<void>;
  /** A narrow header shows only Sign out; the name stays in its tooltip. */
  compact?: boolean;
}

export function UserMenu({ account, forgetAccount, compact = false }: UserMenuProps) {
  const { instance } = useMsal();
  const [asking, setAsking] = useState(false);
  const name = account.name || account.username;

  async function signOut(choice: SignOutChoice) {
    // Removed first: if the redirect fails or the page is closed now, nothing of the account stays behind.
    await forgetAccount(choice).catch(() => undefined);
    // Without id_token_hint the provider ignores post_logout_redirect_uri and strands the user.
    await instance
      .logoutRedirect({ account, idTokenHint: account.idToken, postLogoutRedirectUri: `${window.location.origin}/` })
      // interaction_in_progress: a sign-in or renewal redirect is already leaving the page.
      .catch(() => undefined);
  }

  return (
    <div className="user-menu">
      {compact ? null : <span className="user-name" title={account.username}>{name}</span>}
      <button type="button" aria-haspopup="dialog" onClick={() => setAsking(true)} title={compact ? `Signed in as ${account.username}` : undefined}>
        {selectors.header.signOut.name}
      </button>
      {asking ? <SignOutDialog accountName={account.username || name} onConfirm={signOut} onCancel={() => setAsking(false)} /> : null}
    </div>
  );
}
