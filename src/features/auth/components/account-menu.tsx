/**
 * The signed-in accounts, as a menu button (https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/):
 * which account the workbench uses (a radio group: picking one switches tabs, history and tokens
 * to that account's), switch account at the identity provider (prompt=select_account), add
 * another account, sign out of this one or of all.
 */

import type { AccountInfo } from '@azure/msal-browser';
import { useMenuButton } from '../../../lib/use-menu-button';
import { selectors } from '../../../testing/selectors';
import { accountLabel } from '../api/accounts';
import './account-menu.css';

export interface AccountMenuProps {
  /** The account the workbench uses. */
  account: AccountInfo;
  /** Every signed-in account, one per home account. */
  accounts: readonly AccountInfo[];
  /** A narrow header: the button says "Account" only; the name stays in the menu and tooltip. */
  compact?: boolean;
  onUseAccount(account: AccountInfo): void;
  onSwitchAccount(): void;
  onAddAccount(): void;
  onSignOut(account: AccountInfo): void;
  onSignOutAll(): void;
}

export function AccountMenu(props: AccountMenuProps) {
  const { account, accounts, compact = false, onUseAccount, onSwitchAccount, onAddAccount, onSignOut, onSignOutAll } = props;
  const menu = useMenuButton();
  const s = selectors.account;
  const name = accountLabel(account);
  const act = (action: () => void) => () => {
    menu.close(true);
    action();
  };
  return (
    <div ref={menu.root} className="account-menu">
      <button
        ref={menu.button}
        type="button"
        className="account-menu-button"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        aria-controls="account-menu-list"
        aria-label={s.button(name).name}
        title={`${name} (${account.username})`}
        onClick={menu.onButtonClick}
        onKeyDown={menu.onButtonKeyDown}
      >
        <span className="account-menu-label">{compact ? 'Account' : `Account: ${name}`}</span> <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu.menu} id="account-menu-list" role="menu" aria-label={s.menu.name} className="account-menu-list" hidden={!menu.open} onKeyDown={menu.onMenuKeyDown}>
        <div role="group" aria-label={s.accounts.name}>
          {accounts.map((a) => {
            const current = a.homeAccountId === account.homeAccountId;
            return (
              <button
                key={a.homeAccountId}
                type="button"
                role="menuitemradio"
                tabIndex={-1}
                aria-checked={current}
                className="account-menu-account"
                onClick={act(() => {
                  if (!current) onUseAccount(a);
                })}
              >
                <span className="account-menu-check" aria-hidden="true">{current ? '✓' : ''}</span>
                <span className="account-menu-name">{accountLabel(a)}</span>
                <span className="account-menu-username">{a.username}</span>
              </button>
            );
          })}
        </div>
        <div role="separator" />
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(onSwitchAccount)}>{s.switchAccount.name}</button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(onAddAccount)}>{s.addAccount.name}</button>
        <div role="separator" />
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(() => onSignOut(account))}>{s.signOut(name).name}</button>
        {accounts.length > 1 ? (
          <button type="button" role="menuitem" tabIndex={-1} onClick={act(onSignOutAll)}>{s.signOutAll.name}</button>
        ) : null}
      </div>
    </div>
  );
}
