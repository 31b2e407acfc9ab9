/**
 * The header's actions. Where they fit, each is its own button; where they do not (a narrow
 * window), Share stays and the rest go behind a "More actions" menu button (the WAI-ARIA menu
 * button pattern), so no control ever covers another.
 */
import type { AccountInfo } from '@azure/msal-browser';
import { useState, type MutableRefObject } from 'react';
import type { SignOutChoice } from '../features/auth/components/sign-out-dialog';
import { UserMenu } from '../features/auth/components/user-menu';
import { OpenLinkAction, OpenLinkDialog, type OpenedLink } from '../features/share/components/open-link-dialog';
import { ShareMenu, type ShareMenuProps } from '../features/share/components/share-menu';
import { ShortcutsDialog, ShortcutsHelp } from '../features/tabs/components/shortcuts-help';
import { useMenuButton } from '../lib/use-menu-button';
import { selectors } from '../testing/selectors';
import type { Theme } from './use-theme';

export interface HeaderActionsProps {
  compact: boolean;
  share: Pick<ShareMenuProps, 'clusterUrl' | 'database' | 'query' | 'parameters' | 'files' | 'shownTable'>;
  onOpenLink(link: OpenedLink): void;
  historyOpen: boolean;
  onToggleHistory(): void;
  /** Where focus goes back when the history pane closes: the History button, or "More actions". */
  historyButton: MutableRefObject<HTMLButtonElement | null>;
  theme: Theme;
  onToggleTheme(): void;
  account: AccountInfo;
  forgetAccount(account: AccountInfo, choice: SignOutChoice): Promise<void>;
  onUseAccount(account: AccountInfo): void;
}

export function HeaderActions(props: HeaderActionsProps) {
  const { compact, share, onOpenLink, historyOpen, onToggleHistory, historyButton, theme, onToggleTheme, account, forgetAccount, onUseAccount } = props;
  const themeName = theme === 'dark' ? selectors.theme.toLight.name : selectors.theme.toDark.name;
  return (
    <>
      <ShareMenu {...share} layout="menu" />
      {compact ? (
        <MoreActions {...props} themeName={themeName} />
      ) : (
        <>
          <OpenLinkAction onOpen={onOpenLink} />
          {/* A disclosure (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/): Esc in the pane closes it and focus comes back here. */}
          <button ref={historyButton} type="button" aria-expanded={historyOpen} aria-controls="history-pane" onClick={onToggleHistory}>
            {selectors.history.toggle.name}
          </button>
          <button type="button" onClick={onToggleTheme} className="theme-toggle">{themeName}</button>
          <ShortcutsHelp />
        </>
      )}
      <UserMenu account={account} forgetAccount={forgetAccount} onUseAccount={onUseAccount} compact={compact} />
    </>
  );
}

function MoreActions({ onOpenLink, historyOpen, onToggleHistory, historyButton, onToggleTheme, themeName }: HeaderActionsProps & { themeName: string }) {
  const menu = useMenuButton();
  const [dialog, setDialog] = useState<'open-link' | 'shortcuts' | null>(null);
  // Focus goes back to the menu's button first, so a dialog opened from the menu returns it there.
  const act = (action: () => void) => () => {
    menu.close(true);
    action();
  };
  return (
    <div ref={menu.root} className="header-more">
      <button
        ref={(el) => {
          menu.button.current = el;
          historyButton.current = el;
        }}
        type="button"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        aria-controls="header-more-menu"
        onClick={menu.onButtonClick}
        onKeyDown={menu.onButtonKeyDown}
      >
        {selectors.header.more.name} <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu.menu} id="header-more-menu" role="menu" aria-label={selectors.header.more.name} className="header-more-menu" hidden={!menu.open} onKeyDown={menu.onMenuKeyDown}>
        <button type="button" role="menuitem" tabIndex={-1} aria-haspopup="dialog" onClick={act(() => setDialog('open-link'))}>{selectors.share.openLink.name}</button>
        <button type="button" role="menuitemcheckbox" tabIndex={-1} aria-checked={historyOpen} onClick={act(onToggleHistory)}>
          {selectors.history.toggle.name}{historyOpen ? <span aria-hidden="true"> ✓</span> : null}
        </button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(onToggleTheme)}>{themeName}</button>
        <button type="button" role="menuitem" tabIndex={-1} aria-haspopup="dialog" onClick={act(() => setDialog('shortcuts'))}>{selectors.shortcuts.help.name}</button>
      </div>
      {dialog === 'open-link' ? (
        <OpenLinkDialog
          onClose={() => setDialog(null)}
          onOpen={(link) => {
            setDialog(null);
            onOpenLink(link);
          }}
        />
      ) : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
