/**
 * The header's account controls, wired to MSAL: the account menu (account-menu.tsx) and the
 * sign-out dialog that asks what this browser may keep (sign-out-dialog.tsx).
 */
import type { AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';
import { useRuntimeConfig } from '../../../config/runtime-config-context';
import { accountLabel, homeAccounts } from '../api/accounts';
import { clusterScope } from '../api/token-provider';
import { AccountMenu } from './account-menu';
import { SignOutDialog, type SignOutChoice } from './sign-out-dialog';

interface UserMenuProps {
  account: AccountInfo;
  /** Removes what this browser keeps of an account, as chosen, before the sign-out redirect. */
  forgetAccount: (account: AccountInfo, choice: SignOutChoice) => Promise<void>;
  /** Makes another signed-in account the one the workbench works as. */
  onUseAccount: (account: AccountInfo) => void;
  compact?: boolean;
}

export function UserMenu({ account, forgetAccount, onUseAccount, compact = false }: UserMenuProps) {
  const { instance } = useMsal();
  const config = useRuntimeConfig();
  const [signingOut, setSigningOut] = useState<{ accounts: AccountInfo[]; label: string } | null>(null);
  const accounts = homeAccounts(instance.getAllAccounts());
  const origin = window.location.origin;

  function signInAgain(prompt: 'select_account' | 'login') {
    instance
      .loginRedirect({ scopes: [clusterScope(config.clusters[0].url)], redirectUri: `${origin}/`, prompt })
      // interaction_in_progress: another redirect is already leaving the page.
      .catch(() => undefined);
  }

  async function signOut(targets: AccountInfo[], choice: SignOutChoice) {
    // Removed first: if the redirect fails or the page is closed now, nothing of the accounts stays behind.
    for (const target of targets) await forgetAccount(target, choice).catch(() => undefined);
    const all = targets.length > 1;
    // One account: MSAL forgets it alone and the provider ends its session only if it is that
    // account's. All: MSAL forgets every account. Without id_token_hint the provider ignores
    // post_logout_redirect_uri and strands the user.
    await instance
      .logoutRedirect({ ...(all ? {} : { account: targets[0] }), idTokenHint: (targets[0] ?? account).idToken, postLogoutRedirectUri: `${origin}/` })
      .catch(() => undefined);
  }

  return (
    <div className="user-menu">
      <AccountMenu
        account={account}
        accounts={accounts.length > 0 ? accounts : [account]}
        compact={compact}
        onUseAccount={onUseAccount}
        onSwitchAccount={() => signInAgain('select_account')}
        onAddAccount={() => signInAgain('login')}
        onSignOut={(a) => setSigningOut({ accounts: [a], label: a.username || accountLabel(a) })}
        onSignOutAll={() => setSigningOut({ accounts, label: 'all accounts' })}
      />
      {signingOut ? (
        <SignOutDialog accountName={signingOut.label} onConfirm={(choice) => signOut(signingOut.accounts, choice)} onCancel={() => setSigningOut(null)} />
      ) : null}
    </div>
  );
}
