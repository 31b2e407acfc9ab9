/**
 * Opens links: the one the page was opened with (once signed in) and those pasted into "Open
 * link", each in a new tab as `planLinkOpen` says, and keeps the notice that says why a link was
 * refused or not run.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import { useShareLinkState, type ShareLinkState } from '../features/share/hooks/use-share-link-state';
import { writeShareUrl } from '../features/share/share-url';
import type { ShareLinkInput } from '../kusto/deep-link';
import { planLinkOpen, type LinkContext, type LinkToOpen } from './link-opening';
import type { RunRequest } from './use-tab-runs';

export interface LinkOpenerOptions extends LinkContext {
  /** Opens a tab with this context and text; returns its id. */
  openTab(tab: { clusterUrl: string; database: string; text: string }): string;
  setParameterValue(name: string, value: string): void;
  run(tabId: string, request: RunRequest): void;
  /** The link's cluster is not in the connection list: ask its tenant, then run `run` if given. */
  askTenant(question: { clusterUrl: string; run: { tabId: string; request: RunRequest } | null }): void;
  /** Local files a link names that are not open. */
  wantFiles(fileNames: readonly string[]): void;
}

export interface LinkOpener {
  /** Returns what the new tab holds, or null when the link was refused. */
  openLink(link: LinkToOpen): ShareLinkInput | null;
  notice: string | null;
  dismissNotice(): void;
  /** Where the page's own link stands: the share-URL sync waits while it is still 'reading'. */
  startLinkStatus: ShareLinkState['status'];
}

export function useLinkOpener(options: LinkOpenerOptions): LinkOpener {
  const { trustedHosts, knownClusters, defaultDatabaseOf, openFileNames, openTab, setParameterValue, run, askTenant, wantFiles } = options;
  const [notice, setNotice] = useState<string | null>(null);

  const openLink = useCallback(
    (link: LinkToOpen): ShareLinkInput | null => {
      const plan = planLinkOpen(link, { trustedHosts, knownClusters, defaultDatabaseOf, openFileNames });
      setNotice(plan.notice);
      if (plan.kind === 'refused') return null;
      const id = openTab(plan.tab);
      for (const [name, value] of Object.entries(plan.parameters)) setParameterValue(name, value);
      if (plan.missingFiles.length > 0) wantFiles(plan.missingFiles);
      // A link carries no tenant: a cluster from the connection list has its own; a new one waits for the user's answer.
      if (plan.askTenant) askTenant({ clusterUrl: plan.tab.clusterUrl, run: plan.run ? { tabId: id, request: plan.run } : null });
      else if (plan.run) run(id, plan.run);
      return plan.opened;
    },
    [trustedHosts, knownClusters, defaultDatabaseOf, openFileNames, openTab, setParameterValue, run, askTenant, wantFiles],
  );

  // The link the page was opened with, once signed in (the URL was left alone until now so MSAL
  // could come back to it). A reload of the app's own URL, or the return from a token redirect,
  // is not a link being opened: the restored tabs already hold it.
  const startLink = useShareLinkState();
  const startLinkHandled = useRef(false);
  useEffect(() => {
    if (startLink.status === 'reading' || startLinkHandled.current) return;
    startLinkHandled.current = true;
    if (startLink.status === 'invalid') setNotice(`The link could not be opened: ${startLink.reason}`);
    else if (startLink.status === 'ready' && !startLink.reloaded) {
      const opened = openLink(startLink);
      // At once rather than after the sync's debounce: from now on a reload is the app's own
      // state coming back, and must not open (and run) the link a second time.
      if (opened) void writeShareUrl(opened);
    }
  }, [startLink, openLink]);

  const dismissNotice = useCallback(() => setNotice(null), []);
  return { openLink, notice, dismissNotice, startLinkStatus: startLink.status };
}
