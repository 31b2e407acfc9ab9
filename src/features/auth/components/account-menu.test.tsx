import type { AccountInfo } from '@azure/msal-browser';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors } from '../../../testing/selectors';
import { AccountMenu, type AccountMenuProps } from './account-menu';

afterEach(cleanup);

const account = (id: string, name: string, username: string): AccountInfo => ({ homeAccountId: id, environment: 'localhost:9443', tenantId: 't', username, localAccountId: id, name });
const ada = account('ada.t', 'Ada Analyst', 'analyst@local.test');
const victor = account('victor.t', 'Victor Viewer', 'viewer@local.test');
const s = selectors.account;

function renderMenu(extra: Partial<AccountMenuProps> = {}) {
  const props: AccountMenuProps = {
    account: ada, accounts: [ada, victor],
    onUseAccount: vi.fn(), onSwitchAccount: vi.fn(), onAddAccount: vi.fn(), onSignOut: vi.fn(), onSignOutAll: vi.fn(), ...extra,
  };
  render(<AccountMenu {...props} />);
  return props;
}

describe('AccountMenu', () => {
  it('is a menu button: ArrowDown opens on the first item, arrows move, Esc closes back on the button', async () => {
    const user = userEvent.setup();
    renderMenu();
    const button = screen.getByRole('button', { name: s.button('Ada Analyst').name });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.focus();
    await user.keyboard('{ArrowDown}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const radios = screen.getAllByRole(s.accountItem.role);
    expect(document.activeElement).toBe(radios[0]);
    expect(radios[0]?.getAttribute('aria-checked')).toBe('true');
    expect(radios[1]?.getAttribute('aria-checked')).toBe('false');
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: s.signOutAll.name }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('switches to another signed-in account, and does nothing for the one in use', async () => {
    const user = userEvent.setup();
    const props = renderMenu();
    await user.click(screen.getByRole('button', { name: s.button('Ada Analyst').name }));
    await user.click(screen.getByRole(s.accountItem.role, { name: /Ada Analyst/ }));
    expect(props.onUseAccount).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: s.button('Ada Analyst').name }));
    await user.click(screen.getByRole(s.accountItem.role, { name: /Victor Viewer/ }));
    expect(props.onUseAccount).toHaveBeenCalledWith(victor);
  });

  it('offers switch, add, sign out of this account, and sign out of all only with several accounts', async () => {
    const user = userEvent.setup();
    const props = renderMenu({ accounts: [ada] });
    await user.click(screen.getByRole('button', { name: s.button('Ada Analyst').name }));
    expect(screen.queryByRole('menuitem', { name: s.signOutAll.name })).toBeNull();
    await user.click(screen.getByRole('menuitem', { name: s.switchAccount.name }));
    expect(props.onSwitchAccount).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: s.button('Ada Analyst').name }));
    await user.click(screen.getByRole('menuitem', { name: s.signOut('Ada Analyst').name }));
    expect(props.onSignOut).toHaveBeenCalledWith(ada);
  });
});
