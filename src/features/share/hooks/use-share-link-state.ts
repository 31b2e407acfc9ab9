import { useEffect, useState } from 'react';
import { decideLinkRun, type LinkRunDecision } from '../link-run-policy';
import { readStartLink } from '../share-url';

export type ShareLinkState =
  | { status: 'reading' }
  /** The page was not opened with a link. */
  | { status: 'none' }
  | { status: 'invalid'; reason: string }
  | {
      status: 'ready';
      clusterUrl: string;
      database: string | null;
      query: string | null;
      parameters: Record<string, string>;
      autorun: boolean;
      /** A "Local files" link: the files its query reads. */
      files?: string[];
      /** The app's own state coming back (a reload, back/forward, or the URL it last wrote in this browser tab), not a link being opened. */
      reloaded: boolean;
      /** Run it now (with its request properties), or the reason shown instead. */
      decision: LinkRunDecision;
    };

/**
 * The link the page was opened with, read once at start (decoding is async: gzip via
 * DecompressionStream). Call it only once signed in: before that the URL must stay as it is,
 * because a sign-in returns to `window.location.href` (auth/api/start-page.ts).
 */
export function useShareLinkState(): ShareLinkState {
  const [state, setState] = useState<ShareLinkState>({ status: 'reading' });
  useEffect(() => {
    let live = true;
    void readStartLink().then((start) => {
      if (!live) return;
      if (start.kind === 'none') setState({ status: 'none' });
      else if (start.kind === 'invalid') setState({ status: 'invalid', reason: start.reason });
      else {
        const { clusterUrl, database, query, parameters, autorun, files } = start.link;
        setState({
          status: 'ready', clusterUrl, database, query, parameters, autorun, reloaded: start.reloaded,
          ...(files ? { files } : {}),
          decision: decideLinkRun({ query, autorun, reloaded: start.reloaded, ...(files ? { files } : {}) }),
        });
      }
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
