/**
 * Share actions for the active tab: copy our link (Shift+Alt+L), open it in Azure Data Explorer,
 * copy query + link + results for chat or e-mail. Outcomes, refusals included, go to one live
 * status line so a screen reader hears them too.
 */
import { useEffect, useId, useState } from 'react';
import { checkLinkLength, toAdxLink, toShareLink, type Result } from '../../../kusto/deep-link';
import type { ColumnarTable } from '../../../kusto/types';
import { useKeyboardShortcut } from '../../../lib/use-keyboard-shortcut';
import { useMenuButton } from '../../../lib/use-menu-button';
import { selectors } from '../../../testing/selectors';
import { browserClipboard, composeShareClip, type ShareClipboard } from '../clipboard-export';
import { appBaseUrl } from '../share-url';
import '../share.css';
import { errorText } from '../../../lib/error-text';

export interface ShareMenuProps {
  clusterUrl: string;
  database: string;
  query: string;
  /** Parameter values as typed in the form; our links carry them (`p.<name>=`), ADX links don't. */
  parameters?: Readonly<Record<string, string>>;
  /** A "Local files" tab: the files its query reads (the link names them; their data never leaves). */
  files?: readonly string[];
  /**
   * The result on screen, for "Copy query, link and results": read when that is clicked, so a
   * sort or filter in the grid re-renders nothing here.
   */
  shownTable?: () => ShownTable;
  clipboard?: ShareClipboard;
  openWindow?: (url: string) => void;
  /** Where links hang; defaults to this page's origin and base path. */
  appBase?: string;
  /** Bind Shift+Alt+L to "Copy link" (one ShareMenu per page should). */
  shortcut?: boolean;
  /**
   * `menu`: the actions sit behind a "Share" button (for a crowded header), as in the ADX web UI;
   * the status line and the shortcut stay live while it is closed. `inline` shows them all.
   */
  layout?: 'inline' | 'menu';
}

export interface ShownTable {
  table: ColumnarTable | null;
  /** Its rows in the order shown (sorted, filtered); null for table order. */
  order: Uint32Array | null;
}

type Status = { tone: 'info' | 'warn' | 'error'; text: string } | null;

/** Shift+Alt+L, as in the ADX web UI; by `code` because Alt changes `key` on macOS. */
function isCopyLinkPress(e: KeyboardEvent): boolean {
  return e.shiftKey && e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyL';
}

export function ShareMenu({ clusterUrl, database, query, parameters, files, shownTable, clipboard = browserClipboard, openWindow, appBase, shortcut = true, layout = 'inline' }: ShareMenuProps) {
  const [status, setStatus] = useState<Status>(null);
  const [adx, setAdx] = useState<Result<string> | null>(null);
  const menu = useMenuButton();
  const actionsId = useId();

  useEffect(() => {
    let live = true;
    void toAdxLink({ clusterUrl, database, query }).then((r) => live && setAdx(r));
    return () => {
      live = false;
    };
  }, [clusterUrl, database, query]);

  const link = () => toShareLink(appBase ?? appBaseUrl(), { clusterUrl, database, query, parameters, ...(files ? { files } : {}) });

  const copyLink = async () => {
    try {
      const url = await link();
      const check = checkLinkLength(url);
      if (check.level === 'refuse') {
        setStatus({ tone: 'error', text: check.message });
        return;
      }
      await clipboard.writeText(url);
      setStatus(check.level === 'warn' ? { tone: 'warn', text: `Link copied. ${check.message}` } : { tone: 'info', text: 'Link copied.' });
    } catch (e) {
      setStatus({ tone: 'error', text: `Could not copy the link: ${errorText(e)}` });
    }
  };
  useKeyboardShortcut(isCopyLinkPress, () => void copyLink(), shortcut);

  const copyWithResults = async () => {
    try {
      const url = await link();
      const refused = checkLinkLength(url).level === 'refuse';
      const { table, order } = shownTable?.() ?? { table: null, order: null };
      await clipboard.writeRich(composeShareClip({ query, clusterUrl, database, link: refused ? null : url, table, order }));
      setStatus({ tone: refused ? 'warn' : 'info', text: refused ? 'Copied the query and results; the link is too long to include.' : 'Copied the query, link and results.' });
    } catch (e) {
      setStatus({ tone: 'error', text: `Could not copy: ${errorText(e)}` });
    }
  };

  const openAdx = () => {
    if (!adx?.ok) return;
    if (openWindow) openWindow(adx.value);
    else window.open(adx.value, '_blank', 'noopener,noreferrer');
  };
  const adxReason = adx && !adx.ok ? adx.reason : null;
  const reasonId = `${actionsId}-adx-reason`;
  // After an action the menu closes and focus goes back to the Share button, where the status line
  // (a live region) reports the outcome.
  const act = (action: () => void) => () => {
    menu.close(true);
    action();
  };

  if (layout === 'inline') {
    return (
      <div className="share-menu" role="group" aria-label={selectors.share.group.name}>
        <button type="button" onClick={() => void copyLink()} title="Shift+Alt+L">{selectors.share.copyLink.name}</button>
        <button type="button" onClick={openAdx} disabled={!adx?.ok} aria-describedby={adxReason ? reasonId : undefined}>
          {selectors.share.openInAdx.name}
        </button>
        {adxReason ? <span id={reasonId} className="share-reason">{adxReason}</span> : null}
        <button type="button" onClick={() => void copyWithResults()}>{selectors.share.copyWithResults.name}</button>
        <ShareStatus status={status} />
      </div>
    );
  }
  return (
    <div ref={menu.root} className="share-menu share-menu-compact" role="group" aria-label={selectors.share.group.name}>
      <button
        ref={menu.button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        aria-controls={actionsId}
        onClick={menu.onButtonClick}
        onKeyDown={menu.onButtonKeyDown}
      >
        {selectors.share.menu.name} <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu.menu} id={actionsId} role="menu" aria-label={selectors.share.menu.name} className="share-actions" hidden={!menu.open} onKeyDown={menu.onMenuKeyDown}>
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(() => void copyLink())} title="Shift+Alt+L">{selectors.share.copyLink.name}</button>
        {/* A disabled item stays reachable in a menu; its reason is part of what it reads (and shows). */}
        <button type="button" role="menuitem" tabIndex={-1} aria-disabled={!adx?.ok} onClick={adx?.ok ? act(openAdx) : undefined}>
          {selectors.share.openInAdx.name}
          {adxReason ? <span className="share-reason"> — {adxReason}</span> : null}
        </button>
        <button type="button" role="menuitem" tabIndex={-1} onClick={act(() => void copyWithResults())}>{selectors.share.copyWithResults.name}</button>
      </div>
      <ShareStatus status={status} />
    </div>
  );
}

function ShareStatus({ status }: { status: Status }) {
  return <p role="status" aria-label={selectors.share.status.name} className={`share-status share-${status?.tone ?? 'info'}`}>{status?.text ?? ''}</p>;
}
